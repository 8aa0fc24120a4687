import { describe, expect, it, vi } from 'vitest';
import { resolveOptions } from '../../src/engine/options.ts';
import { Scheduler } from '../../src/engine/scheduler.ts';
import { cancelJob, createJob, startAttempt } from '../../src/engine/transitions.ts';
import type { Job, Priority } from '../../src/shared/job.ts';
import { IdbJobStore } from '../../src/store/idbJobStore.ts';
import type { JobPage } from '../../src/store/jobStore.ts';
import { engineFactory, type TestEngine } from './fixtures/engine.ts';
import { readStoredJob, readStoredJobs } from '../../src/shared/runningJobs.ts';

const { engine } = engineFactory();

/** A store that reads the queue in tiny pages and yields pages after the first only when `open()` is called. */
class GatedPagesStore extends IdbJobStore {
  pages = 0;
  private opened!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));

  open(): void {
    this.opened();
  }

  /** How long the read goes on after its last page (a last check of the store, slow on a loaded machine). */
  endAfterMs = 0;

  override async *loadInPages(): AsyncGenerator<JobPage> {
    for await (const page of super.loadInPages()) {
      if (this.pages++ > 0) await this.gate;
      yield page;
    }
    await new Promise((resolve) => setTimeout(resolve, this.endAfterMs));
  }
}

/** Stores one job per (priority, session) in that order of `seq`, as a closed tab left them. */
async function storeQueue(e: TestEngine, priorities: readonly Priority[]): Promise<Job[]> {
  const sessions = await e.addSessions(priorities.length);
  const jobs = priorities.map((priority, seq) =>
    createJob({ id: `job-${seq}`, sessionId: sessions[seq]!, batchId: 'b', priority, seq, stageOrder: ['test.ok'], timeoutMs: 20_000, maxAttempts: 3, now: 1 }),
  );
  await e.store.commit({ jobs });
  return jobs;
}

function schedulerOver(e: TestEngine, store: IdbJobStore): Scheduler {
  e.scheduler.abandon();
  e.scheduler = new Scheduler({ store, runner: e.pool, dbName: e.dbName, owner: 'tab-under-test', options: resolveOptions({ concurrency: 1 }) });
  return e.scheduler;
}

const ranOrder = async (e: TestEngine) => (await e.pool.spans()).map((span) => span.jobId);

describe('start-up in pages', () => {
  it('dispatches from the first page, and still runs every job of later pages once, by priority then FIFO', async () => {
    const e = await engine({ concurrency: 1 });
    // Fewer than 8 high and normal starts in all, so aging never lets a low job go early.
    const priorities: Priority[] = ['normal', 'high', 'low', 'normal', 'high', 'high', 'normal', 'low', 'high', 'normal'];
    const stored = await storeQueue(e, priorities);
    // The tab that ran job-0 crashed; job-9 was cancelled before.
    // Recent times: retention would delete a job finished long ago before start-up reads it.
    const now = Date.now();
    const orphan = startAttempt(stored[0] as Job & { state: 'queued' }, { owner: 'gone-tab', runId: 'r0' }, now);
    const cancelled = cancelJob(stored[9] as Job & { state: 'queued' }, now);
    await e.store.commit({ jobs: [orphan, cancelled] });

    const store = new GatedPagesStore(e.db, { headPerLane: 2, pageSize: 2 });
    const scheduler = schedulerOver(e, store);
    let finished = 0;
    scheduler.subscribe(({ changed }) => {
      finished = changed.filter((id) => scheduler.get(id)?.state === 'succeeded').length + finished;
      // The first page holds two jobs of each priority: later pages come once both high ones ran.
      if (finished >= 2) store.open();
    });
    await scheduler.start();
    await scheduler.drain();

    const byOrder = (wanted: Priority) => stored.filter((job) => job.priority === wanted && job.id !== cancelled.id).map((job) => job.id);
    // High first (four of them: two needed a later page), then normal (the recovered orphan at its place), then low.
    expect(await ranOrder(e)).toEqual([...byOrder('high'), ...byOrder('normal'), ...byOrder('low')]);
    expect(store.pages).toBeGreaterThan(2);
    expect([...scheduler.all()]).toHaveLength(stored.length);
    expect(scheduler.get(cancelled.id)?.state).toBe('cancelled');
    expect(scheduler.get(orphan.id)).toMatchObject({ state: 'succeeded', attempts: 1, crashes: 1 });
    for (const job of await readStoredJobs(e.db)) expect(job.state, job.id).toBe(job.id === cancelled.id ? 'cancelled' : 'succeeded');
  });

  it('a command sent during start-up waits for the whole queue, and no job starts meanwhile: a cancel reaches a job on a later page', async () => {
    const e = await engine({ concurrency: 1 });
    const stored = await storeQueue(e, ['normal', 'normal', 'normal', 'normal', 'normal', 'normal', 'normal']);
    const store = new GatedPagesStore(e.db, { headPerLane: 2, pageSize: 2 });
    // Time enough for the jobs read before the end to run, the cancelled one among them, were they started.
    store.endAfterMs = 1_000;
    const scheduler = schedulerOver(e, store);
    const last = stored.at(-1)!.id;
    const started = scheduler.start();
    const cancel = scheduler.cancel([last]);
    // Not loaded yet: the job is unread and the cancel waits.
    expect(scheduler.get(last)).toBeUndefined();
    store.open();
    await cancel;
    await started;
    await scheduler.drain();

    expect(scheduler.get(last)?.state).toBe('cancelled');
    expect(await ranOrder(e)).toEqual(stored.slice(0, -1).map((job) => job.id));
    expect((await readStoredJob(e.db, last))?.state).toBe('cancelled');
  });

  it('drain() does not resolve while later pages are unread, even when the first page is all done', async () => {
    const e = await engine({ concurrency: 1 });
    const stored = await storeQueue(e, ['low', 'low', 'low', 'low', 'low']);
    const store = new GatedPagesStore(e.db, { headPerLane: 2, pageSize: 2 });
    const scheduler = schedulerOver(e, store);
    const started = scheduler.start();
    let drained = false;
    const drain = scheduler.drain().then(() => (drained = true));
    await vi.waitFor(async () => expect(await ranOrder(e)).toHaveLength(2), { timeout: 20_000, interval: 50 });
    expect(drained).toBe(false);
    store.open();
    await started;
    await drain;
    expect(await ranOrder(e)).toEqual(stored.map((job) => job.id));
  });

  it("a first page's starts are written before the next page is read (a read ahead would hold the write up)", async () => {
    const e = await engine({ concurrency: 1 });
    await storeQueue(e, ['normal', 'normal', 'normal', 'normal', 'normal', 'normal']);
    const store = new IdbJobStore(e.db, { headPerLane: 2, pageSize: 2 });
    const scheduler = schedulerOver(e, store);
    const made: { stores: string[]; mode: IDBTransactionMode }[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = transaction.apply(this, args);
      made.push({ stores: [...tx.objectStoreNames], mode: tx.mode });
      return tx;
    };
    // The scheduler tells its listeners of the first page's jobs as it takes them in, before it starts any.
    let firstPageRead: number | null = null;
    scheduler.subscribe(() => (firstPageRead ??= made.length));
    try {
      await scheduler.start();
    } finally {
      IDBDatabase.prototype.transaction = transaction;
    }
    await scheduler.drain();
    const after = made.slice(firstPageRead!).filter((tx) => tx.stores.includes('jobs'));
    // Next after the first page: the write of the job it started, then the later pages' reads.
    expect(after[0]).toEqual({ stores: ['jobPacks', 'jobs', 'results', 'runningJobs', 'settledJobs'], mode: 'readwrite' });
    expect(after.slice(1).some((tx) => tx.mode === 'readonly')).toBe(true);
  });
});

