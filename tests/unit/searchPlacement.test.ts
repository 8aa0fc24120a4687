import { describe, expect, test } from 'vitest';
import { placeSession } from '../../bench/shards/placement.ts';

describe('placeSession()', () => {
  test('placeSession() - the first session opens shard 0', () => {
    expect(placeSession(new Map(), 100)).toBe(0);
  });

  test('placeSession() - fills the newest shard while it has room, then opens the next', () => {
    expect(placeSession(new Map([[0, 100], [1, 40]]), 100)).toBe(1);
    expect(placeSession(new Map([[0, 100], [1, 100]]), 100)).toBe(2);
  });

  test('placeSession() - room freed in an older shard is not refilled: only the newest shard changes during a batch', () => {
    expect(placeSession(new Map([[0, 10], [3, 100]]), 100)).toBe(4);
  });

  test('placeSession() - validation', () => {
    expect(() => placeSession(new Map(), 0)).toThrow('Expected `maxShardChars` to be a number from 1 and up, got `0` (number)');
  });
});
