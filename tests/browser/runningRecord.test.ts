import { describe, expect, it } from 'vitest';
import { readRunningJobs, readStoredJob, readStoredJobs, readStoredJobsOfSession } from '../../src/shared/runningJobs.ts';
import { IdbJobStore } from '../../src/store/idbJobStore.ts';
import { engineFactory } from './fixtures/engine.ts';
import { queued, run, succeed, withDb } from './fixtures/storeJobs.ts';
import { waitForStoredJob } from './fixtures/waitFor.ts';

const { engine } = engineFactory();

describe('the running record: a run costs no job record of its own', () => {
  it('a start writes the running record only; the settle writes the job (in a settled record) and takes the run out, in one transaction', () =>
    withDb(async (db) => {
      const store = new IdbJobStore(db);
      const [a, b] = [queued('a'), queued('b', 1)];
      await store.commit({ jobs: [a, b] });
      const [runA, runB] = [run(a, 'run-a'), run(b, 'run-b')];
      await store.commit({ jobs: [runA, runB] });
      // The records keep the state before the run; the running record holds both runs.
      expect(await db.get('jobs', 'a')).toEqual(a);
      expect(await db.get('jobs', 'b')).toEqual(b);
      expect(await readRunningJobs(db)).toEqual([runA, runB]);
      expect(await readStoredJob(db, 'a')).toEqual(runA);

      const doneA = succeed(runA);
      await store.commit({ jobs: [doneA] });
      expect(await db.get('jobs', 'a')).toBeUndefined();
      expect((await db.getAll('settledJobs')).map((record) => record.jobs)).toEqual([[doneA]]);
      expect(await readRunningJobs(db)).toEqual([runB]);
      expect(await readStoredJobs(db)).toEqual([runB, doneA]);
      // A new store (a new leader) reads the run as running, over the record's queued state.
      expect(await new IdbJobStore(db).loadJobs()).toEqual([runB, doneA]);
      const pages = [];
      for await (const page of new IdbJobStore(db).loadInPages()) pages.push(page.jobs);
      expect(pages[0]![0]).toEqual(runB);
    }));

  it('a change that fails leaves the running record as it was, for the next change too', () =>
    withDb(async (db) => {
      const store = new IdbJobStore(db);
      const [a, b] = [queued('a'), queued('b', 1)];
      await store.commit({ jobs: [a, b] });
      const runA = run(a, 'run-a');
      await store.commit({ jobs: [runA] });
      // Settling A with a value IndexedDB cannot clone fails the whole change: A is still running.
      const bad = { ...succeed(runA), params: { callback: () => 1 } };
      await expect(store.commit({ jobs: [bad] })).rejects.toThrow();
      expect(await readRunningJobs(db)).toEqual([runA]);
      // B's start rewrites the record from what is stored, A's run still in it.
      const runB = run(b, 'run-b');
      await store.commit({ jobs: [runB] });
      expect(await readRunningJobs(db)).toEqual([runA, runB]);
    }));

  it('a packed job that starts stays in its pack, as a record keeps the state before the run; the running record holds the run, and a deletion takes it out of both', () =>
    withDb(async (db) => {
      const store = new IdbJobStore(db, { packFrom: 4, packSize: 10 });
      const jobs = Array.from({ length: 5 }, (_, i) => queued(`p${i}`, i));
      await store.commit({ jobs, created: true });
      const [pack] = await db.getAll('jobPacks');
      const running = run(jobs[2]!, 'run-p2');
      await store.commit({ jobs: [running] });
      // Nothing but the running record was written: no job became a record, the pack is as it was.
      expect(await db.count('jobs')).toBe(0);
      expect(await db.getAll('jobPacks')).toEqual([pack]);
      expect(await readStoredJobs(db)).toEqual([running]);
      // A new leader reads the run over the packed copy.
      expect((await new IdbJobStore(db).loadJobs()).map((job) => [job.id, job.state])).toEqual([
        ['p0', 'queued'],
        ['p1', 'queued'],
        ['p2', 'running'],
        ['p3', 'queued'],
        ['p4', 'queued'],
      ]);
      // A reader of one session's jobs (the export) finds it too.
      expect(await readStoredJobsOfSession(db, 's-p2')).toEqual([running]);
      await store.commit({ deleteJobs: ['p2'] });
      expect(await readRunningJobs(db)).toEqual([]);
      expect(await readStoredJob(db, 'p2')).toBeUndefined();
      expect((await db.getAll('jobPacks')).map((stored) => stored.ids)).toEqual([['p0', 'p1', 'p3', 'p4']]);
      expect((await new IdbJobStore(db).loadJobs()).map((job) => job.id)).toEqual(['p0', 'p1', 'p3', 'p4']);
    }));

  it('a packed job that finishes leaves its pack for a settled record; the other jobs stay packed, and the last one out deletes the pack', () =>
    withDb(async (db) => {
      const store = new IdbJobStore(db, { packFrom: 2, packSize: 10 });
      const jobs = [queued('p0', 0), queued('p1', 1)];
      await store.commit({ jobs, created: true });
      const [pack] = await db.getAll('jobPacks');
      const done0 = succeed(run(jobs[0]!, 'run-p0'));
      await store.commit({ jobs: [run(jobs[0]!, 'run-p0')] });
      await store.commit({ jobs: [done0] });
      expect(await db.count('jobs')).toBe(0);
      expect(await readStoredJobs(db)).toEqual([done0]);
      expect(await db.getAll('jobPacks')).toEqual([{ ...pack, ids: ['p1'], sessionIds: ['s-p1'], seqs: [1], timeoutMs: [1000] }]);
      expect(await new IdbJobStore(db).loadJobs()).toEqual([jobs[1], done0]);
      const done1 = succeed(run(jobs[1]!, 'run-p1'));
      await store.commit({ jobs: [done1] });
      expect(await db.count('jobPacks')).toBe(0);
      expect(await db.count('jobs')).toBe(0);
      expect((await readStoredJobs(db)).sort((x, y) => x.id.localeCompare(y.id))).toEqual([done0, done1]);
    }));

  it('through the scheduler: while a job runs its record is untouched, and the running record names the very run in memory', async () => {
    const e = await engine({ concurrency: 1 });
    await e.scheduler.start();
    const [sessionId] = await e.addSessions(1);
    const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], { batchId: 'b', stages: ['test.sleep'], params: { sleepMs: 400 } });
    const stored = await waitForStoredJob(e.db, job!.id, 'running');
    const inMemory = e.scheduler.get(job!.id);
    expect(inMemory?.state).toBe('running');
    expect(stored.state === 'running' && inMemory?.state === 'running' && stored.lease.runId === inMemory.lease.runId).toBe(true);
    expect((await e.db.get('jobs', job!.id))?.state).toBe('queued');
    await waitForStoredJob(e.db, job!.id, 'succeeded');
    expect(await readRunningJobs(e.db)).toEqual([]);
    expect(await e.db.get('jobs', job!.id)).toBeUndefined();
    expect((await readStoredJob(e.db, job!.id))?.state).toBe('succeeded');
  });
});
