import { afterEach, describe, expect, it } from 'vitest';
import { openEnricherDb, type EnricherDb } from '../../src/shared/db.ts';
import type { Job } from '../../src/shared/job.ts';
import { resolveOptions } from '../../src/engine/options.ts';
import { Scheduler } from '../../src/engine/scheduler.ts';
import { WorkerPool, type BatchOptions } from '../../src/pool/workerPool.ts';
import { IdbJobStore } from '../../src/store/idbJobStore.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { createTestWorker } from './fixtures/engine.ts';
import { deleteDatabase, makeSession, uniqueDbName } from './fixtures/sessions.ts';
import { waitFor, waitForJob } from './fixtures/waitFor.ts';
import { readStoredJob } from '../../src/shared/runningJobs.ts';

/** One worker that is handed batches of up to 4 jobs, over a real IndexedDB, with every state and result it commits seen. */
interface BatchRig {
  db: EnricherDb;
  pool: WorkerPool;
  scheduler: Scheduler;
  /** Each job's states in the order the scheduler held them, with the run id of each running one. */
  history: Map<string, string[]>;
  /** Result records committed per session, counted at the store. */
  resultCommits: Map<string, number>;
  /** The most jobs the worker held at once (handed to the pool, not settled by it). */
  mostHeld(): number;
  /** Queues one job on a new session, running `stages`. */
  add(stages: string[], params?: Record<string, unknown>, timeoutMs?: number): Promise<Job>;
  /** Queues one job on each of `count` new sessions, in one call. */
  addMany(count: number, stages: string[]): Promise<Job[]>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(batch: Partial<BatchOptions> = { max: 4, shortJobMs: Infinity, handBackMs: Infinity }, size = 1): Promise<BatchRig> {
  const dbName = uniqueDbName();
  const db = await openEnricherDb(dbName);
  const pool = new WorkerPool({ size, createWorker: createTestWorker, batch });
  let held = 0;
  let mostHeld = 0;
  const run = pool.run.bind(pool);
  pool.run = (task) => {
    mostHeld = Math.max(mostHeld, ++held);
    const ran = run(task);
    const release = () => void held--;
    ran.then(release, release);
    return ran;
  };
  const store = new IdbJobStore(db);
  const resultCommits = new Map<string, number>();
  const commit = store.commit.bind(store);
  store.commit = (change) => {
    for (const result of change.results ?? []) resultCommits.set(result.sessionId, (resultCommits.get(result.sessionId) ?? 0) + 1);
    return commit(change);
  };
  const options = resolveOptions({ concurrency: size, backoffBaseMs: 10, backoffCapMs: 20 });
  const scheduler = new Scheduler({ store, runner: pool, dbName, owner: 'batch-tab', options });
  const history = new Map<string, string[]>();
  scheduler.subscribe(({ changed }) => {
    for (const id of changed) {
      const job = scheduler.get(id);
      if (!job) continue;
      const seen = history.get(id) ?? [];
      const state = job.state === 'running' ? `running:${job.lease.runId}` : job.state;
      if (seen.at(-1) !== state) seen.push(state);
      history.set(id, seen);
    }
  });
  cleanups.push(async () => {
    scheduler.abandon();
    pool.terminate();
    db.close();
    await deleteDatabase(dbName);
  });
  const sessions = new SessionStore(db);
  await scheduler.start();
  return {
    db,
    pool,
    scheduler,
    history,
    resultCommits,
    mostHeld: () => mostHeld,
    async add(stages, params, timeoutMs = 20_000) {
      const { session, media } = await makeSession();
      await sessions.add(session, media);
      const [job] = await scheduler.enqueue([{ sessionId: session.id, timeoutMs }], { batchId: 'b', stages, params });
      return job!;
    },
    async addMany(count, stages) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const { session, media } = await makeSession();
        await sessions.add(session, media);
        ids.push(session.id);
      }
      return scheduler.enqueue(
        ids.map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
        { batchId: 'many', stages },
      );
    },
  };
}

/** One quick job first: the worker's latest run is then short, so it takes batches. */
async function warm(r: BatchRig): Promise<void> {
  await r.add(['test.ok']);
  await r.scheduler.drain();
}

const runIds = (r: BatchRig, id: string) => (r.history.get(id) ?? []).filter((s) => s.startsWith('running:')).map((s) => s.slice(8));

describe('batches of short jobs on one worker', () => {
  it('a worker that crashes mid-batch: the crashed job spends an attempt, the jobs behind it none; each result is committed once, by its last run', async () => {
    const r = await rig();
    await warm(r);
    await r.scheduler.pause();
    const before = await r.add(['test.ok']);
    const crasher = await r.add(['test.closeTimes'], { closeTimes: 1 });
    const behind = [await r.add(['test.ok']), await r.add(['test.ok'])];
    await r.scheduler.resume();
    await waitFor(() => runIds(r, behind[1]!.id).length > 0, { what: 'the last job to be handed to the worker with the others' });
    await r.scheduler.drain();

    expect(r.mostHeld()).toBe(4);
    const all = [before, crasher, ...behind];
    for (const job of all) expect(r.scheduler.get(job.id)?.state).toBe('succeeded');
    expect(r.scheduler.get(before.id)).toMatchObject({ attempts: 1 });
    expect(r.scheduler.get(crasher.id)).toMatchObject({ attempts: 2 });
    for (const job of behind) {
      // Handed to the worker with the crasher, put back when it crashed, run again: no attempt or crash spent.
      expect(r.history.get(job.id)).toEqual(['queued', expect.stringMatching(/^running:/), 'queued', expect.stringMatching(/^running:/), 'succeeded']);
      const stored = await readStoredJob(r.db, job.id);
      expect(stored).toMatchObject({ state: 'succeeded', attempts: 1 });
      expect(stored).not.toHaveProperty('crashes');
    }
    for (const job of all) {
      expect(r.resultCommits.get(job.sessionId)).toBe(1);
      const result = await r.db.get('results', job.sessionId);
      expect(result).toMatchObject({ jobId: job.id, runId: runIds(r, job.id).at(-1) });
    }
    expect(r.pool.health().restarts).toBe(1);
  });

  it('a cancel of a job waiting in the batch takes it out without stopping the worker or its neighbours', async () => {
    const r = await rig();
    await warm(r);
    await r.scheduler.pause();
    const head = await r.add(['test.sleep'], { sleepMs: 400 });
    const cancelled = await r.add(['test.ok']);
    const after = await r.add(['test.ok']);
    await r.scheduler.resume();
    await waitForJob(r.scheduler, after.id, 'running');
    await r.scheduler.cancel([cancelled.id]);
    await r.scheduler.drain();

    expect(r.scheduler.get(head.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(r.scheduler.get(after.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(await readStoredJob(r.db, cancelled.id)).toMatchObject({ state: 'cancelled' });
    expect(await r.db.get('results', cancelled.sessionId)).toBeUndefined();
    const ran = new Set((await r.pool.spans()).map((span) => span.jobId));
    expect(ran.has(cancelled.id)).toBe(false);
    expect(ran.has(head.id) && ran.has(after.id)).toBe(true);
    expect(r.pool.health().restarts).toBe(0);
  });

  it('a job waiting behind another is timed from its own start, and a timeout ahead of it does not spend its attempt', async () => {
    const r = await rig();
    await warm(r);
    await r.scheduler.pause();
    // 1,000 ms of sleep ahead of a job of 100 ms allowed 800 ms: timed from dispatch it would be
    // stopped; timed from its own start it has 700 ms to spare, for a loaded machine.
    const first = await r.add(['test.sleep'], { sleepMs: 1_000 }, 5_000);
    const second = await r.add(['test.sleep'], { sleepMs: 100 }, 800);
    // Its retry runs on a fresh worker, timed from the worker's start (tests/browser/workerStart.test.ts).
    const spinner = await r.add(['test.spin'], { spinAttempts: 1 }, 1_500);
    const behind = await r.add(['test.ok']);
    await r.scheduler.resume();
    await r.scheduler.drain();

    expect(r.mostHeld()).toBe(4);
    expect(r.scheduler.get(first.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(r.scheduler.get(second.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(r.scheduler.get(spinner.id)).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(r.scheduler.get(behind.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(r.pool.health().restarts).toBe(1);
  });

  it('many short jobs over two workers, topped up half a batch at a time: each finds a place and succeeds on its first attempt', async () => {
    const r = await rig({ max: 8, shortJobMs: Infinity, handBackMs: Infinity }, 2);
    await r.addMany(2, ['test.ok']);
    await r.scheduler.drain();
    await r.scheduler.pause();
    const jobs = await r.addMany(60, ['test.ok']);
    await r.scheduler.resume();
    await r.scheduler.drain();

    expect(r.mostHeld()).toBe(16);
    for (const job of jobs) expect(r.scheduler.get(job.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(await r.db.count('results')).toBe(62);
  });

  it('a job waiting in a batch behind a long one moves to the other worker once that one falls idle', async () => {
    const r = await rig({ max: 4, shortJobMs: Infinity, handBackMs: Infinity }, 2);
    // One quick job on each worker: both take batches from then on.
    await r.addMany(2, ['test.ok']);
    await r.scheduler.drain();
    await r.scheduler.pause();
    // Handed out in order to the worker holding fewer: [long, stuck] on one, [short, other] on the other.
    const long = await r.add(['test.sleep'], { sleepMs: 2_500 });
    const short = await r.add(['test.sleep'], { sleepMs: 100 });
    const stuck = await r.add(['test.ok']);
    const other = await r.add(['test.ok']);
    let longWhenStuckEnded: string | undefined;
    r.scheduler.subscribe(({ changed }) => {
      if (changed.includes(stuck.id) && r.scheduler.get(stuck.id)?.state === 'succeeded') longWhenStuckEnded ??= r.scheduler.get(long.id)?.state;
    });
    await r.scheduler.resume();
    await r.scheduler.drain();

    expect(r.mostHeld()).toBe(4);
    // Without the move it would wait the long job's 2.5 s on its worker while the other stood idle.
    expect(longWhenStuckEnded).toBe('running');
    for (const job of [long, short, stuck, other]) {
      expect(r.scheduler.get(job.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
      expect(r.resultCommits.get(job.sessionId)).toBe(1);
      // One run each: a move within the pool is not a new attempt, and the result names that run.
      expect(runIds(r, job.id)).toHaveLength(1);
      expect(await r.db.get('results', job.sessionId)).toMatchObject({ jobId: job.id, runId: runIds(r, job.id)[0] });
    }
    const spans = await r.pool.spans();
    expect(spans.filter((span) => span.jobId === stuck.id)).toHaveLength(1);
    expect(r.pool.health().restarts).toBe(0);
  });

  it('jobs waiting behind one that turns out long go back to the queue: a job put first then runs before them', async () => {
    const r = await rig({ max: 4, shortJobMs: 200, handBackMs: 300 });
    // Five runs: the first on a fresh worker counts its start-up, which may pass 200 ms, and the
    // worker takes batches once its latest four were short.
    for (let i = 0; i < 5; i++) await warm(r);
    await r.scheduler.pause();
    const long = await r.add(['test.sleep'], { sleepMs: 1_500 });
    const behind = [await r.add(['test.ok']), await r.add(['test.ok']), await r.add(['test.ok'])];
    const later = await r.add(['test.ok']);
    const ended: string[] = [];
    r.scheduler.subscribe(({ changed }) => {
      for (const id of changed) if (r.scheduler.get(id)?.state === 'succeeded' && !ended.includes(id)) ended.push(id);
    });
    await r.scheduler.resume();
    await waitForJob(r.scheduler, behind[2]!.id, 'running');
    // "Enrich now" on a session still queued, while the long job runs with three handed to its worker behind it.
    await r.scheduler.reprioritize([later.id], 'high');
    await r.scheduler.drain();

    expect(r.mostHeld()).toBe(4);
    expect(ended.slice(0, 2)).toEqual([long.id, later.id]);
    for (const job of behind) {
      // Handed to the worker, given back unstarted, run again: no attempt or crash spent.
      expect(r.history.get(job.id)).toEqual(['queued', expect.stringMatching(/^running:/), 'queued', expect.stringMatching(/^running:/), 'succeeded']);
      expect(await readStoredJob(r.db, job.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
      expect(r.resultCommits.get(job.sessionId)).toBe(1);
      expect(await r.db.get('results', job.sessionId)).toMatchObject({ jobId: job.id, runId: runIds(r, job.id).at(-1) });
    }
    expect(r.pool.health().restarts).toBe(0);
  });

  it('a worker whose latest jobs were long is handed one job at a time', async () => {
    const r = await rig({ max: 4, shortJobMs: 100 });
    await r.add(['test.sleep'], { sleepMs: 200 });
    await r.scheduler.drain();
    const jobs = [];
    for (let i = 0; i < 3; i++) jobs.push(await r.add(['test.sleep'], { sleepMs: 200 }));
    await r.scheduler.drain();
    expect(r.mostHeld()).toBe(1);
    for (const job of jobs) expect(r.scheduler.get(job.id)?.state).toBe('succeeded');
  });
});
