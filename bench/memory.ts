import { addTinySessions, collectGarbage, createEngine, runBatch, settle, stateCounts, withDb } from './harness.ts';

/** Chromium's non-standard heap figures; precise only with --enable-precise-memory-info. */
function usedHeap(): number {
  return (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
}

/** How often the heap is sampled during a batch. */
const SAMPLE_EVERY_MS = 20;

export interface MemoryFigure {
  jobs: number;
  /** Heap after a forced GC with the engine started and warm, before the batch. */
  baselineBytes: number;
  /** Highest sampled heap during the batch, minus the baseline. */
  peakBytes: number;
  /** Heap after the batch and a forced GC, minus the baseline: what the engine keeps (its job map). */
  retainedBytes: number;
  peakPerJob: number;
  retainedPerJob: number;
  /** JSON length of one finished job record: a rough size of the data the scheduler must hold. */
  jobJsonBytes: number;
  samples: number;
  states: Record<string, number>;
}

/** Scenario 7: main-thread JS heap during batches of no-op jobs through the durable engine. */
export async function memory({ counts, size }: { counts: readonly number[]; size: number }): Promise<{ figures: MemoryFigure[]; gcExposed: boolean }> {
  const figures: MemoryFigure[] = [];
  for (const jobs of counts) {
    figures.push(
      await withDb('memory', async (db, dbName) => {
        const warm = 4 * size;
        const ids = await addTinySessions(db, warm + jobs);
        const engine = await createEngine({ db, dbName, durable: true, size });
        try {
          await runBatch(engine.scheduler, ids.slice(0, warm), ['bench.noop']);
          collectGarbage();
          await settle();
          const baselineBytes = usedHeap();
          let peak = baselineBytes;
          let samples = 0;
          const timer = setInterval(() => {
            peak = Math.max(peak, usedHeap());
            samples++;
          }, SAMPLE_EVERY_MS);
          const batch = await runBatch(engine.scheduler, ids.slice(warm), ['bench.noop']);
          clearInterval(timer);
          peak = Math.max(peak, usedHeap());
          collectGarbage();
          await settle();
          const retainedBytes = usedHeap() - baselineBytes;
          const peakBytes = peak - baselineBytes;
          const last = batch.jobs.at(-1);
          return {
            jobs,
            baselineBytes,
            peakBytes,
            retainedBytes,
            peakPerJob: peakBytes / jobs,
            retainedPerJob: retainedBytes / jobs,
            jobJsonBytes: last ? JSON.stringify(last).length : 0,
            samples,
            states: stateCounts(batch.jobs),
          };
        } finally {
          await engine.close();
        }
      }),
    );
    await settle();
  }
  return { figures, gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function' };
}
