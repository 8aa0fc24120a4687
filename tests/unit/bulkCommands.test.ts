import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/engine/options.ts';
import { CANCEL_SLICE, ENQUEUE_SLICE, Scheduler } from '../../src/engine/scheduler.ts';
import { MemoryJobStore } from '../../src/store/memoryJobStore.ts';
import { manualRunner } from './fixtures/manualRunner.ts';

/** How many jobs are in each state. */
function states(jobs: Iterable<{ state: string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { state } of jobs) out[state] = (out[state] ?? 0) + 1;
  return out;
}

describe('Scheduler.cancel() of a big batch', () => {
  it('cancels in slices, a task each, so the page runs between them; none of the batch starts meanwhile, and all of it is stored', async () => {
    const store = new MemoryJobStore();
    const { runner, asked, finish } = manualRunner(2);
    const scheduler = new Scheduler({ store, runner, dbName: 'db', owner: 'tab', options: resolveOptions({ concurrency: 2 }) });
    await scheduler.start();
    const count = CANCEL_SLICE * 4 + 7;
    const jobs = await scheduler.enqueue(
      Array.from({ length: count }, (_, i) => ({ sessionId: `s${i}`, timeoutMs: 60_000 })),
      { batchId: 'b', stages: ['ocr'] },
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toHaveLength(2);

    // A task of the page's, queued as the cancel begins: it runs between two slices, sees part of the
    // batch cancelled, and ends both running jobs there, which frees both workers. The running jobs
    // are cancelled last (the ids are given newest first).
    const seenByPage = new Promise<number>((resolve) =>
      setTimeout(() => {
        resolve(jobs.filter((job) => scheduler.get(job.id)?.state === 'cancelled').length);
        for (const request of asked) finish.get(request.jobId)!({ outcomes: { ocr: { status: 'done', result: null, ms: 1 } } });
      }, 0),
    );
    const cancelling = scheduler.cancel(jobs.map((job) => job.id).reverse());
    const seen = await seenByPage;
    await cancelling;
    await scheduler.drain();

    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(count);
    expect(asked).toHaveLength(2);
    // The two that ended before their slice came succeeded; every other job is cancelled, and stored so.
    expect(states(jobs.map((job) => scheduler.get(job.id)!))).toEqual({ succeeded: 2, cancelled: count - 2 });
    expect(states(store.jobs.values())).toEqual({ succeeded: 2, cancelled: count - 2 });
  });
});

describe('Scheduler.enqueue() of a big batch', () => {
  it('makes its jobs over several tasks and takes them all in at once; a session queued meanwhile is not queued twice', async () => {
    const store = new MemoryJobStore();
    const { runner } = manualRunner(2);
    const scheduler = new Scheduler({ store, runner, dbName: 'db', owner: 'tab', options: resolveOptions({ concurrency: 2 }) });
    await scheduler.start();
    const count = ENQUEUE_SLICE * 2 + 500;
    const sessions = Array.from({ length: count }, (_, i) => `s${i}`);

    // A task of the page's, queued as the big enqueue begins: it runs while the jobs are being made,
    // sees none of them queued yet, and queues two of the same sessions itself.
    const meanwhile = new Promise<{ seen: number; queued: Promise<unknown> }>((resolve) =>
      setTimeout(() => {
        const seen = [...scheduler.all()].length;
        resolve({ seen, queued: scheduler.enqueue([{ sessionId: 's5', timeoutMs: 60_000 }, { sessionId: `s${count - 1}`, timeoutMs: 60_000 }], { batchId: 'small', stages: ['ocr'] }) });
      }, 0),
    );
    const big = scheduler.enqueue(sessions.map((sessionId) => ({ sessionId, timeoutMs: 60_000 })), { batchId: 'big', stages: ['ocr'] });
    const { seen, queued } = await meanwhile;
    await Promise.all([big, queued]);

    expect(seen).toBe(0);
    const jobs = [...scheduler.all()];
    expect(jobs).toHaveLength(count);
    expect(new Set(jobs.map((job) => job.sessionId)).size).toBe(count);
    expect(jobs.filter((job) => job.batchId === 'small').map((job) => job.sessionId).sort()).toEqual(['s5', `s${count - 1}`].sort());
    expect(store.jobs.size).toBe(count);
  });
});
