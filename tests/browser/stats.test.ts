import { describe, expect, it } from 'vitest';
import { engineFactory } from './fixtures/engine.ts';
import { waitFor } from './fixtures/waitFor.ts';

const { engine } = engineFactory();

describe('statistics', () => {
  it('counts per state, stage times, worker health, error rate and an ETA from observed durations', async () => {
    const e = await engine({ concurrency: 2, maxAttempts: 1 });
    await e.scheduler.start();
    const ids = await e.addSessions(6);
    await e.scheduler.enqueue(
      ids.slice(0, 5).map((sessionId) => ({ sessionId, timeoutMs: 10_000 })),
      { batchId: 'b', stages: ['test.sleep'], params: { sleepMs: 80 } },
    );
    await e.scheduler.enqueue([{ sessionId: ids[5]!, timeoutMs: 10_000 }], { batchId: 'b', stages: ['test.throw'] });

    // Once a stage time has been observed and work remains, the ETA is a number.
    await waitFor(() => {
      const stats = e.scheduler.stats();
      return stats.done >= 1 && stats.done < 6 && stats.etaMs !== null;
    }, { what: 'an ETA mid-batch' });
    expect(e.scheduler.stats().etaMs).toBeGreaterThan(0);

    await e.scheduler.drain();
    const stats = e.scheduler.stats();
    expect(stats.counts.succeeded).toBe(5);
    expect(stats.counts.failed).toBe(1);
    expect(stats.total).toBe(6);
    expect(stats.errorRate).toBeCloseTo(1 / 6);
    expect(stats.stageMs['test.sleep']?.mean).toBeGreaterThan(0);
    expect(stats.workers[0]).toMatchObject({ jobsRun: 6, restarts: 0 });
    expect(stats.throughputPerMin).toBeGreaterThan(0);
    expect(stats.etaMs).toBe(0);
  });
});
