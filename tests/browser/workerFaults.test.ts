import { describe, expect, it } from 'vitest';
import { engineFactory } from './fixtures/engine.ts';

const { engine } = engineFactory();

describe('worker faults in one batch', () => {
  it('a throwing, self-closing, hanging and memory-hungry stage each follow their policy; every other job completes', async () => {
    const e = await engine({ concurrency: 2, maxAttempts: 2, backoffBaseMs: 10, backoffCapMs: 20 });
    await e.scheduler.start();
    const ids = await e.addSessions(10);
    const enqueue = (sessionIds: string[], stages: string[], timeoutMs = 10_000, params?: Record<string, unknown>) =>
      e.scheduler.enqueue(sessionIds.map((sessionId) => ({ sessionId, timeoutMs })), { batchId: 'faults', stages, params });

    const good = await enqueue(ids.slice(0, 6), ['test.sleep'], 10_000, { sleepMs: 40 });
    const [throws] = await enqueue([ids[6]!], ['test.throw'], 10_000, { errorClass: 'transient', message: 'Broken.' });
    const [closes] = await enqueue([ids[7]!], ['test.close']);
    const [hangs] = await enqueue([ids[8]!], ['test.spin'], 400);
    const [hungry] = await enqueue([ids[9]!], ['test.allocate']);
    await e.scheduler.drain();

    const state = (id: string) => e.scheduler.get(id)!;
    for (const job of good) expect(state(job.id).state).toBe('succeeded');
    expect(state(throws!.id)).toMatchObject({ state: 'failed', attempts: 2, lastError: { class: 'transient', message: 'Broken.' } });
    expect(state(closes!.id)).toMatchObject({ state: 'failed', attempts: 2, lastError: { class: 'transient' } });
    expect(state(hangs!.id)).toMatchObject({ state: 'timed-out', attempts: 2, lastError: { class: 'timeout' } });
    // A failed allocation is an error inside the stage: the job retries and fails, the worker lives on.
    expect(state(hungry!.id)).toMatchObject({ state: 'failed', attempts: 2, lastError: { class: 'transient' } });

    const health = e.pool.health();
    // Two self-closes and two timeouts replaced four workers; the pool is whole again.
    expect(health.restarts).toBe(4);
    expect(health.size).toBe(2);
    expect(e.pool.idle).toBe(2);
    // Runs that came back (even failed) stored their outcomes; runs that died left none.
    expect(await e.db.count('results')).toBe(8);
    expect(await e.db.get('results', ids[8]!)).toBeUndefined();
  });
});
