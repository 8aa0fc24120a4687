import { unwrap } from 'idb';
import { openEnricherDb } from '../src/shared/db.ts';
import { isTerminal, type Job } from '../src/shared/job.ts';
import { resolveOptions } from '../src/engine/options.ts';
import { Scheduler, type JobRunner } from '../src/engine/scheduler.ts';
import { WorkerPool } from '../src/pool/workerPool.ts';
import { IdbJobStore } from '../src/store/idbJobStore.ts';
import { addTinySessions, benchDbName, benchWorker, deleteDb, itemsFor, settle, timedStore } from './harness.ts';

/** Sessions stored for the first jobs of a big queue, so that the first ones to run succeed. */
const STORED_SESSIONS = 1000;

/** A runner for a paused scheduler: enqueue only writes. */
const idleRunner: JobRunner = {
  size: 1,
  run: () => Promise.reject(new Error('This scheduler only enqueues.')),
  health: () => ({ size: 1, busy: 0, respawning: 0, restarts: 0, jobsRun: 0, errors: 0 }),
};

export interface EnqueueFigure {
  jobs: number;
  /** One `enqueue()` call: job records built and committed in one transaction. */
  ms: number;
  /** Of which the store's commit, from call to durable. */
  commitMs: number;
  /** Jobs in the database afterwards: fewer than `jobs` means job ids collided. */
  stored: number;
  jobsPerSec: number;
  /** The floor: the same job records put one record each, in one transaction, with plain IndexedDB (no engine, no pacing), in the same page. */
  rawPutMs: number;
  /** navigator.storage.estimate() usage after minus before. */
  bytes: number;
  bytesPerJob: number;
}

export interface EnqueueScaleResult {
  figures: EnqueueFigure[];
  /** The database left holding the largest queue, for `recover()` after a fresh page load. */
  keptDb: string;
}

/**
 * Scenario 6, first half: time to enqueue each count in one call on a scheduler that is not
 * started, so nothing runs. The largest queue is kept for the recovery half.
 */
export async function enqueueScale({ counts }: { counts: readonly number[] }): Promise<EnqueueScaleResult> {
  const figures: EnqueueFigure[] = [];
  let keptDb = '';
  const largest = Math.max(...counts);
  for (const jobs of counts) {
    const dbName = benchDbName('scale');
    const db = await openEnricherDb(dbName);
    const ids = Array.from({ length: jobs }, (_, i) => `s${i}`);
    await addTinySessions(db, Math.min(jobs, STORED_SESSIONS));
    await settle(500);
    const before = (await navigator.storage.estimate()).usage ?? 0;
    const store = timedStore(new IdbJobStore(db));
    const scheduler = new Scheduler({ store, runner: idleRunner, dbName, owner: 'bench-enqueue', options: resolveOptions({ concurrency: 1 }) });
    // Commands wait for a loaded queue: start it paused over the empty database, so nothing runs.
    await store.setMeta('paused', true);
    await scheduler.start();
    const started = performance.now();
    const created = await scheduler.enqueue(itemsFor(ids), { batchId: 'scale', stages: ['bench.noop'] });
    const ms = performance.now() - started;
    scheduler.abandon();
    // The recovery half must find a queue that runs.
    await store.setMeta('paused', false);
    // Records and packed jobs (a big enqueue is stored a few hundred jobs to a record).
    const stored = (await db.count('jobs')) + (await db.getAll('jobPacks')).reduce((sum, pack) => sum + pack.ids.length, 0);
    db.close();
    // Chromium updates its usage figure after the commit; give it a moment.
    await settle(1000);
    const bytes = ((await navigator.storage.estimate()).usage ?? 0) - before;
    const rawPutMs = await rawPuts(created);
    figures.push({ jobs, ms, commitMs: store.commitMs, stored, jobsPerSec: (jobs * 1000) / ms, rawPutMs, bytes, bytesPerJob: bytes / jobs });
    if (jobs === largest && keptDb === '') keptDb = dbName;
    else await deleteDb(dbName);
  }
  return { figures, keptDb };
}

/** Puts `jobs` into a fresh database, one record each, all queued at once in one transaction: what IndexedDB itself costs. */
async function rawPuts(jobs: readonly Job[]): Promise<number> {
  const dbName = benchDbName('raw-put');
  const db = await openEnricherDb(dbName);
  await settle(500);
  const started = performance.now();
  const tx = unwrap(db).transaction('jobs', 'readwrite', { durability: 'relaxed' });
  const store = tx.objectStore('jobs');
  for (const job of jobs) store.put(job);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error);
  });
  const ms = performance.now() - started;
  db.close();
  await deleteDb(dbName);
  return ms;
}

export interface RecoveryResult {
  jobs: number;
  /** Milliseconds since navigation start (performance.timeOrigin) for each step. */
  scriptStartMs: number;
  dbOpenMs: number;
  /** The first job dispatched (its worker started): the scheduler is running. */
  schedulingMs: number;
  /** scheduler.start() resolved: every stored job in memory, commands taken. */
  loadedMs: number;
  /** The first job finished (its result committed). */
  firstDoneMs: number;
  /** From scheduler.start() to the first dispatch: the first page read, orphans recovered. */
  startMs: number;
  /** From scheduler.start() to the whole queue in memory (read in pages, while jobs run). */
  loadMs: number;
  running: number;
}

/**
 * Scenario 6, second half, run by the bench page itself on load (`?recover=<db>&size=<n>`), so the
 * clock starts at navigation: opens the database, starts a scheduler over the stored queue, waits
 * for the first finished job and the whole queue loaded, then stops and deletes the database.
 */
export async function recover(dbName: string, size: number): Promise<RecoveryResult> {
  const scriptStartMs = performance.now();
  const db = await openEnricherDb(dbName);
  const dbOpenMs = performance.now();
  const pool = new WorkerPool({ size, createWorker: benchWorker });
  const store = new IdbJobStore(db);
  const scheduler = new Scheduler({ store, runner: pool, dbName, owner: 'bench-recover', options: resolveOptions({ concurrency: size }) });
  let firstRunning = 0;
  let firstDone = 0;
  let running = 0;
  const done = new Promise<void>((resolve) => {
    scheduler.subscribe(({ changed }) => {
      for (const id of changed) {
        const state = scheduler.get(id)?.state ?? 'queued';
        if (firstRunning === 0 && state === 'running') {
          firstRunning = performance.now();
          running = [...scheduler.all()].filter((job) => job.state === 'running').length;
        }
        if (firstDone === 0 && isTerminal(state)) {
          firstDone = performance.now();
          resolve();
        }
      }
    });
  });
  try {
    const startAt = performance.now();
    await scheduler.start();
    const loadedMs = performance.now();
    await done;
    return {
      jobs: [...scheduler.all()].length,
      scriptStartMs,
      dbOpenMs,
      schedulingMs: firstRunning,
      loadedMs,
      firstDoneMs: firstDone,
      startMs: firstRunning - startAt,
      loadMs: loadedMs - startAt,
      running,
    };
  } finally {
    scheduler.abandon();
    pool.terminate();
    db.close();
    await deleteDb(dbName);
  }
}
