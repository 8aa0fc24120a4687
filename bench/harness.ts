import { openEnricherDb, type EnricherDb } from '../src/shared/db.ts';
import type { Job } from '../src/shared/job.ts';
import type { SessionRecord } from '../src/shared/session.ts';
import { resolveOptions, type EngineOptionsInput } from '../src/engine/options.ts';
import { Scheduler, type EnqueueItem } from '../src/engine/scheduler.ts';
import { WorkerPool } from '../src/pool/workerPool.ts';
import { IdbJobStore } from '../src/store/idbJobStore.ts';
import { MemoryJobStore } from '../src/store/memoryJobStore.ts';
import type { JobStore } from '../src/store/jobStore.ts';

/** The bench worker: the engine's worker runtime with the 'bench.noop' and 'bench.cpu' stages. */
export const benchWorker = () =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'bench-engine' });

/** The app's own enrichment worker, with the real pipeline. */
export const appWorker = () =>
  new Worker(new URL('../workers/enrich.worker.ts', import.meta.url), { type: 'module', name: 'enrich' });

/** A generous per-job limit: the bench measures throughput, not timeouts. */
export const BENCH_TIMEOUT_MS = 300_000;

let counter = 0;

/** A database name used by one scenario only; delete it afterwards with `deleteDb`. */
export function benchDbName(scenario: string): string {
  return `bench-${scenario}-${Date.now().toString(36)}-${counter++}`;
}

/** Deletes a database, resolving even when another connection blocks it. */
export function deleteDb(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Stores `count` sessions without media (enough for the worker runtime to find them), in one transaction. */
export async function addTinySessions(db: EnricherDb, count: number, prefix = 's'): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  const now = Date.now();
  const tx = db.transaction('sessions', 'readwrite');
  for (const id of ids) {
    const session: SessionRecord = {
      id,
      title: id,
      source: 'import',
      startedAt: null,
      endedAt: null,
      notes: '',
      tags: [],
      screenshots: [],
      audio: [],
      transcript: null,
      importedAt: now,
      warnings: [],
    };
    void tx.store.put(session);
  }
  await tx.done;
  return ids;
}

export interface BenchEngine {
  db: EnricherDb;
  dbName: string;
  scheduler: Scheduler;
  pool: WorkerPool;
  /** Set for the durable engine: its transaction counter tells how well writes were grouped. */
  idbStore: IdbJobStore | null;
  /** Stops the scheduler and the workers and closes the database (it is not deleted). */
  close(): Promise<void>;
}

export interface EngineSetup {
  db: EnricherDb;
  dbName: string;
  /** IndexedDB (the app's path) or memory (the engine's non-durable mode). */
  durable: boolean;
  size: number;
  createWorker?: () => Worker;
  options?: EngineOptionsInput;
}

/** A started scheduler over a real pool, as the app's leader tab builds it (without the rate limiter). */
export async function createEngine(setup: EngineSetup): Promise<BenchEngine> {
  const options = resolveOptions({ retentionMs: Infinity, ...setup.options, concurrency: setup.size });
  const pool = new WorkerPool({ size: setup.size, createWorker: setup.createWorker ?? benchWorker });
  const idbStore = setup.durable ? new IdbJobStore(setup.db) : null;
  const scheduler = new Scheduler({
    store: idbStore ?? new MemoryJobStore(),
    runner: pool,
    dbName: setup.dbName,
    owner: 'bench',
    options,
  });
  await scheduler.start();
  return {
    db: setup.db,
    dbName: setup.dbName,
    scheduler,
    pool,
    idbStore,
    async close() {
      await scheduler.shutdown();
      pool.terminate();
      setup.db.close();
    },
  };
}

/** A job store that times its loads and commits, to split the engine's time from IndexedDB's. */
export function timedStore(store: JobStore): JobStore & { loadMs: number; commitMs: number } {
  const timed = {
    loadMs: 0,
    commitMs: 0,
    async loadJobs() {
      const started = performance.now();
      const jobs = await store.loadJobs();
      timed.loadMs += performance.now() - started;
      return jobs;
    },
    async commit(change: Parameters<JobStore['commit']>[0]) {
      const started = performance.now();
      await store.commit(change);
      timed.commitMs += performance.now() - started;
    },
    // Start-up in pages (IdbJobStore) is timed by the caller: from start() to its first dispatch.
    ...(store.loadInPages ? { loadInPages: () => store.loadInPages!() } : {}),
    loadResult: (sessionId: string) => store.loadResult(sessionId),
    getMeta: <T>(key: string) => store.getMeta<T>(key),
    setMeta: (key: string, value: unknown) => store.setMeta(key, value),
  };
  return timed;
}

/** Opens a fresh database, runs `body` on it, then deletes it whatever happened. */
export async function withDb<T>(scenario: string, body: (db: EnricherDb, dbName: string) => Promise<T>): Promise<T> {
  const dbName = benchDbName(scenario);
  const db = await openEnricherDb(dbName);
  try {
    return await body(db, dbName);
  } finally {
    db.close();
    await deleteDb(dbName);
  }
}

/** One job per session. */
export function itemsFor(sessionIds: readonly string[]): EnqueueItem[] {
  return sessionIds.map((sessionId) => ({ sessionId, timeoutMs: BENCH_TIMEOUT_MS }));
}

/** Enqueues one job per session in one call and waits until every job has finished and is written. */
export async function runBatch(
  scheduler: Scheduler,
  sessionIds: readonly string[],
  stages: readonly string[],
  params?: Record<string, unknown>,
): Promise<{ ms: number; jobs: Job[] }> {
  const started = performance.now();
  const created = await scheduler.enqueue(itemsFor(sessionIds), { batchId: `b${counter++}`, stages, params });
  await scheduler.drain();
  const ms = performance.now() - started;
  return { ms, jobs: created.map((job) => scheduler.get(job.id) ?? job) };
}

/**
 * Like `runBatch`, but stops at `windowMs`: whatever has not finished by then is cancelled (running
 * workers terminated), so a long real batch costs a fixed time. `finished` counts jobs that ended
 * in the window, cancelled ones aside.
 */
export async function runWindow(
  scheduler: Scheduler,
  sessionIds: readonly string[],
  stages: readonly string[],
  windowMs: number,
  params?: Record<string, unknown>,
): Promise<{ ms: number; finished: number; complete: boolean; jobs: Job[] }> {
  const started = performance.now();
  const created = await scheduler.enqueue(itemsFor(sessionIds), { batchId: `w${counter++}`, stages, params });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<'time'>((resolve) => (timer = setTimeout(() => resolve('time'), Math.max(0, windowMs - (performance.now() - started)))));
  const outcome = await Promise.race([scheduler.drain().then(() => 'done' as const), timeUp]);
  clearTimeout(timer);
  const ms = performance.now() - started;
  const current = () => created.map((job) => scheduler.get(job.id) ?? job);
  const finished = current().filter((job) => 'finishedAt' in job && job.state !== 'cancelled').length;
  if (outcome === 'time') {
    await scheduler.cancel(current().filter((job) => !('finishedAt' in job)).map((job) => job.id));
    await scheduler.drain();
  }
  return { ms, finished, complete: outcome === 'done', jobs: current() };
}

/** Mean of `finishedAt - createdAt` over finished jobs (epoch milliseconds, so 1 ms resolution). */
export function meanLatencyMs(jobs: readonly Job[]): number {
  let sum = 0;
  let n = 0;
  for (const job of jobs) {
    if (!('finishedAt' in job)) continue;
    sum += job.finishedAt - job.createdAt;
    n++;
  }
  return n === 0 ? NaN : sum / n;
}

/** Counts of jobs per final state, so a run that silently failed its jobs shows it. */
export function stateCounts(jobs: readonly Job[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const job of jobs) counts[job.state] = (counts[job.state] ?? 0) + 1;
  return counts;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Lets pending tasks, GC and worker teardown settle between measurements. */
export function settle(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Forces a major GC when Chromium runs with --js-flags=--expose-gc; a no-op otherwise. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
