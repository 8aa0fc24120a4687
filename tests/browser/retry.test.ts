import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/engine/options.ts';
import { Scheduler } from '../../src/engine/scheduler.ts';
import { IdbJobStore } from '../../src/store/idbJobStore.ts';
import { engineFactory, type TestEngine } from './fixtures/engine.ts';
import { waitForJob, waitForStoredJob } from './fixtures/waitFor.ts';
import { readStoredJob } from '../../src/shared/runningJobs.ts';

const { engine, engines } = engineFactory();

/** The tab dies: its scheduler stops where it is, its workers die, and a new page opens the same database. */
async function crashAndReopen(e: TestEngine): Promise<TestEngine> {
  e.scheduler.abandon();
  const next = await e.restart();
  engines.push(next);
  return next;
}

describe('retry backoff survives a reload', () => {
  it('a waiting-retry job keeps its persisted nextRunAt across a restart, then runs and succeeds', async () => {
    // Full jitter draws the delay from [0, 2 s): pin the draw near the top, through the scheduler's
    // own `random` injection, so that the retry is ~2 s away and the restart comes first, also on a
    // loaded machine (at 300 ms, a restart under a load of 17 came after the retry was due).
    const options = { backoffBaseMs: 2_000, maxAttempts: 3 };
    const e = await engine(options);
    e.scheduler = new Scheduler({
      store: new IdbJobStore(e.db),
      runner: e.pool,
      dbName: e.dbName,
      owner: 'first-tab',
      options: resolveOptions({ concurrency: 2, ...options }),
      random: () => 0.99,
      limiter: e.limiter,
    });
    await e.scheduler.start();
    const [sessionId] = await e.addSessions(1);
    const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], {
      batchId: 'b1',
      stages: ['test.failTimes'],
      params: { failTimes: 1 },
    });
    const id = job!.id;

    const waiting = await waitForStoredJob(e.db, id, 'waiting-retry');
    if (waiting.state !== 'waiting-retry') throw new Error('unreachable');
    expect(waiting.attempts).toBe(1);
    expect(waiting.lastError).toMatchObject({ class: 'transient', stage: 'test.failTimes' });
    expect(waiting.nextRunAt).toBeGreaterThan(waiting.updatedAt);

    const reopened = await crashAndReopen(e);
    const afterCrash = await readStoredJob(reopened.db, id);
    expect(afterCrash).toMatchObject({ state: 'waiting-retry', attempts: 1, nextRunAt: waiting.nextRunAt });

    await reopened.scheduler.start();
    expect(reopened.scheduler.get(id)).toMatchObject({ state: 'waiting-retry', attempts: 1, nextRunAt: waiting.nextRunAt });

    const done = await waitForJob(reopened.scheduler, id, ['succeeded', 'failed', 'partial']);
    await reopened.scheduler.drain();
    expect(done.state).toBe('succeeded');
    expect(done.attempts).toBe(2);
    // Same clock as nextRunAt (the main thread's Date.now); the timer never fires early by a whole ms.
    if (done.state === 'succeeded') expect(done.startedAt).toBeGreaterThanOrEqual(Math.floor(waiting.nextRunAt));
    expect(await readStoredJob(reopened.db, id)).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(await reopened.db.get('results', sessionId!)).toMatchObject({ jobId: id, attempt: 2 });
    expect((await reopened.pool.spans()).map((span) => span.jobId)).toEqual([id]);
  });

  it('between attempts a transiently failed job waits in waiting-retry', async () => {
    const e = await engine({ backoffBaseMs: 20, maxAttempts: 3 });
    const seen: string[] = [];
    e.scheduler.subscribe(({ changed }) => {
      for (const changedId of changed) seen.push(`${changedId}:${e.scheduler.get(changedId)?.state}`);
    });
    await e.scheduler.start();
    const [sessionId] = await e.addSessions(1);
    const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], {
      batchId: 'b1',
      stages: ['test.failTimes'],
      params: { failTimes: 2 },
    });
    await e.scheduler.drain();

    // Progress re-emits `running`; keep each state once per visit.
    const states = seen
      .filter((entry) => entry.startsWith(`${job!.id}:`))
      .map((entry) => entry.split(':')[1])
      .filter((state, i, all) => state !== all[i - 1]);
    expect(states).toEqual(['queued', 'running', 'waiting-retry', 'running', 'waiting-retry', 'running', 'succeeded']);
    expect(await readStoredJob(e.db, job!.id)).toMatchObject({ state: 'succeeded', attempts: 3 });
  });
});
