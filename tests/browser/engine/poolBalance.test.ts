import { afterEach, describe, expect, it } from 'vitest';
import { openEnricherDb } from '../../../src/shared/db.ts';
import { WorkerPool, type PoolTask } from '../../../src/pool/workerPool.ts';
import { SessionStore } from '../../../src/store/sessionStore.ts';
import { createTestWorker } from '../fixtures/engine.ts';
import { deleteDatabase, makeSession, uniqueDbName } from '../fixtures/sessions.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A test worker that calls `onDrop` with the job id of every drop the pool sends it, before it goes. */
function watchedWorker(onDrop: (jobId: string) => void): Worker {
  const worker = createTestWorker();
  const post = worker.postMessage.bind(worker) as (message: unknown, transfer: Transferable[]) => void;
  worker.postMessage = ((message: { path?: string[]; argumentList?: Array<{ value?: unknown }> }, transfer: Transferable[] = []) => {
    if (message?.path?.[0] === 'drop') onDrop(String(message.argumentList?.[0]?.value));
    post(message, transfer);
  }) as Worker['postMessage'];
  return worker;
}

async function rig(onDrop: (jobId: string) => void) {
  const dbName = uniqueDbName();
  const db = await openEnricherDb(dbName);
  const sessions = new SessionStore(db);
  const pool = new WorkerPool({ size: 2, createWorker: () => watchedWorker(onDrop), batch: { max: 4, shortJobMs: Infinity, handBackMs: Infinity } });
  cleanups.push(async () => {
    pool.terminate();
    db.close();
    await deleteDatabase(dbName);
  });
  const task = async (jobId: string, stages: string[], params: Record<string, unknown> = {}, signal?: AbortSignal): Promise<PoolTask> => {
    const { session, media } = await makeSession();
    await sessions.add(session, media);
    return { request: { jobId, sessionId: session.id, attempt: 1, dbName, stages, skip: {}, params }, timeoutMs: 20_000, signal, onProgress: () => {} };
  };
  return { pool, task };
}

describe('WorkerPool: a worker that falls idle takes waiting jobs from another', () => {
  it('a cancel that comes while a job is being moved cancels it, and stops no worker', async () => {
    const cancel = new AbortController();
    const drops: string[] = [];
    const { pool, task } = await rig((jobId) => {
      drops.push(jobId);
      // The cancel lands between the move's drop and its answer.
      if (jobId === 'moving') cancel.abort();
    });
    // One quick job on each worker: both take batches from then on.
    const [a, b] = await Promise.all([task('warm-1', ['test.ok']), task('warm-2', ['test.ok'])]);
    await Promise.all([pool.run(a), pool.run(b)]);
    const tasks = [await task('long', ['test.sleep'], { sleepMs: 2_000 }), await task('short', ['test.sleep'], { sleepMs: 100 }), await task('moving', ['test.ok'], {}, cancel.signal)];
    // [long, moving] on one worker, [short] on the other, which then falls idle.
    const [long, short, moving] = tasks.map((t) => pool.run(t));

    await expect(moving).rejects.toMatchObject({ kind: 'cancelled' });
    await expect(short).resolves.toBeDefined();
    await expect(long).resolves.toBeDefined();
    expect(drops).toEqual(['moving']);
    expect((await pool.spans()).map((span) => span.jobId)).not.toContain('moving');
    expect(pool.health().restarts).toBe(0);
  });

  it('a moved job runs once, on the worker that fell idle, before the long job ahead of it ends', async () => {
    const { pool, task } = await rig(() => {});
    const [a, b] = await Promise.all([task('warm-1', ['test.ok']), task('warm-2', ['test.ok'])]);
    await Promise.all([pool.run(a), pool.run(b)]);
    const tasks = [await task('long', ['test.sleep'], { sleepMs: 2_000 }), await task('short', ['test.ok']), await task('moved', ['test.ok'])];
    const order: string[] = [];
    await Promise.all(tasks.map((t) => pool.run(t).then(() => order.push(t.request.jobId))));

    expect(order).toEqual(['short', 'moved', 'long']);
    const spans = await pool.spans();
    expect(spans.filter((span) => span.jobId === 'moved')).toHaveLength(1);
    expect(pool.health()).toMatchObject({ restarts: 0, jobsRun: 5 });
  });
});
