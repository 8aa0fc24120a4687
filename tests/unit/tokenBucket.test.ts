import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/engine/tokenBucket.ts';

function setup(capacity = 4, refillPerSecond = 2, tokens?: number) {
  const time = { now: 1000 };
  const bucket = new TokenBucket({ capacity, refillPerSecond, clock: () => time.now, tokens });
  return { time, bucket };
}

describe('TokenBucket', () => {
  it('.tryTake() - allows a burst up to capacity, then refuses', () => {
    const { bucket } = setup(4, 2);
    expect([1, 2, 3, 4, 5].map(() => bucket.tryTake())).toEqual([true, true, true, true, false]);
  });

  it('.tryTake() - refills at refillPerSecond on the injected clock', () => {
    const { time, bucket } = setup(4, 2, 0);
    expect(bucket.tryTake()).toBe(false);
    time.now += 499;
    expect(bucket.tryTake()).toBe(false);
    time.now += 1;
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
  });

  it('.tryTake() - never holds more than capacity', () => {
    const { time, bucket } = setup(3, 10, 0);
    time.now += 60_000;
    expect(bucket.snapshot().tokens).toBe(3);
  });

  it('.tryTake(n) - takes several tokens at once, or none', () => {
    const { bucket } = setup(4, 1);
    expect(bucket.tryTake(3)).toBe(true);
    expect(bucket.tryTake(2)).toBe(false);
    expect(bucket.snapshot().tokens).toBe(1);
  });

  it('.msUntil() - 0 when tokens are there, otherwise the wait, rounded up', () => {
    const { time, bucket } = setup(2, 3, 0);
    expect(bucket.msUntil()).toBe(334);
    expect(bucket.msUntil(2)).toBe(667);
    time.now += 334;
    expect(bucket.msUntil()).toBe(0);
    expect(bucket.tryTake()).toBe(true);
  });

  it('.msUntil() - waiting that long always lets .tryTake() succeed', () => {
    const { time, bucket } = setup(5, 7, 0);
    for (let i = 0; i < 100; i++) {
      time.now += bucket.msUntil();
      expect(bucket.tryTake()).toBe(true);
    }
  });

  it('does not drain when the clock steps back', () => {
    const { time, bucket } = setup(4, 1);
    time.now -= 10_000;
    expect(bucket.snapshot().tokens).toBe(4);
  });

  it('.snapshot() - plain data', () => {
    const { bucket } = setup(4, 2);
    bucket.tryTake();
    expect(structuredClone(bucket.snapshot())).toEqual({ tokens: 3, capacity: 4, refillPerSecond: 2 });
  });

  it('rejects bad settings and requests it could never grant', () => {
    expect(() => setup(0, 1)).toThrow(new TypeError('Expected `capacity` to be a number from 1 and up, got `0` (number)'));
    expect(() => setup(4, 0)).toThrow(
      new TypeError('Expected `refillPerSecond` to be a number greater than 0, got `0` (number)'),
    );
    expect(() => setup(4, 1, 5)).toThrow(TypeError);
    const { bucket } = setup(4, 1);
    expect(() => bucket.tryTake(5)).toThrow(new TypeError('Expected `n` to be a number from 0 to 4, got `5` (number)'));
    expect(() => bucket.msUntil(-1)).toThrow(TypeError);
  });
});
