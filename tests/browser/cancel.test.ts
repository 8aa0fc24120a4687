import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/engine/options.ts';
import { Scheduler } from '../../src/engine/scheduler.ts';
import { isTerminal } from '../../src/shared/job.ts';
import { IdbJobStore } from '../../src/store/idbJobStore.ts';
import { engineFactory, type TestEngine } from './fixtures/engine.ts';
import { holdsFor, waitFor, waitForJob, waitForStoredJob } from './fixtures/waitFor.ts';
import { readStoredJob } from '../../src/shared/runningJobs.ts';

const { engine, engines } = engineFactory({ backoffBaseMs: 20 });

/** Enqueues one test.sleep job per new session, in one batch. */
async function sleepers(e: TestEngine, count: number, sleepMs: number, batchId = 'b1') {
  const sessions = await e.addSessions(count);
  return e.scheduler.enqueue(
    sessions.map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
    { batchId, stages: ['test.sleep'], params: { sleepMs } },
  );
}

const spannedIds = async (e: TestEngine) => new Set((await e.pool.spans()).map((span) => span.jobId));

describe('cancel, pause, drain and shutdown', () => {
  it('a cancelled queued job never runs', async () => {
    const e = await engine({ concurrency: 1 });
    await e.scheduler.start();
    const [first, second, third] = await sleepers(e, 3, 150);
    await waitForJob(e.scheduler, first!.id, 'running');

    await e.scheduler.cancel([second!.id]);
    expect(e.scheduler.get(second!.id)?.state).toBe('cancelled');
    await e.scheduler.drain();

    expect(await readStoredJob(e.db, second!.id)).toMatchObject({ state: 'cancelled', attempts: 0, lastError: { class: 'cancelled' } });
    expect(await e.db.get('results', second!.sessionId)).toBeUndefined();
    const spanned = await spannedIds(e);
    expect(spanned.has(second!.id)).toBe(false);
    expect(spanned.has(first!.id) && spanned.has(third!.id)).toBe(true);
    expect(e.scheduler.get(third!.id)?.state).toBe('succeeded');
    expect(e.pool.health().restarts).toBe(0);
  });

  it('cancelling a running job terminates its worker, persists cancelled and writes no result', async () => {
    const e = await engine({ concurrency: 1 });
    await e.scheduler.start();
    const [job] = await sleepers(e, 1, 2000);
    await waitForStoredJob(e.db, job!.id, 'running');
    await waitFor(() => e.pool.health().busy === 1, { what: 'the worker to take the job' });
    const restarts = e.pool.health().restarts;

    await e.scheduler.cancel([job!.id]);
    await waitFor(() => e.pool.health().restarts === restarts + 1, { what: 'the worker to be replaced' });
    await e.scheduler.drain();

    expect(e.scheduler.get(job!.id)).toMatchObject({ state: 'cancelled', attempts: 1 });
    expect(await readStoredJob(e.db, job!.id)).toMatchObject({ state: 'cancelled', attempts: 1, lastError: { class: 'cancelled' } });
    expect(await e.db.get('results', job!.sessionId)).toBeUndefined();
    expect(e.pool.health()).toMatchObject({ size: 1, busy: 0, restarts: restarts + 1 });
  });

  it('a cancelled waiting-retry job is not retried when its retry time comes', async () => {
    const options = { concurrency: 1, backoffBaseMs: 600 };
    const e = await engine(options);
    // Pin the backoff jitter near its top, through the scheduler's own `random` injection, so the
    // retry is ~600 ms away: long enough to cancel it first.
    e.scheduler = new Scheduler({
      store: new IdbJobStore(e.db),
      runner: e.pool,
      dbName: e.dbName,
      owner: 'tab',
      options: resolveOptions(options),
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
    const waiting = await waitForJob(e.scheduler, job!.id, 'waiting-retry');
    if (waiting.state !== 'waiting-retry') throw new Error('unreachable');

    await e.scheduler.cancel([job!.id]);
    await e.scheduler.drain();
    await waitFor(() => Date.now() > waiting.nextRunAt + 200, { what: 'the retry time to pass' });

    expect(e.scheduler.get(job!.id)).toMatchObject({ state: 'cancelled', attempts: 1 });
    expect(await readStoredJob(e.db, job!.id)).toMatchObject({ state: 'cancelled', attempts: 1 });
    expect((await e.pool.spans()).filter((span) => span.jobId === job!.id)).toHaveLength(1);
    expect(e.pool.health().busy).toBe(0);
  });

  it('cancelling a batch cancels every unfinished job of it and leaves finished jobs and other batches alone', async () => {
    const e = await engine({ concurrency: 1 });
    await e.scheduler.start();
    const batch = await sleepers(e, 4, 100, 'b1');
    const [other] = await sleepers(e, 1, 20, 'b2');
    await waitForJob(e.scheduler, batch[0]!.id, 'succeeded');
    await waitForJob(e.scheduler, batch[1]!.id, 'running');

    const ofBatch = [...e.scheduler.all()].filter((job) => job.batchId === 'b1').map((job) => job.id);
    expect(ofBatch.sort()).toEqual(batch.map((job) => job.id).sort());
    await e.scheduler.cancel(ofBatch);
    await e.scheduler.drain();

    const stored = await Promise.all(batch.map((job) => readStoredJob(e.db, job.id)));
    expect(stored.map((job) => job?.state)).toEqual(['succeeded', 'cancelled', 'cancelled', 'cancelled']);
    expect(stored[0]?.attempts).toBe(1);
    expect(await readStoredJob(e.db, other!.id)).toMatchObject({ state: 'succeeded' });
    expect(await e.db.get('results', batch[0]!.sessionId)).toMatchObject({ jobId: batch[0]!.id });
    for (const job of batch.slice(1)) expect(await e.db.get('results', job.sessionId)).toBeUndefined();
  });

  it('pause lets running jobs finish and starts nothing new until resume', async () => {
    const e = await engine({ concurrency: 2 });
    await e.scheduler.start();
    const jobs = await sleepers(e, 5, 200);
    const running = jobs.slice(0, 2);
    const rest = jobs.slice(2);
    for (const job of running) await waitForJob(e.scheduler, job.id, 'running');

    await e.scheduler.pause();
    expect(e.scheduler.isPaused).toBe(true);
    for (const job of running) await waitForJob(e.scheduler, job.id, 'succeeded');
    await holdsFor(
      () => rest.every((job) => e.scheduler.get(job.id)?.state === 'queued') && e.pool.health().busy === 0,
      400,
      'the rest of the queue to stay queued while paused',
    );
    for (const job of rest) expect(await readStoredJob(e.db, job.id)).toMatchObject({ state: 'queued', attempts: 0 });
    const spanned = await spannedIds(e);
    expect(rest.some((job) => spanned.has(job.id))).toBe(false);

    await e.scheduler.resume();
    expect(e.scheduler.isPaused).toBe(false);
    await e.scheduler.drain();
    expect(jobs.map((job) => e.scheduler.get(job.id)?.state)).toEqual(jobs.map(() => 'succeeded'));
  });

  it('drain() resolves only once every job is finished and written, and at once when idle', async () => {
    const e = await engine({ concurrency: 2 });
    await e.scheduler.start();
    await e.scheduler.drain();
    const jobs = await sleepers(e, 5, 100);
    let drained = false;
    const draining = e.scheduler.drain().then(() => {
      drained = true;
      return jobs.map((job) => e.scheduler.get(job.id)?.state);
    });
    await waitForJob(e.scheduler, jobs[0]!.id, 'succeeded');
    expect(drained).toBe(jobs.every((job) => isTerminal(e.scheduler.get(job.id)!.state)));

    expect(await draining).toEqual(jobs.map(() => 'succeeded'));
    const stored = await Promise.all(jobs.map((job) => readStoredJob(e.db, job.id)));
    expect(stored.map((job) => job?.state)).toEqual(jobs.map(() => 'succeeded'));
  });

  it('shutdown() waits for the running jobs, and nothing starts after it', async () => {
    const e = await engine({ concurrency: 2 });
    await e.scheduler.start();
    const jobs = await sleepers(e, 4, 200);
    const running = jobs.slice(0, 2);
    const rest = jobs.slice(2);
    for (const job of running) await waitForJob(e.scheduler, job.id, 'running');

    await e.scheduler.shutdown();
    for (const job of running) {
      expect(e.scheduler.get(job.id)?.state).toBe('succeeded');
      expect(await readStoredJob(e.db, job.id)).toMatchObject({ state: 'succeeded' });
    }
    await holdsFor(
      () => rest.every((job) => e.scheduler.get(job.id)?.state === 'queued') && e.pool.health().busy === 0,
      400,
      'the rest of the queue to stay queued after shutdown',
    );
    const late = await sleepers(e, 1, 20);
    await holdsFor(() => e.scheduler.get(late[0]!.id)?.state === 'queued', 200, 'a job enqueued after shutdown to stay queued');
    const spanned = await spannedIds(e);
    expect([...rest, ...late].some((job) => spanned.has(job.id))).toBe(false);
  });

  it('pause survives a reload: the reopened scheduler is paused and starts nothing until resumed', async () => {
    const e = await engine({ concurrency: 2 });
    await e.scheduler.start();
    await e.scheduler.pause();
    const jobs = await sleepers(e, 2, 20);
    await e.scheduler.shutdown();

    const reopened = await e.restart();
    engines.push(reopened);
    await reopened.scheduler.start();
    expect(reopened.scheduler.isPaused).toBe(true);
    await holdsFor(
      () => jobs.every((job) => reopened.scheduler.get(job.id)?.state === 'queued'),
      300,
      'the queue to stay queued after the reload',
    );

    await reopened.scheduler.resume();
    await reopened.scheduler.drain();
    expect(jobs.map((job) => reopened.scheduler.get(job.id)?.state)).toEqual(['succeeded', 'succeeded']);
    expect(await reopened.db.get('meta', 'paused')).toBe(false);
  });
});
