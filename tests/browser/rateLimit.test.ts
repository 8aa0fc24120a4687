import { afterEach, describe, expect, it } from 'vitest';
import { createTestEngine, type TestEngine } from './fixtures/engine.ts';

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.dispose();
});

describe('token-bucket rate limiter shared by the workers', () => {
  it('makes calls past the burst wait for tokens, across workers, and shows its state in the statistics', async () => {
    const e = await createTestEngine({ concurrency: 2 });
    engines.push(e);
    e.limiter.configure('test-provider', { capacity: 2, refillPerSecond: 20 });
    await e.scheduler.start();
    const ids = await e.addSessions(2);
    await e.scheduler.enqueue(
      ids.map((sessionId) => ({ sessionId, timeoutMs: 10_000 })),
      { batchId: 'b', stages: ['test.rateLimited'], params: { calls: 4 } },
    );
    await e.scheduler.drain();

    const jobs = await e.db.getAll('jobs');
    expect(jobs.map((job) => job.state)).toEqual(['succeeded', 'succeeded']);
    const stats = e.scheduler.stats().rateLimits['test-provider'];
    expect(stats?.granted).toBe(8);
    // Two tokens of burst for eight calls: at least six had to wait for a refill.
    expect(stats?.waited).toBeGreaterThanOrEqual(6);
    expect(stats).toMatchObject({ capacity: 2, refillPerSecond: 20 });
  });
});
