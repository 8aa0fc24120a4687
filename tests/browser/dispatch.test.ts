import { describe, expect, it } from 'vitest';
import { openEnricherDb } from '../../src/shared/db.ts';
import { Scheduler } from '../../src/engine/scheduler.ts';
import { resolveOptions } from '../../src/engine/options.ts';
import { WorkerPool } from '../../src/pool/workerPool.ts';
import { IdbJobStore } from '../../src/store/idbJobStore.ts';
import type { JobStore, QueueChange } from '../../src/store/jobStore.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { makeSession, uniqueDbName } from './fixtures/sessions.ts';
import { holdsFor, waitFor } from './fixtures/waitFor.ts';
import { createTestWorker, engineFactory } from './fixtures/engine.ts';
import { readStoredJob } from '../../src/shared/runningJobs.ts';
import { assembledEngines } from './fixtures/assembledEngines.ts';

/**
 * The real IndexedDB store, with a gate in front of the commits that start jobs: the test decides
 * when a job's running state becomes durable, or makes that write fail.
 */
class GatedStore implements JobStore {
  private open!: () => void;
  private fail!: (error: unknown) => void;
  private readonly gate = new Promise<void>((resolve, reject) => {
    this.open = resolve;
    this.fail = reject;
  });
  readonly commits: QueueChange[] = [];

  constructor(private readonly inner: IdbJobStore) {}

  loadJobs = () => this.inner.loadJobs();
  loadResult = (sessionId: string) => this.inner.loadResult(sessionId);
  getMeta = <T,>(key: string) => this.inner.getMeta<T>(key);
  setMeta = (key: string, value: unknown) => this.inner.setMeta(key, value);

  async commit(change: QueueChange): Promise<void> {
    this.commits.push(change);
    if (change.jobs?.some((job) => job.state === 'running')) await this.gate;
    return this.inner.commit(change);
  }

  release(): void {
    this.open();
  }

  reject(error: unknown): void {
    this.fail(error);
  }
}

const opened = assembledEngines();

async function gatedEngine() {
  const dbName = uniqueDbName();
  const db = await openEnricherDb(dbName);
  const options = resolveOptions({ concurrency: 1, maxAttempts: 1 });
  const pool = new WorkerPool({ size: 1, createWorker: createTestWorker });
  const store = new GatedStore(new IdbJobStore(db));
  const scheduler = new Scheduler({ store, runner: pool, dbName, owner: 'gated', options });
  opened.push({ db, pool, scheduler, dbName });
  const { session, media } = await makeSession();
  await new SessionStore(db).add(session, media);
  await scheduler.start();
  const [job] = await scheduler.enqueue([{ sessionId: session.id, timeoutMs: 20_000 }], {
    batchId: 'b',
    stages: ['test.sleep'],
    params: { sleepMs: 40 },
  });
  return { db, pool, scheduler, store, jobId: job!.id, sessionId: session.id };
}

describe('dispatch does not wait for the running state to be durable, but the outcome does', () => {
  it('the worker runs while the commit is held; no result is written until it lands; then one result', async () => {
    const { db, scheduler, store, jobId, sessionId } = await gatedEngine();

    // The worker has run the whole stage (its last progress report arrived) with the commit still held.
    await waitFor(() => scheduler.get(jobId)?.stages['test.sleep']?.progress === 1, { what: 'the stage to finish in the worker' });
    await holdsFor(async () => scheduler.get(jobId)?.state === 'running' && (await db.count('results')) === 0, 300, 'no outcome before the commit');
    expect(store.commits.filter((change) => (change.results ?? []).length > 0)).toHaveLength(0);

    store.release();
    await scheduler.drain();
    expect(scheduler.get(jobId)?.state).toBe('succeeded');
    expect(await readStoredJob(db, jobId)).toEqual(scheduler.get(jobId));
    const results = await db.getAll('results');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ sessionId, jobId, attempt: 1 });
    // The running state went out before the result, in that order.
    const order = store.commits.map((change) => (change.results?.length ? 'result' : change.jobs?.[0]?.state));
    expect(order.indexOf('running')).toBeLessThan(order.indexOf('result'));
  });

  it('a running state that cannot be written stops the attempt with a plain message and stores no result', async () => {
    const { db, scheduler, store, jobId } = await gatedEngine();
    await waitFor(() => scheduler.get(jobId)?.state === 'running', { what: 'the job to start' });
    store.reject(new DOMException('quota', 'QuotaExceededError'));
    await scheduler.drain();

    const job = scheduler.get(jobId);
    expect(job?.state).toBe('failed');
    expect(job?.lastError?.message).toBe('The device ran out of storage space while saving this session.');
    expect(await db.count('results')).toBe(0);
  });
});

describe('progress without a message at the end of each stage', () => {
  const { engine } = engineFactory();

  it('news of a later stage shows the quick stages before it as ended', async () => {
    const e = await engine({ concurrency: 1 });
    await e.scheduler.start();
    const [sessionId] = await e.addSessions(1);
    const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], {
      batchId: 'b',
      stages: ['test.ok', 'test.sleep'],
      params: { sleepMs: 800 },
    });
    // test.ok ends at once and sends nothing; test.sleep reports a quarter after 200 ms.
    const seen = await waitFor(() => {
      const current = e.scheduler.get(job!.id);
      return current?.state === 'running' && (current.stages['test.sleep']?.progress ?? 0) > 0 ? current : undefined;
    }, { what: 'progress of the second stage' });
    expect(seen.stages['test.ok']).toMatchObject({ status: 'running', progress: 1 });
    // What the progress counts travels with it, in the stage's words; it is gone once the stage ends.
    expect(seen.stages['test.sleep']?.detail).toMatch(/^[1-4] of 4 naps$/);
    await e.scheduler.drain();
    expect(e.scheduler.get(job!.id)?.stages['test.ok']?.status).toBe('done');
    expect(e.scheduler.get(job!.id)?.stages['test.sleep']?.detail).toBeUndefined();
  });
});
