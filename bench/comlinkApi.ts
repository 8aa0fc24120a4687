/** What the bare Comlink bench worker exposes (bench/comlink.worker.ts). */
export interface ComlinkBenchApi {
  noop(): null;
  cpu(iterations: number): number;
  /** `count` kernels one after another in the worker: the serial reference of the scaling scenario. */
  serial(count: number, iterations: number): number;
}
