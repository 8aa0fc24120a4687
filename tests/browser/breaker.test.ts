import { describe, expect, it } from 'vitest';
import { engineFactory } from './fixtures/engine.ts';
import { waitFor } from './fixtures/waitFor.ts';
import { readStoredJob } from '../../src/shared/runningJobs.ts';

const { engine } = engineFactory();

describe('circuit breaker per stage', () => {
  it('opens after K consecutive failures, skips the stage, probes after the cool-down and closes on success', async () => {
    const e = await engine({ concurrency: 1, maxAttempts: 1, breakerThreshold: 2, breakerCooldownMs: 300 });
    await e.scheduler.start();
    const ids = await e.addSessions(5);
    const run = async (sessionId: string, fail: boolean) => {
      const [job] = await e.scheduler.enqueue([{ sessionId, timeoutMs: 10_000 }], {
        batchId: `b-${sessionId}`,
        stages: ['test.ok', 'test.flaky'],
        params: { fail },
      });
      await e.scheduler.drain();
      return readStoredJob(e.db, job!.id);
    };

    expect((await run(ids[0]!, true))?.state).toBe('partial');
    expect(e.scheduler.breaker.state('test.flaky').status).toBe('closed');
    expect((await run(ids[1]!, true))?.state).toBe('partial');
    expect(e.scheduler.breaker.state('test.flaky').status).toBe('open');

    // Open: the stage is skipped at once with a plain message; the other stage still runs.
    const skipped = await run(ids[2]!, false);
    expect(skipped?.state).toBe('partial');
    expect(skipped?.stages['test.flaky']).toMatchObject({ status: 'skipped' });
    expect(skipped?.stages['test.flaky']?.message).toMatch(/paused for a moment/);
    expect(skipped?.stages['test.ok']?.status).toBe('done');

    await waitFor(() => e.scheduler.breaker.state('test.flaky').status === 'half-open', { timeoutMs: 5_000, what: 'the cool-down' });
    expect((await run(ids[3]!, false))?.state).toBe('succeeded');
    expect(e.scheduler.breaker.state('test.flaky').status).toBe('closed');
    expect((await run(ids[4]!, false))?.state).toBe('succeeded');
    expect(e.scheduler.stats().breakers).toBeDefined();
  });

  it('permanent failures (bad input) do not open the breaker', async () => {
    const e = await engine({ concurrency: 1, breakerThreshold: 2 });
    await e.scheduler.start();
    const ids = await e.addSessions(3);
    await e.scheduler.enqueue(
      ids.map((sessionId) => ({ sessionId, timeoutMs: 10_000 })),
      { batchId: 'b', stages: ['test.throw'], params: { errorClass: 'permanent' } },
    );
    await e.scheduler.drain();
    expect(e.scheduler.breaker.state('test.throw').status).toBe('closed');
  });
});
