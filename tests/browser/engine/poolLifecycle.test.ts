import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../src/pool/workerPool.ts';
import { createTestWorker } from '../fixtures/engine.ts';
import { pause, waitFor } from '../fixtures/waitFor.ts';

const pools: WorkerPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.terminate();
});

/** Counts the workers a pool makes, with the real test worker or one whose script is missing. */
function counted(make: () => Worker): { created: () => number; createWorker: () => Worker } {
  let created = 0;
  return {
    created: () => created,
    createWorker: () => {
      created++;
      return make();
    },
  };
}

const missingWorker = () => new Worker(new URL('./no-such.worker.js', import.meta.url), { type: 'module' });

describe('WorkerPool lifecycle', () => {
  it('terminate() with runs in flight ends them and makes no replacement worker', async () => {
    const { created, createWorker } = counted(createTestWorker);
    const pool = new WorkerPool({ size: 2, createWorker });
    pools.push(pool);
    const run = pool.run({
      request: { jobId: 'j1', sessionId: 'nowhere', attempt: 1, dbName: 'unused-db', stages: ['test.spin'], skip: {} },
      timeoutMs: 20_000,
      onProgress: () => {},
    });
    await pause(100);
    pool.terminate();
    await expect(run).rejects.toMatchObject({ kind: 'crashed' });
    await pause(200);
    expect(created()).toBe(2);
    expect(pool.health().restarts).toBe(0);
  });

  it('spans() answers when a worker cannot run (it skips the dead one)', async () => {
    const pool = new WorkerPool({ size: 1, createWorker: missingWorker });
    pools.push(pool);
    const spans = await Promise.race([pool.spans(), pause(3000).then(() => 'hung' as const)]);
    expect(spans).toEqual([]);
  });

  it('a worker that cannot even start is respawned with growing delays, not in a loop', async () => {
    const { created, createWorker } = counted(missingWorker);
    const pool = new WorkerPool({ size: 1, createWorker });
    pools.push(pool);
    await waitFor(() => created() >= 3, { what: 'two respawns' });
    await pause(1500);
    // Delays of 0.25, 0.5, 1, 2 s…: in about 2 s, a handful of tries, not hundreds.
    expect(created()).toBeLessThanOrEqual(6);
    expect(pool.health().restarts).toBe(created() - 1);
  });
});
