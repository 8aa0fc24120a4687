import { describe, expect, it } from 'vitest';
import { CRASH_LIMIT } from '../../src/engine/transitions.ts';
import { engineFactory, type TestEngine } from './fixtures/engine.ts';
import { waitFor, waitForStoredJob } from './fixtures/waitFor.ts';
import { readStoredJob } from '../../src/shared/runningJobs.ts';

const { engine, engines } = engineFactory();

/** The tab dies: its scheduler stops where it is, its workers die, and a new page opens the same database. */
async function crashAndReopen(e: TestEngine): Promise<TestEngine> {
  e.scheduler.abandon();
  const next = await e.restart();
  engines.push(next);
  return next;
}

/** One session whose job sleeps `sleepMs` in its stage, once its running state is stored. */
async function runningSleeper(e: TestEngine, sleepMs: number) {
  const [sessionId] = await e.addSessions(1);
  const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], {
    batchId: 'b1',
    stages: ['test.sleep'],
    params: { sleepMs },
  });
  await waitForStoredJob(e.db, job!.id, 'running');
  return { sessionId, job };
}

describe('crash recovery: a job running when the tab died runs again, once', () => {
  it('the orphaned job is queued again without using up its attempt, runs again and commits one result, of that run', async () => {
    const e = await engine({ concurrency: 2, maxAttempts: 3 });
    await e.scheduler.start();
    const [quickA, quickB, slow] = await e.addSessions(3);
    const quick = await e.scheduler.enqueue(
      [quickA!, quickB!].map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
      { batchId: 'b1', stages: ['test.ok'] },
    );
    for (const job of quick) await waitForStoredJob(e.db, job.id, 'succeeded');
    const quickBefore = await Promise.all(quick.map((job) => readStoredJob(e.db, job.id)));

    const [long] = await e.scheduler.enqueue([{ sessionId: slow!, timeoutMs: 20_000 }], {
      batchId: 'b1',
      stages: ['test.sleep'],
      params: { sleepMs: 2000 },
    });
    await waitForStoredJob(e.db, long!.id, 'running');
    await waitFor(() => e.pool.health().busy === 1, { what: 'a worker to take the long job' });

    const reopened = await crashAndReopen(e);
    expect(await readStoredJob(reopened.db, long!.id)).toMatchObject({ state: 'running', attempts: 1 });
    const seen: Array<{ state: string; attempts: number }> = [];
    reopened.scheduler.subscribe(({ changed }) => {
      const job = changed.includes(long!.id) ? reopened.scheduler.get(long!.id) : undefined;
      if (job) seen.push({ state: job.state, attempts: job.attempts });
    });
    await reopened.scheduler.start();
    await reopened.scheduler.drain();

    // A crash is not the job's fault: the lost run is refunded, and counted as a crash.
    expect(seen[0]).toEqual({ state: 'queued', attempts: 0 });
    expect(seen.find((entry) => entry.state === 'running')?.attempts).toBe(1);
    const recovered = await readStoredJob(reopened.db, long!.id);
    expect(recovered).toMatchObject({ state: 'succeeded', attempts: 1, crashes: 1 });
    expect(reopened.scheduler.get(long!.id)).toEqual(recovered);
    const results = await reopened.db.getAll('results');
    expect(results.filter((result) => result.sessionId === slow)).toHaveLength(1);
    if (recovered?.state !== 'succeeded') throw new Error('expected the recovered job to succeed');
    expect(await reopened.db.get('results', slow!)).toMatchObject({
      jobId: long!.id,
      attempt: 1,
      outcomes: { 'test.sleep': { status: 'done', result: { slept: 2000 } } },
    });

    // Jobs that had finished before the crash are left as they were, and do not run again.
    const quickAfter = await Promise.all(quick.map((job) => readStoredJob(reopened.db, job.id)));
    expect(quickAfter).toEqual(quickBefore);
    for (const job of quick) {
      const inMemory = reopened.scheduler.get(job.id);
      expect(inMemory).toMatchObject({ state: 'succeeded', attempts: 1 });
      const before = quickBefore.find((stored) => stored?.id === job.id);
      if (inMemory?.state === 'succeeded' && before?.state === 'succeeded') expect(inMemory.finishedAt).toBe(before.finishedAt);
    }
    expect((await reopened.pool.spans()).map((span) => span.jobId)).toEqual([long!.id]);
    expect(results).toHaveLength(3);
  });

  it('a job allowed one attempt that crashed with the page runs again: the crash did not use its attempt', async () => {
    const e = await engine({ concurrency: 1, maxAttempts: 1 });
    await e.scheduler.start();
    const { sessionId, job } = await runningSleeper(e, 2000);

    const reopened = await crashAndReopen(e);
    await reopened.scheduler.start();
    await reopened.scheduler.drain();

    const stored = await readStoredJob(reopened.db, job!.id);
    expect(stored).toMatchObject({ state: 'succeeded', attempts: 1, crashes: 1 });
    expect(await reopened.db.get('results', sessionId!)).toMatchObject({ jobId: job!.id, attempt: 1 });
    expect((await reopened.pool.spans()).map((span) => span.jobId)).toEqual([job!.id]);
  });

  it(`a job running at ${CRASH_LIMIT} crashes in a row is set aside as failed, saying so, and not run again`, async () => {
    let e = await engine({ concurrency: 1, maxAttempts: 3 });
    await e.scheduler.start();
    const { sessionId, job } = await runningSleeper(e, 5000);
    for (let crash = 1; crash <= CRASH_LIMIT; crash++) {
      await waitFor(async () => (await readStoredJob(e.db, job!.id))?.state === 'running', { what: `run ${crash} to start` });
      e = await crashAndReopen(e);
      await e.scheduler.start();
    }
    await e.scheduler.drain();
    const stored = await readStoredJob(e.db, job!.id);
    expect(stored).toMatchObject({ state: 'failed', attempts: 0, crashes: CRASH_LIMIT, lastError: { class: 'permanent' } });
    expect(stored?.lastError?.message).toBe(
      `The page stopped ${CRASH_LIMIT} times while this session was being enriched, so it was set aside: it may be what makes the page crash. Use "Retry failed" to try it again.`,
    );
    expect(await e.db.get('results', sessionId!)).toBeUndefined();
    expect(await e.pool.spans()).toEqual([]);
  });

  it('a tab closed (not crashed) while a job runs costs the job nothing, not even a crash', async () => {
    const e = await engine({ concurrency: 1, maxAttempts: 1 });
    await e.scheduler.start();
    const { job } = await runningSleeper(e, 2000);
    e.scheduler.abandon();
    const reopened = await e.restart(undefined, { interruption: () => 'closed' });
    engines.push(reopened);
    await reopened.scheduler.start();
    await reopened.scheduler.drain();
    const stored = await readStoredJob(reopened.db, job!.id);
    expect(stored).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(stored?.crashes).toBeUndefined();
  });
});
