import * as Comlink from 'comlink';
import type { EnrichWorkerApi } from '../src/shared/protocol.ts';
import { appWorker } from './harness.ts';

/** Scenario 1b: how long a pool worker takes to answer its first call, from `new Worker`. */
export interface WorkerStartResult {
  starts: number;
  /** The app's enrichment worker (the one every pool slot runs, and every respawn makes again). */
  appMs: number;
  /** A worker with the same API and nothing behind it: the browser's own cost of a module worker. */
  bareMs: number;
  /** appMs ÷ bareMs, in this run. */
  ratio: number;
}

const bareWorker = () => new Worker(new URL('./bare.worker.ts', import.meta.url), { type: 'module', name: 'bench-bare' });

async function timeStart(make: () => Worker): Promise<number> {
  const started = performance.now();
  const worker = make();
  try {
    // Any call answers only once the worker's script has run: `spans` reads nothing.
    await Comlink.wrap<EnrichWorkerApi>(worker).spans();
    return performance.now() - started;
  } finally {
    worker.terminate();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Starts each kind of worker `starts` times, in turn, after one start each to warm the HTTP cache; medians. */
export async function workerStarts({ starts }: { starts: number }): Promise<WorkerStartResult> {
  await timeStart(appWorker);
  await timeStart(bareWorker);
  const app: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < starts; i++) {
    app.push(await timeStart(appWorker));
    bare.push(await timeStart(bareWorker));
  }
  const appMs = median(app);
  const bareMs = median(bare);
  return { starts, appMs, bareMs, ratio: appMs / bareMs };
}
