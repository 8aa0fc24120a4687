import { describe, expect, it } from 'vitest';
import { clock } from '../../src/shared/clock.ts';

describe('clock', () => {
  it('reads minutes and seconds, rounded down', () => {
    expect([0, 5, 59.99, 60, 65, 65.9, 599, 3599].map(clock)).toEqual(['0:00', '0:05', '0:59', '1:00', '1:05', '1:05', '9:59', '59:59']);
  });

  it('adds hours past an hour, with two-digit minutes', () => {
    expect([3600, 3723, 36_000 + 59, 100 * 3600].map(clock)).toEqual(['1:00:00', '1:02:03', '10:00:59', '100:00:00']);
  });

  it('reads a time below zero or not a number as the start', () => {
    expect([-3, -0.5, Number.NaN, Number.POSITIVE_INFINITY].map(clock)).toEqual(['0:00', '0:00', '0:00', '0:00']);
  });
});
