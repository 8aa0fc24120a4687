/**
 * Iterations of `kernel` meant to take about 50 ms on the 2-core reference machine (estimated from
 * V8 in Node on a loaded machine; not yet checked on a quiet one). Fixed, not calibrated per run, so
 * every run does the same work; the measured time per task is reported beside the results.
 */
export const KERNEL_ITERATIONS = 12_000_000;

/**
 * A deterministic, CPU-bound numeric loop (a logistic map and a square root per step). Returns a
 * checksum so that the engine cannot drop the loop as dead code.
 */
export function kernel(iterations: number): number {
  let x = 0.5;
  let sum = 0;
  for (let i = 0; i < iterations; i++) {
    x = 3.9 * x * (1 - x);
    sum += Math.sqrt(x + i);
  }
  return sum;
}
