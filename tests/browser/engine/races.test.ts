import { describe, expect, it } from 'vitest';
import { resolveOptions, type EngineOptionsInput } from '../../../src/engine/options.ts';
import { Scheduler } from '../../../src/engine/scheduler.ts';
import type { JobStore } from '../../../src/store/jobStore.ts';
import { engineFactory, type TestEngine } from '../fixtures/engine.ts';
import { GatedResultStore, SlowDiskStore } from '../fixtures/slowStores.ts';
import { holdsFor, waitFor } from '../fixtures/waitFor.ts';
import { readStoredJob, readStoredJobsOfSession } from '../../../src/shared/runningJobs.ts';

const { engine } = engineFactory();

/** Replaces the engine's scheduler with one over `store`, with the same pool and database. */
function schedulerOver(e: TestEngine, store: JobStore, options: EngineOptionsInput = {}, random?: () => number): Scheduler {
  e.scheduler.abandon();
  e.scheduler = new Scheduler({
    store,
    runner: e.pool,
    dbName: e.dbName,
    owner: 'tab-under-test',
    options: resolveOptions({ concurrency: 2, ...options }),
    limiter: e.limiter,
    ...(random ? { random } : {}),
  });
  return e.scheduler;
}

describe('a cancel that lands while an attempt settles', () => {
  it('wins: the job stays cancelled in memory and in the store, and never runs again', async () => {
    const e = await engine();
    const store = new GatedResultStore(e.db);
    const scheduler = schedulerOver(e, store, { maxAttempts: 3, backoffBaseMs: 5, backoffCapMs: 5 });
    await scheduler.start();
    const [sessionId] = await e.addSessions(1);
    // Hold every read of the earlier result: the settle of an attempt waits there until released.
    let gate = store.hold();
    const [job] = await scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], {
      batchId: 'b1',
      // A done stage first: only a run that resumes done stages reads the earlier result, and awaits.
      stages: ['test.ok', 'test.failTimes'],
      params: { failTimes: 2 },
    });
    const id = job!.id;
    for (;;) {
      await gate.reached;
      if (scheduler.get(id)?.attempts === 2) break;
      const passed = gate;
      gate = store.hold();
      passed.release();
    }
    // Attempt 2 is settling: a cancel lands in the middle of it.
    await scheduler.cancel([id]);
    gate.release();
    await scheduler.drain();

    expect(scheduler.get(id)).toMatchObject({ state: 'cancelled', attempts: 2 });
    expect(await readStoredJob(e.db, id)).toMatchObject({ state: 'cancelled', attempts: 2 });
    await holdsFor(() => scheduler.get(id)?.state === 'cancelled', 200, 'the job to stay cancelled');
    expect((await e.pool.spans()).filter((span) => span.jobId === id)).toHaveLength(2);
  });
});

describe('enqueueing the same session twice at once', () => {
  it('makes one job (a double click, "Enrich now" racing "Enrich all")', async () => {
    const e = await engine();
    await e.scheduler.start();
    const [sessionId] = await e.addSessions(1);
    const item = { sessionId: sessionId!, timeoutMs: 20_000 };
    const [first, second] = await Promise.all([
      e.scheduler.enqueue([item], { batchId: 'b1', stages: ['test.ok'] }),
      e.scheduler.enqueue([item], { batchId: 'b2', stages: ['test.ok'] }),
    ]);
    expect(first.length + second.length).toBe(1);
    await e.scheduler.drain();
    expect(await readStoredJobsOfSession(e.db, sessionId!)).toHaveLength(1);
    const [job] = [...e.scheduler.all()];
    expect((await e.pool.spans()).map((span) => span.jobId)).toEqual([job!.id]);
  });
});

describe('a retry', () => {
  it('starts only once the attempt before it is committed, so its worker sees the stages done then', async () => {
    const e = await engine();
    const store = new SlowDiskStore(e.db);
    // Backoff draws 0: the retry is due at once, while the slow disk still writes the first attempt.
    const scheduler = schedulerOver(e, store, { maxAttempts: 3, backoffBaseMs: 50 }, () => 0);
    await scheduler.start();
    store.delayMs = 150;
    const [sessionId] = await e.addSessions(1);
    const [job] = await scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], {
      batchId: 'b1',
      stages: ['test.ok', 'test.seesEarlier'],
      params: { seesFailTimes: 1 },
    });
    await scheduler.drain();
    expect(scheduler.get(job!.id)).toMatchObject({ state: 'succeeded', attempts: 2 });
    const stored = (await e.db.get('results', sessionId!))!;
    expect(stored.attempt).toBe(2);
    expect(stored.outcomes['test.seesEarlier']).toMatchObject({ status: 'done', result: { seen: ['test.ok'] } });
  });

  it('is dispatched at the priority the job has when it falls due, not the one it had when it failed', async () => {
    const e = await engine({ concurrency: 1 });
    const scheduler = schedulerOver(e, e.store, { concurrency: 1, maxAttempts: 2, backoffBaseMs: 300, backoffCapMs: 300 }, () => 0.99);
    await scheduler.start();
    const ids = await e.addSessions(4);
    const [retried] = await scheduler.enqueue([{ sessionId: ids[0]!, timeoutMs: 20_000 }], {
      batchId: 'b1',
      priority: 'low',
      stages: ['test.failTimes'],
      // Not a short job (under 50 ms), or the pool would hand the worker the next jobs in one batch,
      // none of which the retry could then go before.
      params: { failTimes: 1, failAfterMs: 60 },
    });
    await waitFor(() => scheduler.get(retried!.id)?.state === 'waiting-retry', { what: 'the retry to wait' });
    await scheduler.enqueue(
      ids.slice(1).map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
      { batchId: 'b2', priority: 'normal', stages: ['test.sleep'], params: { sleepMs: 200 } },
    );
    await scheduler.reprioritize([retried!.id], 'high');
    await scheduler.drain();
    const startedAt = (sessionId: string) => {
      const job = [...scheduler.all()].find((j) => j.sessionId === sessionId);
      return job && 'startedAt' in job ? job.startedAt : NaN;
    };
    // The retry falls due while the second normal job runs: as a high job it goes next, before the third.
    expect(startedAt(ids[0]!)).toBeLessThan(startedAt(ids[3]!));
  });

  it('"Enrich now" on a job waiting for its retry runs it now, not when its backoff ends', async () => {
    const e = await engine({ concurrency: 1 });
    // A backoff of ten minutes: without "now" the test would time out waiting.
    const scheduler = schedulerOver(e, e.store, { concurrency: 1, maxAttempts: 2, backoffBaseMs: 600_000, backoffCapMs: 600_000 }, () => 0.99);
    await scheduler.start();
    const [id] = await e.addSessions(1);
    const [job] = await scheduler.enqueue([{ sessionId: id!, timeoutMs: 20_000 }], { batchId: 'b1', stages: ['test.failTimes'], params: { failTimes: 1 } });
    await waitFor(() => scheduler.get(job!.id)?.state === 'waiting-retry', { what: 'the retry to wait' });
    await scheduler.reprioritize([job!.id], 'high', { now: true });
    await waitFor(() => scheduler.get(job!.id)?.state === 'succeeded', { what: 'the retry to run at once' });
    expect(scheduler.get(job!.id)).toMatchObject({ attempts: 2, priority: 'high' });
  });
});
