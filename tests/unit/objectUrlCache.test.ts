import { afterEach, describe, expect, test, vi } from 'vitest';
import { ObjectUrlCache } from '../../src/ui/objectUrlCache.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ObjectUrlCache', () => {
  test('.get() - one URL per Blob, made once however often it is asked for', () => {
    const create = vi.spyOn(URL, 'createObjectURL');
    const cache = new ObjectUrlCache(4);
    const blob = new Blob(['a']);
    const url = cache.get(blob);
    expect(cache.get(blob)).toBe(url);
    expect(create).toHaveBeenCalledTimes(1);
    cache.clear();
  });

  test('.get() - past the limit the least recently used URL is revoked', () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const cache = new ObjectUrlCache(2);
    const [a, b, c] = [new Blob(['a']), new Blob(['b']), new Blob(['c'])];
    const urlA = cache.get(a);
    const urlB = cache.get(b);
    cache.get(a); // a is now the most recent: b goes first
    cache.get(c);
    expect(revoke).toHaveBeenCalledTimes(1);
    expect(revoke).toHaveBeenCalledWith(urlB);
    expect(cache.size).toBe(2);
    expect(cache.get(a)).toBe(urlA);
    cache.clear();
  });

  test('.clear() - revokes every URL; a later get() makes a new one', () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const cache = new ObjectUrlCache(8);
    const blob = new Blob(['a']);
    const url = cache.get(blob);
    cache.get(new Blob(['b']));
    cache.clear();
    expect(revoke).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
    expect(cache.get(blob)).not.toBe(url);
    cache.clear();
  });

  test('validation - a limit below 1 is refused', () => {
    expect(() => new ObjectUrlCache(0)).toThrow(new TypeError('Expected `limit` to be a number from 1 and up, got `0` (number)'));
  });
});
