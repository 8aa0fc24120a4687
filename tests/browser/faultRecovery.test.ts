import { describe, expect, it } from 'vitest';
import { engineFactory } from './fixtures/engine.ts';

const { engine } = engineFactory();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * How long the pool takes to recover from a dead worker: from the faulty job's end to the end of the
 * next job, which must run on the replacement worker (one worker in the pool). A normal job followed
 * by the same next job is the baseline. Figures are printed for docs/reliability.md, not asserted.
 */
describe('recovery time after a worker fault', () => {
  it('a self-closed or timed-out worker is replaced and the next job completes on the new one', async () => {
    const e = await engine({ concurrency: 1, maxAttempts: 1 });
    await e.scheduler.start();
    const seen = new Map<string, Map<string, number>>();
    e.scheduler.subscribe(({ changed }) => {
      const at = performance.now();
      for (const id of changed) {
        const state = e.scheduler.get(id)?.state;
        if (!state) continue;
        const states = seen.get(id) ?? new Map<string, number>();
        if (!states.has(state)) states.set(state, at);
        seen.set(id, states);
      }
    });
    const ids = await e.addSessions(2);
    const run = async (stage: string, timeoutMs: number) => {
      const [fault] = await e.scheduler.enqueue([{ sessionId: ids[0]!, timeoutMs }], { batchId: stage, stages: [stage] });
      const [next] = await e.scheduler.enqueue([{ sessionId: ids[1]!, timeoutMs: 10_000 }], { batchId: stage, stages: ['test.ok'] });
      await e.scheduler.drain();
      const ended = e.scheduler.get(fault!.id)!;
      expect(e.scheduler.get(next!.id)?.state).toBe('succeeded');
      return { state: ended.state, ms: seen.get(next!.id)!.get('succeeded')! - seen.get(fault!.id)!.get(ended.state)! };
    };

    const figures: Record<string, number[]> = { baseline: [], 'self-close': [], timeout: [] };
    for (let round = 0; round < 3; round++) {
      const ok = await run('test.ok', 10_000);
      expect(ok.state).toBe('succeeded');
      figures.baseline!.push(ok.ms);
      const closed = await run('test.close', 10_000);
      expect(closed.state).toBe('failed');
      figures['self-close']!.push(closed.ms);
      const spun = await run('test.spin', 300);
      expect(spun.state).toBe('timed-out');
      figures.timeout!.push(spun.ms);
    }
    // Three self-closes and three timeouts: six workers replaced, and the pool is whole.
    expect(e.pool.health()).toMatchObject({ restarts: 6, size: 1 });
    const line = Object.entries(figures)
      .map(([kind, values]) => `${kind}: median ${median(values).toFixed(0)} ms (max ${Math.max(...values).toFixed(0)})`)
      .join('; ');
    console.log(`fault recovery, fault end → next job done on one worker: ${line}`);
  });
});
