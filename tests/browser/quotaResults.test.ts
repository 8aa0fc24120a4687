import { describe, expect, it } from 'vitest';
import { RESULT_NOT_SAVED } from '../../src/engine/unsaved.ts';
import type { QueueChange } from '../../src/store/jobStore.ts';
import { engineFactory } from './fixtures/engine.ts';
import { readStoredJob } from '../../src/shared/runningJobs.ts';

const { engine } = engineFactory();

/**
 * The engine side of "storage full while a result is written" (tests/e2e/quota.spec.ts does it with a
 * real quota): here the store refuses, as IndexedDB does, every commit that carries a result.
 */
describe('a result write refused for lack of space', () => {
  it('ends the job failed with the plain message before drain() resolves, and keeps the result saved before', async () => {
    const e = await engine({ concurrency: 1, maxAttempts: 3 });
    await e.scheduler.start();
    const [sessionId] = await e.addSessions(1);
    const enqueue = () => e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 10_000 }], { batchId: 'b', stages: ['test.ok'] });
    const [first] = await enqueue();
    await e.scheduler.drain();
    const saved = await e.db.get('results', sessionId!);
    expect(saved?.jobId).toBe(first!.id);

    let refused = 0;
    const commit = e.store.commit.bind(e.store);
    e.store.commit = (change: QueueChange) => {
      if (!change.results?.length) return commit(change);
      refused++;
      return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    };
    const [second] = await enqueue();
    await e.scheduler.drain();

    expect(refused).toBe(1);
    // Stored, not only in memory, by the time drain() resolves; no retry loop.
    const stored = await readStoredJob(e.db, second!.id);
    expect(stored).toMatchObject({ state: 'failed', attempts: 1, lastError: { class: 'permanent', message: RESULT_NOT_SAVED } });
    expect(e.scheduler.get(second!.id)?.state).toBe('failed');
    expect(await e.db.get('results', sessionId!)).toEqual(saved);
  });
});
