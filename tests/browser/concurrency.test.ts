import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/engine/options.ts';
import type { RunSpan } from '../../src/shared/protocol.ts';
import { engineFactory, type TestEngine } from './fixtures/engine.ts';

const { engine } = engineFactory();

/** The most spans open at one instant. A span that ends when another starts does not overlap it. */
function maxOverlap(spans: readonly RunSpan[]): number {
  const edges = spans.flatMap((span) => [
    { at: span.start, delta: 1 },
    { at: span.end, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let open = 0;
  let most = 0;
  for (const edge of edges) {
    open += edge.delta;
    most = Math.max(most, open);
  }
  return most;
}

/**
 * Runs ten 150 ms jobs and returns the spans the workers recorded. The workers have all started
 * first: a worker still loading its script when the others have run every job (a second or more on
 * a loaded machine) would leave fewer running together than the concurrency allows.
 */
async function runTenSleeps(concurrency: number): Promise<{ e: TestEngine; spans: RunSpan[]; ids: string[] }> {
  const e = await engine({ concurrency });
  await e.pool.started();
  await e.scheduler.start();
  const sessions = await e.addSessions(10);
  const jobs = await e.scheduler.enqueue(
    sessions.map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
    { batchId: 'b1', stages: ['test.sleep'], params: { sleepMs: 150 } },
  );
  await e.scheduler.drain();
  return { e, spans: await e.pool.spans(), ids: jobs.map((job) => job.id) };
}

describe('concurrency: at most `concurrency` jobs run at once, and that many do', () => {
  it('with concurrency 2, the workers never run more than 2 jobs at once, and do run 2', async () => {
    const { e, spans, ids } = await runTenSleeps(2);
    expect(spans.map((span) => span.jobId).sort()).toEqual([...ids].sort());
    expect(maxOverlap(spans)).toBe(2);
    expect(e.pool.health()).toMatchObject({ size: 2, busy: 0, restarts: 0, jobsRun: 10 });
    expect(ids.every((id) => e.scheduler.get(id)?.state === 'succeeded')).toBe(true);
  });

  it('with concurrency 3, never more than 3 at once, and 3 do run together', async () => {
    const { e, spans, ids } = await runTenSleeps(3);
    expect(spans).toHaveLength(10);
    expect(maxOverlap(spans)).toBe(3);
    expect(e.pool.health()).toMatchObject({ size: 3, restarts: 0, jobsRun: 10 });
    expect(ids.every((id) => e.scheduler.get(id)?.state === 'succeeded')).toBe(true);
  });

  it('resolveOptions rejects a concurrency of 0 or 17 with a TypeError naming it', () => {
    expect(() => resolveOptions({ concurrency: 0 })).toThrow(TypeError);
    expect(() => resolveOptions({ concurrency: 0 })).toThrow(/`concurrency`.*`0` \(number\)/);
    expect(() => resolveOptions({ concurrency: 17 })).toThrow(TypeError);
    expect(() => resolveOptions({ concurrency: 17 })).toThrow(/`concurrency`.*`17` \(number\)/);
    expect(resolveOptions({ concurrency: 1 }).concurrency).toBe(1);
    expect(resolveOptions({ concurrency: 16 }).concurrency).toBe(16);
  });
});
