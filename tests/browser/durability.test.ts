import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job.ts';
import { engineFactory } from './fixtures/engine.ts';
import { readStoredJobs } from '../../src/shared/runningJobs.ts';

const { engine, engines } = engineFactory();

const byId = (jobs: Iterable<Job>) => new Map([...jobs].map((job) => [job.id, job]));

describe('durability: IndexedDB holds exactly what the scheduler knows', () => {
  it('after drain() every stored job equals the in-memory job, and succeeded jobs and results match one to one', async () => {
    const e = await engine({ concurrency: 2 });
    const transitions = new Map<string, string[]>();
    e.scheduler.subscribe(({ changed }) => {
      for (const id of changed) {
        const state = e.scheduler.get(id)?.state;
        const seen = transitions.get(id) ?? [];
        if (state && seen.at(-1) !== state) seen.push(state);
        transitions.set(id, seen);
      }
    });
    await e.scheduler.start();
    const sessions = await e.addSessions(30);
    const jobs = await e.scheduler.enqueue(
      sessions.map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
      { batchId: 'b1', stages: ['test.ok'] },
    );
    expect(jobs).toHaveLength(30);
    await e.scheduler.drain();

    const memory = byId(e.scheduler.all());
    const stored = byId(await readStoredJobs(e.db));
    expect(stored.size).toBe(30);
    expect([...stored.keys()].sort()).toEqual([...memory.keys()].sort());
    for (const [id, job] of memory) {
      expect(stored.get(id), `stored job ${id}`).toEqual(job);
      expect(transitions.get(id)).toEqual(['queued', 'running', 'succeeded']);
    }

    const results = await e.db.getAll('results');
    const succeeded = [...stored.values()].filter((job) => job.state === 'succeeded');
    expect(succeeded).toHaveLength(30);
    for (const job of succeeded) {
      expect(results.find((result) => result.sessionId === job.sessionId), `result of ${job.id}`).toMatchObject({
        jobId: job.id,
        attempt: job.attempts,
        outcomes: { 'test.ok': { status: 'done' } },
      });
    }
    for (const result of results) expect(stored.get(result.jobId)?.state, `job of result ${result.jobId}`).toBe('succeeded');
    expect(results).toHaveLength(succeeded.length);
  });

  it('a scheduler reopened on the same database after shutdown sees exactly the jobs the first one had', async () => {
    const e = await engine({ concurrency: 2, backoffBaseMs: 10 });
    await e.scheduler.start();
    const sessions = await e.addSessions(12);
    const items = sessions.map((sessionId) => ({ sessionId, timeoutMs: 20_000 }));
    await e.scheduler.enqueue(items.slice(0, 4), { batchId: 'ok', stages: ['test.ok'] });
    await e.scheduler.enqueue(items.slice(4, 7), { batchId: 'retried', stages: ['test.failTimes'], params: { failTimes: 1 } });
    await e.scheduler.enqueue(items.slice(7, 10), {
      batchId: 'partial',
      stages: ['test.ok', 'test.throw'],
      params: { errorClass: 'permanent' },
    });
    await e.scheduler.drain();
    await e.scheduler.pause();
    await e.scheduler.enqueue(items.slice(10), { batchId: 'queued', priority: 'low', stages: ['test.ok'] });
    await e.scheduler.shutdown();
    const before = byId(e.scheduler.all());

    const reopened = await e.restart();
    engines.push(reopened);
    await reopened.scheduler.start();
    const after = byId(reopened.scheduler.all());

    expect(after).toEqual(before);
    const states = [...after.values()].map((job) => `${job.batchId}:${job.state}:${job.attempts}`).sort();
    expect(states).toEqual(
      [
        ...Array(4).fill('ok:succeeded:1'),
        ...Array(3).fill('retried:succeeded:2'),
        ...Array(3).fill('partial:partial:1'),
        ...Array(2).fill('queued:queued:0'),
      ].sort(),
    );
  });
});
