import { describe, expect, it } from 'vitest';
import { createJob } from '../../src/engine/transitions.ts';
import type { Job } from '../../src/shared/job.ts';
import { IdbJobStore } from '../../src/store/idbJobStore.ts';
import { engineFactory } from './fixtures/engine.ts';
import { readStoredJobs } from '../../src/shared/runningJobs.ts';

const { engine } = engineFactory();

describe('IdbJobStore group commit', () => {
  it('writes a batch in far fewer transactions than state changes, and loses none', async () => {
    const e = await engine({ concurrency: 2 });
    await e.scheduler.start();
    const ids = await e.addSessions(30);
    let changes = 0;
    e.scheduler.subscribe(({ changed }) => (changes += changed.length));
    await e.scheduler.enqueue(ids.map((sessionId) => ({ sessionId, timeoutMs: 10_000 })), { batchId: 'b', stages: ['test.ok'] });
    await e.scheduler.drain();

    // Each job is written queued, running and succeeded (with its result): 90 writes at least.
    expect(changes).toBeGreaterThanOrEqual(90);
    expect(e.store.transactions).toBeLessThan(60);
    const stored = await readStoredJobs(e.db);
    expect(stored.filter((job) => job.state === 'succeeded')).toHaveLength(30);
    expect(await e.db.count('results')).toBe(30);
    // 30 sessions and 90 writes take about 2 s alone; files run side by side, and one of them (worker
    // faults) spins and fills memory on purpose, so the time limit leaves room for a starved CPU.
  }, 120_000);

  const manyJobs = (count: number): Job[] =>
    Array.from({ length: count }, (_, i) =>
      createJob({ id: `big-${i}`, sessionId: `s-${i}`, batchId: 'big', priority: 'normal', seq: i, stageOrder: ['test.ok'], timeoutMs: 1000, maxAttempts: 3, now: 1 }),
    );

  it('a big change is written a slice per task, yet in one transaction', async () => {
    const e = await engine();
    const before = e.store.transactions;
    await e.store.commit({ jobs: manyJobs(500) });
    expect(e.store.transactions - before).toBe(1);
    expect(await e.db.count('jobs')).toBe(500);
  });

  it('a big change that fails in a late slice leaves nothing of itself behind', async () => {
    const e = await engine();
    // Slices of the minimum size whatever the machine's speed, so that several are queued first.
    const store = new IdbJobStore(e.db, { sliceMs: 0 });
    const jobs = manyJobs(300);
    // A function cannot be cloned: the put of job 250 throws, after several slices were queued.
    (jobs[250] as unknown as { params: unknown }).params = { broken: () => {} };
    await expect(store.commit({ jobs })).rejects.toThrow();
    expect(await e.db.count('jobs')).toBe(0);
    // The store goes on: the next change is written.
    await store.commit({ jobs: manyJobs(3) });
    expect(await e.db.count('jobs')).toBe(3);
  });
});
