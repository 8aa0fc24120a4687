import { describe, expect, it } from 'vitest';
import { engineFactory, type TestEngine } from './fixtures/engine.ts';
import { waitForJob } from './fixtures/waitFor.ts';
import { readStoredJob } from '../../src/shared/runningJobs.ts';

const { engine } = engineFactory();

const item = (sessionId: string) => ({ sessionId, timeoutMs: 20_000 });

/** Job ids in the order the workers started them, from the spans the workers recorded. */
async function startOrder(e: TestEngine): Promise<string[]> {
  return (await e.pool.spans()).map((span) => span.jobId);
}

describe('priority: high, then normal, then low; first in, first out within one', () => {
  it('jobs of one priority start in the order they were enqueued', async () => {
    const e = await engine({ concurrency: 1 });
    await e.scheduler.start();
    const sessions = await e.addSessions(5);
    const first = await e.scheduler.enqueue(sessions.slice(0, 3).map(item), {
      batchId: 'b1',
      stages: ['test.sleep'],
      params: { sleepMs: 20 },
    });
    const second = await e.scheduler.enqueue(sessions.slice(3).map(item), {
      batchId: 'b2',
      stages: ['test.sleep'],
      params: { sleepMs: 20 },
    });
    await e.scheduler.drain();

    const enqueued = [...first, ...second].map((job) => job.id);
    expect(await startOrder(e)).toEqual(enqueued);
    const byStart = enqueued
      .map((id) => e.scheduler.get(id)!)
      .map((job) => (job.state === 'succeeded' ? job.startedAt : NaN));
    expect(byStart.every((at, i) => i === 0 || at >= byStart[i - 1]!)).toBe(true);
  });

  it('a high job enqueued mid-batch runs next, before the normal jobs still waiting', async () => {
    const e = await engine({ concurrency: 1 });
    await e.scheduler.start();
    const [urgent, ...rest] = await e.addSessions(5);
    // 300 ms each: the high job's enqueue (a commit, slower on a loaded machine) comes while at least
    // two of them still wait.
    const normal = await e.scheduler.enqueue(rest.map(item), {
      batchId: 'b1',
      stages: ['test.sleep'],
      params: { sleepMs: 300 },
    });
    await waitForJob(e.scheduler, normal[0]!.id, 'running');

    const [high] = await e.scheduler.enqueue([item(urgent!)], {
      batchId: 'b2',
      priority: 'high',
      stages: ['test.sleep'],
      params: { sleepMs: 100 },
    });
    // Normally only the first normal job has started by now; on a slow machine a second may have.
    const started = normal.filter((job) => e.scheduler.get(job.id)?.state !== 'queued').map((job) => job.id);
    const waiting = normal.filter((job) => !started.includes(job.id)).map((job) => job.id);
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    await e.scheduler.drain();

    expect(await startOrder(e)).toEqual([...started, high!.id, ...waiting]);
    expect(e.scheduler.get(high!.id)?.state).toBe('succeeded');
  });

  it('low runs after every normal job, even when enqueued first; high runs before both', async () => {
    const e = await engine({ concurrency: 1 });
    await e.scheduler.start();
    await e.scheduler.pause();
    const [lowSession, highSession, ...normalSessions] = await e.addSessions(5);
    const [low] = await e.scheduler.enqueue([item(lowSession!)], { batchId: 'b1', priority: 'low', stages: ['test.ok'] });
    const normal = await e.scheduler.enqueue(normalSessions.map(item), { batchId: 'b2', stages: ['test.ok'] });
    const [high] = await e.scheduler.enqueue([item(highSession!)], { batchId: 'b3', priority: 'high', stages: ['test.ok'] });
    expect(normal.every((job) => job.priority === 'normal')).toBe(true);

    await e.scheduler.resume();
    await e.scheduler.drain();

    expect(await startOrder(e)).toEqual([high!.id, ...normal.map((job) => job.id), low!.id]);
  });

  it('reprioritize() moves a waiting job to the front ("Enrich now")', async () => {
    const e = await engine({ concurrency: 1 });
    await e.scheduler.start();
    const sessions = await e.addSessions(4);
    const jobs = await e.scheduler.enqueue(sessions.map(item), {
      batchId: 'b1',
      stages: ['test.sleep'],
      params: { sleepMs: 80 },
    });
    await waitForJob(e.scheduler, jobs[0]!.id, 'running');
    await e.scheduler.reprioritize([jobs[3]!.id], 'high');
    expect((await readStoredJob(e.db, jobs[3]!.id))?.priority).toBe('high');
    await e.scheduler.drain();
    expect(await startOrder(e)).toEqual([jobs[0]!.id, jobs[3]!.id, jobs[1]!.id, jobs[2]!.id]);
  });
});
