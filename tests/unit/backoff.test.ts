import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/engine/backoff.ts';

const justUnderOne = () => 1 - Number.EPSILON;

describe('backoffDelay()', () => {
  it('scales the ceiling by random() (full jitter)', () => {
    expect(backoffDelay(1, 1000, 30_000, () => 0.5)).toBe(500);
    expect(backoffDelay(3, 1000, 30_000, () => 0.25)).toBe(1000);
  });

  it('returns 0 when random() returns 0', () => {
    expect(backoffDelay(5, 1000, 30_000, () => 0)).toBe(0);
  });

  it('doubles the ceiling with every attempt made', () => {
    const ceilings = [1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, 100, 1_000_000, () => 0.5) * 2);
    expect(ceilings).toEqual([100, 200, 400, 800, 1600]);
  });

  it('never goes over the cap, even after very many attempts', () => {
    expect(backoffDelay(6, 1000, 30_000, () => 0.5)).toBe(15_000);
    expect(backoffDelay(10_000, 1000, 30_000, justUnderOne)).toBeLessThan(30_000);
    expect(backoffDelay(10_000, 1000, 30_000, justUnderOne)).toBeGreaterThan(29_999);
  });

  it('stays within [0, ceiling) for every attempt and draw', () => {
    let state = 7;
    // A small deterministic generator in [0, 1).
    const random = () => {
      state = (state * 48_271) % 2_147_483_647;
      return (state - 1) / 2_147_483_646;
    };
    for (let attempt = 1; attempt <= 40; attempt++) {
      const ceiling = Math.min(30_000, 1000 * 2 ** (attempt - 1));
      for (let draw = 0; draw < 50; draw++) {
        const delay = backoffDelay(attempt, 1000, 30_000, random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });

  it('calls random() once per delay', () => {
    let calls = 0;
    backoffDelay(2, 1000, 30_000, () => {
      calls += 1;
      return 0.1;
    });
    expect(calls).toBe(1);
  });

  it('returns 0 with a zero base, however many attempts', () => {
    expect(backoffDelay(5000, 0, 30_000, () => 0.9)).toBe(0);
  });

  it('rejects an attempt below 1 or not whole', () => {
    expect(() => backoffDelay(0, 1000, 30_000, () => 0.5)).toThrow(
      new TypeError('Expected `attempt` to be an integer from 1 and up, got `0` (number)'),
    );
    expect(() => backoffDelay(1.5, 1000, 30_000, () => 0.5)).toThrow(TypeError);
  });
});
