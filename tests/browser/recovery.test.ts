import { describe, expect, it } from 'vitest';
import { engineFactory, type TestEngine } from './fixtures/engine.ts';
import { waitFor, waitForStoredJob } from './fixtures/waitFor.ts';

const { engine, engines } = engineFactory();

/** The tab dies: its scheduler stops where it is, its workers die, and a new page opens the same database. */
async function crashAndReopen(e: TestEngine): Promise<TestEngine> {
  e.scheduler.abandon();
  const next = await e.restart();
  engines.push(next);
  return next;
}

describe('crash recovery: a job running when the tab died runs again, once', () => {
  it('the orphaned job is queued again with its attempt counted, runs as attempt 2 and commits one result', async () => {
    const e = await engine({ concurrency: 2, maxAttempts: 3 });
    await e.scheduler.start();
    const [quickA, quickB, slow] = await e.addSessions(3);
    const quick = await e.scheduler.enqueue(
      [quickA!, quickB!].map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
      { batchId: 'b1', stages: ['test.ok'] },
    );
    for (const job of quick) await waitForStoredJob(e.db, job.id, 'succeeded');
    const quickBefore = await Promise.all(quick.map((job) => e.db.get('jobs', job.id)));

    const [long] = await e.scheduler.enqueue([{ sessionId: slow!, timeoutMs: 20_000 }], {
      batchId: 'b1',
      stages: ['test.sleep'],
      params: { sleepMs: 2000 },
    });
    await waitForStoredJob(e.db, long!.id, 'running');
    await waitFor(() => e.pool.health().busy === 1, { what: 'a worker to take the long job' });

    const reopened = await crashAndReopen(e);
    expect(await reopened.db.get('jobs', long!.id)).toMatchObject({ state: 'running', attempts: 1 });
    const seen: Array<{ state: string; attempts: number }> = [];
    reopened.scheduler.subscribe(({ changed }) => {
      const job = changed.includes(long!.id) ? reopened.scheduler.get(long!.id) : undefined;
      if (job) seen.push({ state: job.state, attempts: job.attempts });
    });
    await reopened.scheduler.start();
    await reopened.scheduler.drain();

    expect(seen[0]).toEqual({ state: 'queued', attempts: 1 });
    expect(seen.find((entry) => entry.state === 'running')?.attempts).toBe(2);
    const recovered = await reopened.db.get('jobs', long!.id);
    expect(recovered).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(reopened.scheduler.get(long!.id)).toMatchObject({ state: 'succeeded', attempts: 2 });
    const results = await reopened.db.getAll('results');
    expect(results.filter((result) => result.sessionId === slow)).toHaveLength(1);
    expect(await reopened.db.get('results', slow!)).toMatchObject({
      jobId: long!.id,
      attempt: 2,
      outcomes: { 'test.sleep': { status: 'done', result: { slept: 2000 } } },
    });

    // Jobs that had finished before the crash are left as they were, and do not run again.
    const quickAfter = await Promise.all(quick.map((job) => reopened.db.get('jobs', job.id)));
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

  it('a job that crashed on its last allowed attempt fails, saying why, and is not run again', async () => {
    const e = await engine({ concurrency: 1, maxAttempts: 1 });
    await e.scheduler.start();
    const [sessionId] = await e.addSessions(1);
    const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], {
      batchId: 'b1',
      stages: ['test.sleep'],
      params: { sleepMs: 2000 },
    });
    await waitForStoredJob(e.db, job!.id, 'running');

    const reopened = await crashAndReopen(e);
    await reopened.scheduler.start();
    await reopened.scheduler.drain();

    const stored = await reopened.db.get('jobs', job!.id);
    expect(stored).toMatchObject({ state: 'failed', attempts: 1, lastError: { class: 'transient' } });
    expect(stored?.lastError?.message).toMatch(/stopped while running/);
    expect(await reopened.db.get('results', sessionId!)).toBeUndefined();
    expect(await reopened.pool.spans()).toEqual([]);
  });
});
