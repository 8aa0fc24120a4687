import { expectNumber } from './options.ts';

/**
 * How long to wait before the next attempt, with "full jitter":
 * `random() × min(capMs, baseMs × 2^(attempt − 1))`.
 *
 * Full jitter spreads retries of jobs that failed together (a stage whose service went down)
 * over the whole window instead of sending them back in a herd.
 *
 * @param attempt Attempts already made, 1-based: after the first failure pass 1.
 * @param baseMs The ceiling after the first attempt, in milliseconds.
 * @param capMs The largest ceiling, in milliseconds.
 * @param random A source of numbers in [0, 1), injected so that tests are deterministic.
 * @returns A delay in milliseconds, in [0, min(capMs, baseMs × 2^(attempt − 1))).
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  expectNumber('attempt', attempt, { min: 1, integer: true });
  expectNumber('baseMs', baseMs, { min: 0 });
  expectNumber('capMs', capMs, { min: 0 });
  // 2 ** n overflows to Infinity for large n; `baseMs === 0` would then give NaN.
  const ceiling = baseMs === 0 ? 0 : Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return random() * ceiling;
}
