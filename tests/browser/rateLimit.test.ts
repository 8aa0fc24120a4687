import { describe, expect, it } from 'vitest';
import { engineFactory } from './fixtures/engine.ts';
import { readStoredJobs } from '../../src/shared/runningJobs.ts';

const { engine } = engineFactory();

describe('token-bucket rate limiter shared by the workers', () => {
  it('makes calls past the burst wait for tokens, across workers, and shows its state in the statistics', async () => {
    const e = await engine({ concurrency: 2 });
    e.limiter.configure('test-provider', { capacity: 2, refillPerSecond: 10 });
    await e.scheduler.start();
    const ids = await e.addSessions(2);
    await e.scheduler.enqueue(
      ids.map((sessionId) => ({ sessionId, timeoutMs: 10_000 })),
      { batchId: 'b', stages: ['test.rateLimited'], params: { calls: 4 } },
    );
    await e.scheduler.drain();

    const jobs = await readStoredJobs(e.db);
    expect(jobs.map((job) => job.state)).toEqual(['succeeded', 'succeeded']);
    const stats = e.scheduler.stats().rateLimits['test-provider'];
    expect(stats?.granted).toBe(8);
    // Two tokens of burst, and each job makes its four calls back to back: the calls past the burst
    // wait for a refill. Six wait when the two jobs overlap; when a loaded machine starts the second
    // job after the bucket has refilled, each job still waits for two, so four at least.
    expect(stats?.waited).toBeGreaterThanOrEqual(4);
    expect(stats).toMatchObject({ capacity: 2, refillPerSecond: 10 });
  });
});
