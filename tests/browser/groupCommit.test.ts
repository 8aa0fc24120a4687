import { describe, expect, it } from 'vitest';
import { engineFactory } from './fixtures/engine.ts';

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
    const stored = await e.db.getAll('jobs');
    expect(stored.filter((job) => job.state === 'succeeded')).toHaveLength(30);
    expect(await e.db.count('results')).toBe(30);
  });
});
