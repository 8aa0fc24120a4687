import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/engine/options.ts';
import { Scheduler } from '../../src/engine/scheduler.ts';
import { createJob } from '../../src/engine/transitions.ts';
import type { Job, Priority } from '../../src/shared/job.ts';
import { IdbJobStore, type PagingOptions } from '../../src/store/idbJobStore.ts';
import { readPackedJobs } from '../../src/shared/packedJobs.ts';
import type { JobPage } from '../../src/store/jobStore.ts';
import { openEnricherDb } from '../../src/shared/db.ts';
import { engineFactory, type TestEngine } from './fixtures/engine.ts';
import { deleteDatabase, uniqueDbName } from './fixtures/sessions.ts';
import { readStoredJobs } from '../../src/shared/runningJobs.ts';
import { waitForStoredJob } from './fixtures/waitFor.ts';

const { engine } = engineFactory();

/** Packs from 4 new jobs, 3 to a pack, and tiny pages: every path of a big queue with a few jobs. */
const SMALL: Partial<PagingOptions> = { packFrom: 4, packSize: 3, headPerLane: 2, pageSize: 2 };

/** One clock reading per call, as enqueue takes: jobs created a millisecond apart never share a pack. */
const newJobs = (sessionIds: readonly string[], priority: Priority, fromSeq: number, batchId = 'b', now = Date.now()): Job[] =>
  sessionIds.map((sessionId, i) =>
    createJob({ id: `job-${fromSeq + i}`, sessionId, batchId, priority, seq: fromSeq + i, stageOrder: ['test.ok'], timeoutMs: 20_000, maxAttempts: 3, now }),
  );

const byId = (jobs: readonly Job[]) => [...jobs].sort((a, b) => a.id.localeCompare(b.id));

/** A store whose pages after the first come only once `open()` is called: the first page's jobs run first. */
class GatedPagesStore extends IdbJobStore {
  private opened!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));
  private pages = 0;

  open(): void {
    this.opened();
  }

  override async *loadInPages(): AsyncGenerator<JobPage> {
    for await (const page of super.loadInPages()) {
      if (this.pages++ > 0) await this.gate;
      yield page;
    }
  }
}

function schedulerOver(e: TestEngine, store: IdbJobStore): Scheduler {
  e.scheduler.abandon();
  e.scheduler = new Scheduler({ store, runner: e.pool, dbName: e.dbName, owner: 'tab-under-test', options: resolveOptions({ concurrency: 1 }) });
  return e.scheduler;
}

describe('packed jobs (a big enqueue stored a few jobs to a record)', () => {
  it('a big enqueue is stored in packs, and read back equal to the jobs written; a small one as records', async () => {
    const e = await engine();
    const store = new IdbJobStore(e.db, SMALL);
    const big = newJobs(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 'normal', 0);
    const small = newJobs(['h', 'i', 'j'], 'normal', 7);
    await store.commit({ jobs: big, created: true });
    await store.commit({ jobs: small, created: true });

    expect((await e.db.getAll('jobPacks')).map((pack) => pack.ids.length)).toEqual(expect.arrayContaining([3, 3, 1]));
    expect(byId(await readStoredJobs(e.db))).toStrictEqual(byId(small));
    const packed: Job[] = [];
    for await (const jobs of readPackedJobs(e.db)) packed.push(...jobs);
    expect(byId(packed)).toStrictEqual(byId(big));
    expect(byId(await new IdbJobStore(e.db, SMALL).loadJobs())).toStrictEqual(byId([...big, ...small]));
  });

  it('by default, "Enrich all" over a few hundred sessions is stored packed; fewer than 100 new jobs as records', async () => {
    const e = await engine();
    const store = new IdbJobStore(e.db);
    const sessions = (count: number, from: number) => Array.from({ length: count }, (_, i) => `s${from + i}`);
    const batch = newJobs(sessions(300, 0), 'normal', 0);
    const few = newJobs(sessions(99, 300), 'normal', 300, 'b2');
    await store.commit({ jobs: batch, created: true });
    await store.commit({ jobs: few, created: true });

    expect((await e.db.getAll('jobPacks')).map((pack) => pack.ids.length)).toEqual([300]);
    expect(byId(await readStoredJobs(e.db))).toStrictEqual(byId(few));
  });

  it('a change to a packed job takes it out of its pack as a record, in the same transaction; the rest stay packed', async () => {
    const e = await engine();
    const store = new IdbJobStore(e.db, SMALL);
    const big = newJobs(['a', 'b', 'c', 'd', 'e', 'f'], 'normal', 0);
    await store.commit({ jobs: big, created: true });
    const packs = await e.db.getAll('jobPacks');
    expect(packs).toHaveLength(2);
    const target = packs[0]!.ids[1]!;
    const changed = { ...big.find((job) => job.id === target)!, priority: 'high' as const };
    await store.commit({ jobs: [changed] });

    expect(await readStoredJobs(e.db)).toStrictEqual([changed]);
    const left = packs[0]!.ids.filter((id) => id !== target);
    expect((await e.db.getAll('jobPacks')).map((pack) => pack.ids)).toStrictEqual(
      [left, packs[1]!.ids].sort((a, b) => packs.findIndex((p) => p.ids.includes(a[0]!)) - packs.findIndex((p) => p.ids.includes(b[0]!))),
    );
    const packed: Job[] = [];
    for await (const jobs of readPackedJobs(e.db)) packed.push(...jobs);
    expect(byId(packed)).toStrictEqual(byId(big.filter((job) => job.id !== target)));
    // A store that read the packs at start-up (a new leader) takes jobs out the same way, and a delete does too.
    const next = new IdbJobStore(e.db, SMALL);
    expect(byId(await next.loadJobs())).toStrictEqual(byId(big.map((job) => (job.id === target ? changed : job))));
    await next.commit({ deleteJobs: [packs[1]!.ids[0]!] });
    expect(await e.db.count('jobPacks')).toBe(2);
    expect(await e.db.count('jobs')).toBe(1);
    expect(byId(await new IdbJobStore(e.db, SMALL).loadJobs()).map((job) => job.id)).toStrictEqual(
      byId(big.filter((job) => job.id !== packs[1]!.ids[0]!)).map((job) => job.id),
    );
    // Deleting a pack's last jobs deletes the pack.
    await next.commit({ deleteJobs: packs[1]!.ids.slice(1) });
    expect((await e.db.getAll('jobPacks')).map((pack) => pack.ids)).toStrictEqual([left]);
  });

  it('an enqueue whose one job cannot be stored leaves none of its jobs, packed or not', async () => {
    const e = await engine();
    const store = new IdbJobStore(e.db, SMALL);
    const jobs = newJobs(['a', 'b', 'c', 'd', 'e', 'f'], 'normal', 0);
    // A function cannot be cloned: its pack's put throws, after other packs' puts were queued.
    const bad = { ...jobs[4]!, params: { run: () => undefined } };
    await expect(store.commit({ jobs: [...jobs.slice(0, 4), bad, jobs[5]!], created: true })).rejects.toThrow();
    expect(await e.db.count('jobPacks')).toBe(0);
    expect(await e.db.count('jobs')).toBe(0);
    // The store did not note packs that were never stored: a later change writes a plain record.
    await store.commit({ jobs: [{ ...jobs[0]!, priority: 'low' }] });
    expect(await readStoredJobs(e.db)).toStrictEqual([{ ...jobs[0]!, priority: 'low' }]);
  });

  it('start-up merges packed and stored jobs by priority then FIFO, and runs each once', async () => {
    const e = await engine({ concurrency: 1 });
    const sessions = await e.addSessions(12);
    const writer = new IdbJobStore(e.db, SMALL);
    // Stored records and packs interleave in seq within a priority.
    const records = [...newJobs(sessions.slice(0, 2), 'normal', 0), ...newJobs(sessions.slice(2, 3), 'high', 11)];
    await writer.commit({ jobs: records });
    const normalPacked = newJobs(sessions.slice(3, 8), 'normal', 2);
    const highPacked = newJobs(sessions.slice(8, 12), 'high', 7);
    await writer.commit({ jobs: [...normalPacked, ...highPacked], created: true });
    // One more normal record after the packs.
    const late = createJob({ id: 'job-late', sessionId: sessions[0]!, batchId: 'b', priority: 'normal', seq: 20, stageOrder: ['test.ok'], timeoutMs: 20_000, maxAttempts: 3, now: Date.now() });
    await writer.commit({ jobs: [late] });
    expect(await e.db.count('jobPacks')).toBe(4);

    const store = new GatedPagesStore(e.db, SMALL);
    const scheduler = schedulerOver(e, store);
    let finished = 0;
    scheduler.subscribe(({ changed }) => {
      finished += changed.filter((id) => scheduler.get(id)?.state === 'succeeded').length;
      // The first page's two high jobs run before any later page is read: they must be the first two.
      if (finished >= 2) store.open();
    });
    await scheduler.start();
    await scheduler.drain();

    const ran = (await e.pool.spans()).map((span) => span.jobId);
    expect(ran).toEqual(['job-7', 'job-8', 'job-9', 'job-10', 'job-11', 'job-0', 'job-1', 'job-2', 'job-3', 'job-4', 'job-5', 'job-6', 'job-late']);
    expect(await e.db.count('jobPacks')).toBe(0);
    const stored = await readStoredJobs(e.db);
    expect(stored).toHaveLength(13);
    for (const job of stored) expect(job, job.id).toMatchObject({ state: 'succeeded', attempts: 1 });
  });

  it('the scheduler packs a big enqueue, and a reload finds every job of it', async () => {
    const e = await engine({ concurrency: 1 });
    const store = new IdbJobStore(e.db, SMALL);
    const scheduler = schedulerOver(e, store);
    await scheduler.pause();
    await scheduler.start();
    const created = await scheduler.enqueue(
      ['a', 'b', 'c', 'd', 'e'].map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
      { batchId: 'big', stages: ['test.ok'] },
    );
    expect(await e.db.count('jobs')).toBe(0);
    expect(await e.db.count('jobPacks')).toBe(2);
    scheduler.abandon();
    const reloaded = new Scheduler({ store: new IdbJobStore(e.db, SMALL), runner: e.pool, dbName: e.dbName, owner: 'next-tab', options: resolveOptions({ concurrency: 1 }) });
    await reloaded.start();
    expect(byId([...reloaded.all()])).toStrictEqual(byId(created));
    reloaded.abandon();
  });

  it('a tab that dies while a packed job runs: the next leader runs it again and every other job once, each result written by the run that settled it', async () => {
    const e = await engine({ concurrency: 1 });
    const sessions = await e.addSessions(6);
    const scheduler = schedulerOver(e, new IdbJobStore(e.db, SMALL));
    await scheduler.start();
    const created = await scheduler.enqueue(
      sessions.map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
      { batchId: 'big', stages: ['test.sleep'], params: { sleepMs: 300 } },
    );
    expect(await e.db.count('jobPacks')).toBe(2);
    const first = await waitForStoredJob(e.db, created[0]!.id, 'running');
    // The run wrote no record: its pack still holds it, as it was before the run.
    expect(await e.db.count('jobs')).toBe(0);
    expect((await e.db.getAll('jobPacks')).flatMap((pack) => pack.ids)).toContain(created[0]!.id);

    // The tab is gone mid-run: its scheduler writes nothing more and its workers stop.
    const next = await e.restart({ concurrency: 1 }, { interruption: () => 'crashed' });
    await next.scheduler.start();
    await next.scheduler.drain();

    expect(await next.db.count('jobPacks')).toBe(0);
    const stored = byId(await readStoredJobs(next.db));
    // The lost run costs no attempt; the crash is counted on the job it cut off.
    expect(stored.map((job) => [job.id, job.state, job.attempts, job.crashes ?? 0])).toEqual(
      byId(created).map((job) => [job.id, 'succeeded', 1, job.id === created[0]!.id ? 1 : 0]),
    );
    expect((await next.pool.spans()).map((span) => span.jobId).sort()).toEqual(created.map((job) => job.id).sort());
    for (const job of stored) {
      const result = await next.db.get('results', job.sessionId);
      expect(result && job.state === 'succeeded' ? [result.jobId, result.attempt] : null, job.id).toEqual([job.id, job.attempts]);
    }
    expect(first.state === 'running' && (await next.db.get('results', first.sessionId))?.runId).not.toBe(first.state === 'running' ? first.lease.runId : null);
  });

  it('an enqueue of 20,000 jobs cut off by its page dying leaves all of them or none, never some', async () => {
    const dbName = uniqueDbName();
    const count = 20_000;
    const db = await openEnricherDb(dbName);
    try {
      const worker = new Worker(new URL('./fixtures/enqueueCrash.worker.ts', import.meta.url), { type: 'module' });
      let stored = false;
      const writing = new Promise<void>((resolve) => {
        worker.onmessage = (event: MessageEvent<string>) => {
          if (event.data === 'stored') stored = true;
          resolve();
        };
      });
      worker.postMessage({ dbName, count });
      await writing;
      // Killed the moment any of its jobs can be read (or once it is stored): a write in several
      // transactions would be cut off with some of them stored.
      const visible = async () => (await db.count('jobPacks')) + (await db.count('jobs')) > 0;
      while (!stored && !(await visible())) await new Promise((resolve) => setTimeout(resolve, 2));
      worker.terminate();
      const packed = (await db.getAll('jobPacks')).reduce((sum, pack) => sum + pack.ids.length, 0);
      const records = await db.count('jobs');
      expect([0, count]).toContain(packed + records);
      const loaded = await new IdbJobStore(db).loadJobs();
      expect(new Set(loaded.map((job) => job.id)).size).toBe(packed + records);
    } finally {
      db.close();
      await deleteDatabase(dbName);
    }
  });
});
