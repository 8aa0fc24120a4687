import * as Comlink from 'comlink';
import { PIPELINE_STAGES } from '../src/shared/pipeline.ts';
import type { ComlinkBenchApi } from './comlinkApi.ts';
import { addTinySessions, appWorker, createEngine, runBatch, settle, stateCounts, withDb } from './harness.ts';
import { KERNEL_ITERATIONS } from './kernel.ts';
import type { Library } from './library.ts';

export interface ScalingPoint {
  size: number;
  ms: number;
  /** Serial time ÷ this time. */
  speedup: number;
  /** Speedup ÷ pool size. */
  efficiency: number;
  states: Record<string, number>;
}

export interface ScalingResult {
  tasks: number;
  iterations: number;
  /** The same kernels one after another in one bare worker. */
  serialMs: number;
  /** Serial time per kernel: what "about 50 ms" came to on this machine. */
  kernelMs: number;
  points: ScalingPoint[];
  /** OCR of the sample screenshots by the app's worker, when the pipeline has an 'ocr' stage. */
  ocr: { sessions: number; screenshots: number; points: Array<{ size: number; ms: number; speedup: number; efficiency: number; states: Record<string, number> }> } | { skipped: string };
}

export interface ScalingOptions {
  tasks: number;
  maxSize: number;
  /** The sample library for the optional OCR part; null skips it. */
  library: Library | null;
  /** Sample sessions whose screenshots the OCR part reads (the first ones of the library). */
  ocrSessions: number;
}

/** Scenario 2: a fixed CPU kernel per job through the engine, pool sizes 1..maxSize, against serial. */
export async function scaling({ tasks, maxSize, library, ocrSessions }: ScalingOptions): Promise<ScalingResult> {
  const serialMs = await serialKernels(tasks);
  const points: ScalingPoint[] = [];
  for (let size = 1; size <= maxSize; size++) {
    const { ms, states } = await withDb('scaling', async (db, dbName) => {
      const ids = await addTinySessions(db, tasks + size);
      const engine = await createEngine({ db, dbName, durable: true, size });
      try {
        // One kernel per worker first, as the serial worker ran one: neither worker start-up nor the
        // kernel's first, not yet compiled run is counted.
        await runBatch(engine.scheduler, ids.slice(tasks), ['bench.cpu'], { iterations: KERNEL_ITERATIONS });
        const batch = await runBatch(engine.scheduler, ids.slice(0, tasks), ['bench.cpu'], { iterations: KERNEL_ITERATIONS });
        return { ms: batch.ms, states: stateCounts(batch.jobs) };
      } finally {
        await engine.close();
      }
    });
    const speedup = serialMs / ms;
    points.push({ size, ms, speedup, efficiency: speedup / size, states });
    await settle();
  }
  return { tasks, iterations: KERNEL_ITERATIONS, serialMs, kernelMs: serialMs / tasks, points, ocr: await ocrScaling(maxSize, library, ocrSessions) };
}

async function serialKernels(tasks: number): Promise<number> {
  const worker = new Worker(new URL('./comlink.worker.ts', import.meta.url), { type: 'module', name: 'bench-serial' });
  try {
    const api = Comlink.wrap<ComlinkBenchApi>(worker);
    await api.cpu(KERNEL_ITERATIONS); // warm: module loaded and the loop compiled
    const started = performance.now();
    await api.serial(tasks, KERNEL_ITERATIONS);
    return performance.now() - started;
  } finally {
    worker.terminate();
  }
}

/** OCR through the app's worker with pool sizes 1..maxSize; speedup is against the pool of 1. */
async function ocrScaling(maxSize: number, library: Library | null, sessions: number): Promise<ScalingResult['ocr']> {
  if (!(PIPELINE_STAGES as readonly string[]).includes('ocr')) return { skipped: "the pipeline has no 'ocr' stage yet (src/shared/pipeline.ts)" };
  if (!library) return { skipped: 'no sample library' };
  const ids = library.sampleIds.slice(0, sessions);
  const points: Array<{ size: number; ms: number; speedup: number; efficiency: number; states: Record<string, number> }> = [];
  for (let size = 1; size <= maxSize; size++) {
    await library.resetQueue();
    const engine = await createEngine({ db: await library.open(), dbName: library.dbName, durable: true, size, createWorker: appWorker });
    try {
      // Every worker starts its text reader once before the clock starts.
      await runBatch(engine.scheduler, ids.slice(0, size), ['ocr']);
      const batch = await runBatch(engine.scheduler, ids, ['ocr']);
      const failed = batch.jobs.find((job) => job.lastError?.message.includes('no step called'));
      if (failed) return { skipped: "the app's worker does not register an 'ocr' stage yet" };
      const base = points[0]?.ms ?? batch.ms;
      points.push({ size, ms: batch.ms, speedup: base / batch.ms, efficiency: base / batch.ms / size, states: stateCounts(batch.jobs) });
    } finally {
      await engine.close();
    }
    await settle();
  }
  await library.resetQueue();
  return { sessions: ids.length, screenshots: await library.screenshotCount(ids), points };
}
