import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import type { EnrichWorkerApi } from '../../src/shared/protocol.ts';
import { openEnricherDb } from '../../src/shared/db.ts';
import type { JobError } from '../../src/shared/job.ts';
import { Scheduler } from '../../src/engine/scheduler.ts';
import { resolveOptions } from '../../src/engine/options.ts';
import { WorkerPool } from '../../src/pool/workerPool.ts';
import { IdbJobStore } from '../../src/store/idbJobStore.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { makeSession, uniqueDbName } from './fixtures/sessions.ts';
import { createTestWorker } from './fixtures/engine.ts';
import { assembledEngines } from './fixtures/assembledEngines.ts';

const slowStart = () => new Worker(new URL('./fixtures/slowStart.worker.ts', import.meta.url), { type: 'module', name: 'slow-start' });
const neverStarts = () => new Worker(new URL('./fixtures/neverStarts.worker.ts', import.meta.url), { type: 'module', name: 'never-starts' });

const opened = assembledEngines();

/** A scheduler over one worker made by `createWorker`, and one stored session; the workers are made at once, as the app makes its pool. */
async function engineOver(createWorker: () => Worker, maxAttempts: number, startLimitMs?: number) {
  const dbName = uniqueDbName();
  const db = await openEnricherDb(dbName);
  const pool = new WorkerPool({ size: 1, createWorker, ...(startLimitMs === undefined ? {} : { startLimitMs }) });
  const scheduler = new Scheduler({ store: new IdbJobStore(db), runner: pool, dbName, owner: 'start', options: resolveOptions({ concurrency: 1, maxAttempts, backoffBaseMs: 10, backoffCapMs: 20 }) });
  opened.push({ db, pool, scheduler, dbName });
  const { session, media } = await makeSession();
  await new SessionStore(db).add(session, media);
  await scheduler.start();
  return { pool, scheduler, sessionId: session.id };
}

describe('a job is timed from its own start on its worker, not from the worker\'s start-up', () => {
  it('a job of 100 ms allowed 800 ms, handed to a worker whose script takes 1.5 s, succeeds on its first attempt', async () => {
    const { pool, scheduler, sessionId } = await engineOver(slowStart, 1);
    const [job] = await scheduler.enqueue([{ sessionId, timeoutMs: 800 }], { batchId: 'b', stages: ['test.sleep'], params: { sleepMs: 100 } });
    await scheduler.drain();
    expect(scheduler.get(job!.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(pool.health().restarts).toBe(0);
  });

  it('a worker that never starts is stopped at the start limit, saying so; the job runs again on a fresh worker', async () => {
    // The one made in its place has run its script already, so the start limit can be short: it
    // must answer within 1 s, which a test worker loading its modules may not do on a busy machine.
    const spare = createTestWorker();
    // Kept to the end: a Comlink proxy collected as garbage tells the worker to stop listening.
    const warm = Comlink.wrap<EnrichWorkerApi>(spare);
    await warm.spans();
    let made = 0;
    // The first worker hangs in its script; the one made in its place (after a delay, as a start
    // that failed) is the spare.
    const { pool, scheduler, sessionId } = await engineOver(() => (made++ === 0 ? neverStarts() : spare), 2, 1_000);
    const errors: JobError[] = [];
    scheduler.subscribe(({ changed }) => {
      for (const id of changed) {
        const job = scheduler.get(id);
        if (job?.state === 'waiting-retry' && job.lastError) errors.push(job.lastError);
      }
    });
    // Allowed 20 s of its own: only the start limit can stop the first attempt in time.
    const [job] = await scheduler.enqueue([{ sessionId, timeoutMs: 20_000 }], { batchId: 'b', stages: ['test.sleep'], params: { sleepMs: 10 } });
    await scheduler.drain();
    expect(scheduler.get(job!.id)).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(errors.map((error) => error.message)).toEqual(['Its worker did not start within 1 s and was stopped.']);
    expect(pool.health()).toMatchObject({ size: 1, restarts: 1 });
    expect(made).toBe(2);
    await warm.spans();
  });
});

describe('pool health while a worker waits to be made again', () => {
  it('a worker stopped for a hung start and not yet replaced counts as respawning, not busy', async () => {
    const pool = new WorkerPool({ size: 1, createWorker: neverStarts, startLimitMs: 300 });
    try {
      const request = { jobId: 'hung-start', sessionId: 'none', attempt: 1, dbName: 'none', stages: ['test.ok'], skip: {} };
      await expect(pool.run({ request, timeoutMs: 20_000, onProgress: () => {} })).rejects.toThrow('Its worker did not start within 0.3 s and was stopped.');
      // A start that failed delays the next one (250 ms at first): the pool holds no live worker now.
      expect(pool.health()).toMatchObject({ size: 1, busy: 0, respawning: 1, restarts: 0 });
      expect(pool.room()).toBe(0);
    } finally {
      pool.terminate();
    }
  });
});
