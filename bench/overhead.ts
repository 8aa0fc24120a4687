import * as Comlink from 'comlink';
import * as workerpool from 'workerpool';
import workerpoolWorkerUrl from './workerpool.worker.ts?worker&url';
import type { ComlinkBenchApi } from './comlinkApi.ts';
import { WorkerPool, type PoolTask } from '../src/pool/workerPool.ts';
import { addTinySessions, BENCH_TIMEOUT_MS, benchWorker, createEngine, meanLatencyMs, runBatch, settle, stateCounts, withDb } from './harness.ts';

/** One way of running the no-op tasks, measured in one page. */
export interface OverheadFigures {
  jobsPerSec: number;
  /** Mean time from submit (enqueue) to finish over the batch submitted at once. */
  meanLatencyMs: number;
  /** Mean time of one task submitted alone and awaited, repeated. */
  roundTripMs: number;
  /** IndexedDB transactions per job (durable engine only). */
  txPerJob?: number;
  /** Final states of the batch's jobs (engine only): all should be succeeded. */
  states?: Record<string, number>;
}

export interface OverheadResult {
  jobs: number;
  size: number;
  engineDurable: OverheadFigures;
  engineMemory: OverheadFigures;
  /** The engine's WorkerPool and worker runtime alone: no scheduler, no job store. */
  poolOnly: OverheadFigures;
  /** WorkerPool over a worker that answers at once (no runtime): the pool's own cost. */
  poolBare: OverheadFigures;
  workerpool: OverheadFigures;
  comlink: OverheadFigures;
  /** Ratios of this run: engine ÷ peer in jobs/s, durable ÷ in-memory in time. */
  ratios: { vsWorkerpool: number; vsComlink: number; durableOverMemory: number };
}

export interface OverheadOptions {
  jobs: number;
  size: number;
  /** Tasks submitted one at a time for the round trip. */
  roundTrips: number;
  /** Order of the variants in this run (rotated between runs, so no variant always goes first). */
  order: readonly Variant[];
}

export type Variant = 'engineDurable' | 'engineMemory' | 'poolOnly' | 'poolBare' | 'workerpool' | 'comlink';

export const VARIANTS: readonly Variant[] = ['engineDurable', 'engineMemory', 'poolOnly', 'poolBare', 'workerpool', 'comlink'];

/** Scenario 1 and 5: engine overhead on no-op jobs against workerpool and a bare Comlink pool. */
export async function overhead(options: OverheadOptions): Promise<OverheadResult> {
  const figures = {} as Record<Variant, OverheadFigures>;
  for (const variant of options.order) {
    figures[variant] = await RUNNERS[variant](options);
    await settle();
  }
  return {
    jobs: options.jobs,
    size: options.size,
    ...figures,
    // NaN when a variant was left out of `order` (a profiling run of one variant).
    ratios: {
      vsWorkerpool: rate(figures.engineDurable) / rate(figures.workerpool),
      vsComlink: rate(figures.engineDurable) / rate(figures.comlink),
      durableOverMemory: rate(figures.engineMemory) / rate(figures.engineDurable),
    },
  };
}

const rate = (figures: OverheadFigures | undefined): number => figures?.jobsPerSec ?? NaN;

const RUNNERS: Record<Variant, (options: OverheadOptions) => Promise<OverheadFigures>> = {
  engineDurable: (options) => viaEngine(options, true),
  engineMemory: (options) => viaEngine(options, false),
  poolOnly: (options) => viaPool(options, benchWorker),
  poolBare: (options) => viaPool(options, bareWorker),
  workerpool: viaWorkerpool,
  comlink: viaComlink,
};

async function viaEngine({ jobs, size, roundTrips }: OverheadOptions, durable: boolean): Promise<OverheadFigures> {
  return withDb(durable ? 'overhead-idb' : 'overhead-mem', async (db, dbName) => {
    const warm = 4 * size;
    const ids = await addTinySessions(db, warm + jobs + roundTrips);
    const engine = await createEngine({ db, dbName, durable, size });
    try {
      // Warm-up: workers loaded, code paths compiled, the database connection open in every worker.
      await runBatch(engine.scheduler, ids.slice(0, warm), ['bench.noop']);
      const txBefore = engine.idbStore?.transactions ?? 0;
      const batch = await runBatch(engine.scheduler, ids.slice(warm, warm + jobs), ['bench.noop']);
      const tx = (engine.idbStore?.transactions ?? 0) - txBefore;
      const trips: number[] = [];
      for (const id of ids.slice(warm + jobs)) trips.push((await runBatch(engine.scheduler, [id], ['bench.noop'])).ms);
      return {
        jobsPerSec: (jobs * 1000) / batch.ms,
        meanLatencyMs: meanLatencyMs(batch.jobs),
        roundTripMs: trips.reduce((a, b) => a + b, 0) / trips.length,
        ...(durable ? { txPerJob: tx / jobs } : {}),
        states: stateCounts(batch.jobs),
      };
    } finally {
      await engine.close();
    }
  });
}

const bareWorker = () => new Worker(new URL('./bare.worker.ts', import.meta.url), { type: 'module', name: 'bench-bare' });

/**
 * The WorkerPool and the worker runtime (runJob: session and result read from IndexedDB, progress
 * reported) without scheduler or store. The pool never queues, so each slot runs its tasks in turn.
 */
async function viaPool(options: OverheadOptions, createWorker: () => Worker): Promise<OverheadFigures> {
  const { jobs, size, roundTrips } = options;
  return withDb('overhead-pool', async (db, dbName) => {
    const ids = await addTinySessions(db, jobs);
    const pool = new WorkerPool({ size, createWorker });
    const task = (i: number): PoolTask => ({
      request: { jobId: `j${i}`, sessionId: ids[i % ids.length]!, attempt: 1, dbName, stages: ['bench.noop'], skip: {} },
      timeoutMs: BENCH_TIMEOUT_MS,
      onProgress: () => {},
    });
    const inTurn = async (count: number, latency?: Float64Array) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: size }, async () => {
          while (next < count) {
            const i = next++;
            await pool.run(task(i));
            if (latency) latency[i] = performance.now();
          }
        }),
      );
    };
    try {
      await inTurn(4 * size);
      const finished = new Float64Array(jobs);
      const started = performance.now();
      await inTurn(jobs, finished);
      const ms = performance.now() - started;
      let trips = 0;
      for (let i = 0; i < roundTrips; i++) {
        const t = performance.now();
        await pool.run(task(i));
        trips += performance.now() - t;
      }
      // All submitted at `started`, as in the other variants: latency is finish minus batch start.
      return { jobsPerSec: (jobs * 1000) / ms, meanLatencyMs: finished.reduce((a, b) => a + b, 0) / jobs - started, roundTripMs: trips / roundTrips };
    } finally {
      pool.terminate();
    }
  });
}

/** Submits `jobs` tasks at once through `submit`, then `roundTrips` one at a time. */
async function measureSubmits(submit: (i: number) => PromiseLike<unknown>, { jobs, roundTrips }: OverheadOptions): Promise<OverheadFigures> {
  const submitted = new Float64Array(jobs);
  const latency = new Float64Array(jobs);
  const started = performance.now();
  const all: PromiseLike<unknown>[] = new Array(jobs);
  for (let i = 0; i < jobs; i++) {
    submitted[i] = performance.now();
    all[i] = submit(i).then(() => {
      latency[i] = performance.now() - submitted[i]!;
    });
  }
  await Promise.all(all);
  const ms = performance.now() - started;
  let trips = 0;
  for (let i = 0; i < roundTrips; i++) {
    const t = performance.now();
    await submit(i);
    trips += performance.now() - t;
  }
  return { jobsPerSec: (jobs * 1000) / ms, meanLatencyMs: latency.reduce((a, b) => a + b, 0) / jobs, roundTripMs: trips / roundTrips };
}

async function viaWorkerpool(options: OverheadOptions): Promise<OverheadFigures> {
  // Module workers: Vite builds workers as ES modules (worker.format 'es').
  const pool = workerpool.pool(workerpoolWorkerUrl, { maxWorkers: options.size, workerType: 'web', workerOpts: { type: 'module' } });
  try {
    await Promise.all(Array.from({ length: 4 * options.size }, () => pool.exec('noop', [])));
    return await measureSubmits(() => pool.exec('noop', []), options);
  } finally {
    await pool.terminate(true);
  }
}

async function viaComlink(options: OverheadOptions): Promise<OverheadFigures> {
  const workers = Array.from(
    { length: options.size },
    () => new Worker(new URL('./comlink.worker.ts', import.meta.url), { type: 'module', name: 'bench-comlink' }),
  );
  const apis = workers.map((worker) => Comlink.wrap<ComlinkBenchApi>(worker));
  try {
    await Promise.all(Array.from({ length: 4 * options.size }, (_, i) => apis[i % apis.length]!.noop()));
    return await measureSubmits((i) => apis[i % apis.length]!.noop(), options);
  } finally {
    for (const worker of workers) worker.terminate();
  }
}
