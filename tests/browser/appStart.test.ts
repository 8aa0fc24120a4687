import { describe, expect, it } from 'vitest';
import { Enricher } from '../../src/app/enricher.ts';
import { createJob } from '../../src/engine/transitions.ts';
import { openEnricherDb } from '../../src/shared/db.ts';
import type { Job } from '../../src/shared/job.ts';
import { createTestWorker } from './fixtures/engine.ts';
import { openedEnrichers } from './fixtures/enrichers.ts';
import { makeSession, uniqueDbName } from './fixtures/sessions.ts';
import { waitFor } from './fixtures/waitFor.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';

const { open, names } = openedEnrichers();

/** Finished job records of `count` sessions (no session records: only the view reads them), as a big library's history. */
function finishedJobs(count: number, now: number): Job[] {
  return Array.from({ length: count }, (_, i) => {
    const job = createJob({ id: `done-${i}`, sessionId: `old-${i}`, batchId: 'old', priority: 'normal', seq: i, stageOrder: ['test.ok'], timeoutMs: 10_000, maxAttempts: 1, now });
    return { ...job, state: 'succeeded', startedAt: now, finishedAt: now } as Job;
  });
}

describe('opening the app over many stored jobs', () => {
  it('leads and runs the queue without waiting for the view to read every stored job; the view then shows each job in its latest state', async () => {
    const dbName = uniqueDbName();
    names.push(dbName);
    const db = await openEnricherDb(dbName);
    const { session, media } = await makeSession();
    await new SessionStore(db).add(session, media);
    const now = Date.now();
    const history = finishedJobs(2_500, now);
    const waiting = createJob({ id: 'waiting', sessionId: session.id, batchId: 'b', priority: 'normal', seq: 10_000, stageOrder: ['test.ok'], timeoutMs: 10_000, maxAttempts: 1, now });
    const tx = db.transaction('jobs', 'readwrite');
    for (const job of [...history, waiting]) void tx.store.put(job);
    await tx.done;
    db.close();

    const enricher = await Enricher.open({ dbName, createWorker: createTestWorker, options: { concurrency: 1 } });
    open.push(enricher);
    // open() returned before the stored jobs were read (three pages of them): they come behind it.
    expect(enricher.view.current().jobs.size).toBe(0);
    await enricher.leadership;
    await waitFor(() => enricher.view.current().jobs.get(session.id)?.state === 'succeeded', { what: 'the waiting job to run' });
    await waitFor(() => enricher.view.current().jobs.size === 2_501, { what: 'every stored job to show' });
    // No page read before the job ran puts back its stored 'queued' state.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const shown = enricher.view.current().jobs;
    expect(shown.get(session.id)?.state).toBe('succeeded');
    expect([...shown.values()].filter((job) => job.state === 'succeeded')).toHaveLength(2_501);
  });

  it('a tab that finds no leader reads no jobs for its view (its scheduler hands them over); a tab that finds one reads them', async () => {
    const dbName = uniqueDbName();
    names.push(dbName);
    const db = await openEnricherDb(dbName);
    const tx = db.transaction('jobs', 'readwrite');
    for (const job of finishedJobs(300, Date.now())) void tx.store.put(job);
    await tx.done;
    db.close();

    // The view reads whole stores ('jobPacks', then 'jobs' a page at a time); the scheduler reads
    // through the 'by-queue' index and the packs' keys.
    const storesRead: string[] = [];
    const getAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['getAll']>) {
      storesRead.push(this.name);
      return getAll.apply(this, args);
    };
    try {
      const leader = await Enricher.open({ dbName, createWorker: createTestWorker, options: { concurrency: 1 } });
      open.push(leader);
      await leader.leadership;
      await waitFor(() => leader.view.current().jobs.size === 300, { what: 'the scheduler to hand the view every job' });
      expect(storesRead.filter((store) => store === 'jobs' || store === 'jobPacks')).toEqual([]);

      const follower = await Enricher.open({ dbName, createWorker: createTestWorker, options: { concurrency: 1 } });
      open.push(follower);
      await waitFor(() => follower.view.current().jobs.size === 300, { what: 'the follower to read every job' });
      expect(storesRead).toContain('jobs');
    } finally {
      IDBObjectStore.prototype.getAll = getAll;
    }
  });
});
