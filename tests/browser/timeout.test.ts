import { describe, expect, it } from 'vitest';
import type { Job, JobError } from '../../src/shared/job.ts';
import { engineFactory, type TestEngine } from './fixtures/engine.ts';
import { waitForJob } from './fixtures/waitFor.ts';
import { readStoredJob } from '../../src/shared/runningJobs.ts';

const { engine } = engineFactory({ backoffBaseMs: 20 });

const TERMINAL = ['succeeded', 'partial', 'failed', 'cancelled', 'timed-out'] as const;

/** One spinning job (300 ms limit) and three sleeping ones, in one batch. */
async function spinningBatch(e: TestEngine, spinAttempts: number) {
  await e.scheduler.start();
  const [spinSession, ...sleepSessions] = await e.addSessions(4);
  const [spin] = await e.scheduler.enqueue([{ sessionId: spinSession!, timeoutMs: 300 }], {
    batchId: 'b1',
    stages: ['test.spin'],
    params: { spinAttempts },
  });
  const sleepers = await e.scheduler.enqueue(
    sleepSessions.map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
    { batchId: 'b1', stages: ['test.sleep'], params: { sleepMs: 100 } },
  );
  return { spin: spin!, sleepers };
}

/** The pool is whole again: `size` idle workers that take new jobs. */
async function expectPoolServes(e: TestEngine, size: number) {
  expect(e.pool.health()).toMatchObject({ size, busy: 0 });
  const sessions = await e.addSessions(size);
  const fresh = await e.scheduler.enqueue(
    sessions.map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
    { batchId: 'after', stages: ['test.sleep'], params: { sleepMs: 50 } },
  );
  await e.scheduler.drain();
  expect(fresh.map((job) => e.scheduler.get(job.id)?.state)).toEqual(fresh.map(() => 'succeeded'));
  const spanned = new Set((await e.pool.spans()).map((span) => span.jobId));
  expect(fresh.every((job) => spanned.has(job.id))).toBe(true);
  expect(e.pool.health().size).toBe(size);
}

describe('timeouts and dying workers: the worker is replaced, the job follows its retry policy', () => {
  it('a job past its time limit has its worker terminated and is retried (spinning once → succeeded on attempt 2)', async () => {
    const e = await engine({ maxAttempts: 3 });
    const errors: JobError[] = [];
    e.scheduler.subscribe(({ changed }) => {
      for (const id of changed) {
        const job = e.scheduler.get(id);
        if (job?.state === 'waiting-retry' && job.lastError) errors.push(job.lastError);
      }
    });
    const { spin, sleepers } = await spinningBatch(e, 1);
    await e.scheduler.drain();

    expect(e.scheduler.get(spin.id)).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(await readStoredJob(e.db, spin.id)).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(errors[0]?.class).toBe('timeout');
    expect(e.pool.health().restarts).toBe(1);
    expect(sleepers.map((job) => e.scheduler.get(job.id)?.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(sleepers.every((job) => e.scheduler.get(job.id)?.attempts === 1)).toBe(true);
    await expectPoolServes(e, 2);
  });

  it('with maxAttempts 1 a job past its time limit ends timed-out; the rest of its batch succeeds', async () => {
    const e = await engine({ maxAttempts: 1 });
    const { spin, sleepers } = await spinningBatch(e, Infinity);
    await e.scheduler.drain();

    const stored = await readStoredJob(e.db, spin.id);
    expect(stored).toMatchObject({ state: 'timed-out', attempts: 1, lastError: { class: 'timeout' } });
    expect(e.scheduler.get(spin.id)?.state).toBe('timed-out');
    expect(await e.db.get('results', spin.sessionId)).toBeUndefined();
    expect(e.pool.health().restarts).toBe(1);
    for (const job of sleepers) expect(await readStoredJob(e.db, job.id)).toMatchObject({ state: 'succeeded', attempts: 1 });
    await expectPoolServes(e, 2);
  });

  it('a worker that closes itself is replaced and its job retried at once, not after its time limit', async () => {
    const e = await engine({ maxAttempts: 3 });
    await e.scheduler.start();
    const [sessionId] = await e.addSessions(1);
    // A limit of 10 minutes: settling within a minute, even on a starved CPU, proves the pool noticed
    // the close itself rather than waiting for the time limit.
    const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 600_000 }], {
      batchId: 'b1',
      stages: ['test.closeTimes'],
      params: { closeTimes: 1 },
    });

    const settled: Job = await waitForJob(e.scheduler, job!.id, TERMINAL, { timeoutMs: 60_000 });
    expect(settled).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(e.pool.health().restarts).toBe(1);
    await e.scheduler.drain();
    expect(await e.db.get('results', sessionId!)).toMatchObject({
      jobId: job!.id,
      attempt: 2,
      outcomes: { 'test.closeTimes': { status: 'done', result: { closedBefore: 1 } } },
    });
    await expectPoolServes(e, 2);
  });

  it('a worker that always closes itself: the job fails once its attempts are spent, well before its time limit', async () => {
    const e = await engine({ maxAttempts: 2 });
    await e.scheduler.start();
    const [sessionId] = await e.addSessions(1);
    const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 600_000 }], {
      batchId: 'b1',
      stages: ['test.close'],
    });

    const settled = await waitForJob(e.scheduler, job!.id, TERMINAL, { timeoutMs: 60_000 });
    expect(settled).toMatchObject({ state: 'failed', attempts: 2, lastError: { class: 'transient' } });
    expect(settled.lastError?.message).toMatch(/closed itself/);
    expect(e.pool.health().restarts).toBe(2);
    await e.scheduler.drain();
    expect(await readStoredJob(e.db, job!.id)).toMatchObject({ state: 'failed', attempts: 2 });
    await expectPoolServes(e, 2);
  });
});
