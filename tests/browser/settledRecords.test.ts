import { describe, expect, it } from 'vitest';
import { cancelJob, requeueJob } from '../../src/engine/transitions.ts';
import type { EnricherDb } from '../../src/shared/db.ts';
import type { Job, SucceededJob } from '../../src/shared/job.ts';
import { readStoredJob, readStoredJobs, readStoredJobsOfSession } from '../../src/shared/runningJobs.ts';
import { IdbJobStore } from '../../src/store/idbJobStore.ts';
import { engineFactory } from './fixtures/engine.ts';
import { queued, run, succeed, withDb } from './fixtures/storeJobs.ts';
import { waitFor } from './fixtures/waitFor.ts';

/** Every job a new leader reads, by id, from `loadInPages` (first copy of a job wins, as the scheduler takes them). */
async function pagedJobs(db: EnricherDb): Promise<Job[]> {
  const jobs = new Map<string, Job>();
  for await (const page of new IdbJobStore(db, { pageSize: 3 }).loadInPages()) for (const job of page.jobs) if (!jobs.has(job.id)) jobs.set(job.id, job);
  return [...jobs.values()].sort((a, b) => a.id.localeCompare(b.id));
}

const byId = (jobs: readonly Job[]) => [...jobs].sort((a, b) => a.id.localeCompare(b.id));

/** Five packed jobs, started and settled together in one commit. */
async function settledTogether(db: EnricherDb, store: IdbJobStore): Promise<SucceededJob[]> {
  const jobs = Array.from({ length: 5 }, (_, i) => queued(`p${i}`, i, i < 2 ? 's-shared' : `s-p${i}`));
  await store.commit({ jobs, created: true });
  const running = jobs.map((job) => run(job));
  await store.commit({ jobs: running });
  const done = running.map((job, i) => succeed(job, 10 + i));
  await store.commit({ jobs: done });
  return done;
}

const { engine } = engineFactory();

describe('settled jobs: the jobs one transaction settles share one record', () => {
  it('five jobs settled in one commit are one record, read back by every reader as they were written', () =>
    withDb(async (db) => {
      const store = new IdbJobStore(db, { packFrom: 2 });
      const done = await settledTogether(db, store);
      // One record of five jobs: none in `jobs`, the pack gone, nothing running.
      expect(await db.count('jobs')).toBe(0);
      expect(await db.count('jobPacks')).toBe(0);
      const records = await db.getAll('settledJobs');
      expect(records.map((record) => [record.jobs, record.finishedAt])).toEqual([[done, 14]]);
      // Every reader: a new leader (whole and in pages), the view's reads, one job, one session's jobs (the export).
      expect(byId(await new IdbJobStore(db).loadJobs())).toEqual(done);
      expect(await pagedJobs(db)).toEqual(done);
      expect(byId(await readStoredJobs(db))).toEqual(done);
      expect(await readStoredJob(db, 'p3')).toEqual(done[3]);
      expect(byId(await readStoredJobsOfSession(db, 's-shared'))).toEqual(done.slice(0, 2));
      expect(await readStoredJobsOfSession(db, 's-p4')).toEqual([done[4]]);
    }));

  it('a settled job that is requeued leaves its record for a record of its own; the last one out deletes the record', () =>
    withDb(async (db) => {
      const store = new IdbJobStore(db, { packFrom: 2 });
      const done = await settledTogether(db, store);
      // A requeue needs a finished job that did not succeed: two more, cancelled together.
      const again = [queued('r1', 10, 's-r1'), queued('r3', 11, 's-r3')];
      await store.commit({ jobs: again });
      const stopped = again.map((job) => cancelJob(job, 20));
      await store.commit({ jobs: stopped });
      expect(await db.count('jobs')).toBe(0);
      expect((await db.getAll('settledJobs')).map((record) => record.jobs.map((job) => job.id)).sort()).toEqual([['p0', 'p1', 'p2', 'p3', 'p4'], ['r1', 'r3']]);
      // r1 goes back in the queue: it leaves its record (r3 stays there) and is a record of its own.
      const back = requeueJob(stopped[0]!, 12, 30);
      await store.commit({ jobs: [back] });
      expect(await db.getAll('jobs')).toEqual([back]);
      expect((await db.getAll('settledJobs')).map((record) => record.jobs.map((job) => job.id)).sort()).toEqual([['p0', 'p1', 'p2', 'p3', 'p4'], ['r3']]);
      expect(byId(await new IdbJobStore(db).loadJobs())).toEqual(byId([...done, back, stopped[1]!]));
      // It runs and settles again: its record goes, and it is in a new settled record, never in two places.
      const runBack = run(back, 'run-r1-again');
      await store.commit({ jobs: [runBack] });
      const doneBack = succeed(runBack, 40);
      await store.commit({ jobs: [doneBack] });
      expect(await db.count('jobs')).toBe(0);
      expect(byId(await readStoredJobs(db))).toEqual(byId([...done, doneBack, stopped[1]!]));
      // r3 is deleted: the last job of its record, which goes with it.
      await store.commit({ deleteJobs: ['r3'] });
      expect((await db.getAll('settledJobs')).map((record) => record.jobs.map((job) => job.id)).sort()).toEqual([['p0', 'p1', 'p2', 'p3', 'p4'], ['r1']]);
      expect(await readStoredJob(db, 'r3')).toBeUndefined();
    }));

  it('a leader that starts afresh knows which record holds a settled job: deleting one rewrites that record without it', () =>
    withDb(async (db) => {
      const done = await settledTogether(db, new IdbJobStore(db, { packFrom: 2 }));
      const [record] = await db.getAll('settledJobs');
      // A new leader, as after a reload: it reads the queue in pages, then retention deletes p2.
      const leader = new IdbJobStore(db, { pageSize: 2 });
      for await (const page of leader.loadInPages()) void page;
      await leader.commit({ deleteJobs: ['p2'] });
      const left = done.filter((job) => job.id !== 'p2');
      expect(await db.getAll('settledJobs')).toEqual([{ ...record, jobs: left, sessionIds: ['s-shared', 's-p3', 's-p4'], finishedAt: 14 }]);
      expect(byId(await readStoredJobs(db))).toEqual(left);
      // Its newest job deleted, the record's finish is its newest job's that is left.
      await leader.commit({ deleteJobs: ['p4'] });
      expect((await db.getAll('settledJobs'))[0]?.finishedAt).toBe(13);
    }));

  it('a job settled from a record of its own (a small enqueue) loses that record in the same transaction', () =>
    withDb(async (db) => {
      const store = new IdbJobStore(db);
      const job = queued('a');
      await store.commit({ jobs: [job] });
      expect(await db.count('jobs')).toBe(1);
      const running = run(job);
      await store.commit({ jobs: [running] });
      const done = succeed(running);
      await store.commit({ jobs: [done] });
      expect(await db.count('jobs')).toBe(0);
      expect(await readStoredJobs(db)).toEqual([done]);
    }));

  it('a big settle is split into records of at most settledSize jobs', () =>
    withDb(async (db) => {
      const store = new IdbJobStore(db, { packFrom: 2, settledSize: 4 });
      const jobs = Array.from({ length: 10 }, (_, i) => queued(`c${i}`, i));
      await store.commit({ jobs, created: true });
      const cancelled = jobs.map((job) => cancelJob(job, 5));
      await store.commit({ jobs: cancelled });
      expect((await db.getAll('settledJobs')).map((record) => record.jobs.length).sort()).toEqual([2, 4, 4]);
      expect(byId(await readStoredJobs(db))).toEqual(cancelled);
    }));

  it('retention deletes a record once its newest job is due, and the job records due as before', () =>
    withDb(async (db) => {
      const store = new IdbJobStore(db, { packFrom: 2 });
      const done = await settledTogether(db, store); // finished at 10..14
      const old = succeed(run(queued('old', 9)), 5);
      // A finished job stored as a record, as versions before this one wrote them.
      await db.put('jobs', old);
      await new IdbJobStore(db).deleteFinishedBefore(14);
      // p4 finished at 14 is not due: the record stays whole; the old record goes.
      expect(byId(await readStoredJobs(db))).toEqual(done);
      await new IdbJobStore(db).deleteFinishedBefore(15);
      expect(await readStoredJobs(db)).toEqual([]);
      expect(await db.count('settledJobs')).toBe(0);
    }));

  it('a change that fails leaves the records as they were, and the next change knows where each job is', () =>
    withDb(async (db) => {
      const store = new IdbJobStore(db, { packFrom: 2 });
      const done = await settledTogether(db, store);
      const before = await db.getAll('settledJobs');
      // Deleting p0 with a value IndexedDB cannot clone in the same change fails all of it.
      const bad = { ...queued('bad', 50), params: { callback: () => 1 } };
      await expect(store.commit({ jobs: [bad], deleteJobs: ['p0'] })).rejects.toThrow();
      expect(await db.getAll('settledJobs')).toEqual(before);
      await store.commit({ deleteJobs: ['p0'] });
      expect(byId(await readStoredJobs(db))).toEqual(done.slice(1));
    }));

  it('through the scheduler: a batch of 40 jobs settles into fewer records than jobs, and a reload reads every one', async () => {
    const e = await engine({ concurrency: 2 });
    await e.scheduler.start();
    const sessionIds = await e.addSessions(40);
    const jobs = await e.scheduler.enqueue(
      sessionIds.map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
      { batchId: 'b', stages: ['test.ok'] },
    );
    await waitFor(async () => (await readStoredJobs(e.db)).filter((job) => job.state === 'succeeded').length === 40, { what: '40 settled jobs', timeoutMs: 30_000 });
    const records = await e.db.getAll('settledJobs');
    expect(records.flatMap((record) => record.jobs.map((job) => job.id)).sort()).toEqual(jobs.map((job) => job.id).sort());
    expect(records.length).toBeLessThan(40);
    expect(await e.db.count('jobs')).toBe(0);
  });
});
