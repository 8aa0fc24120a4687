import { afterEach, describe, expect, it } from 'vitest';
import { Enricher } from '../../src/app/enricher.ts';
import { createTestWorker } from './fixtures/engine.ts';
import { makeSession, uniqueDbName } from './fixtures/sessions.ts';
import { waitFor } from './fixtures/waitFor.ts';
import { readStoredJobs } from '../../src/shared/runningJobs.ts';
import type { Job } from '../../src/shared/job.ts';

const open: Enricher[] = [];
/** Jobs in order of id: a snapshot's jobs come in no particular order. */
const byId = (jobs: Iterable<Job>) => [...jobs].sort((a, b) => a.id.localeCompare(b.id));
const names: string[] = [];

const createSlowWorker = () => new Worker(new URL('./fixtures/slow.worker.ts', import.meta.url), { type: 'module' });

async function tab(dbName: string, createWorker = createTestWorker): Promise<Enricher> {
  const enricher = await Enricher.open({ dbName, createWorker, options: { concurrency: 2 } });
  open.push(enricher);
  return enricher;
}

afterEach(async () => {
  for (const enricher of open.splice(0)) await enricher.close({ graceful: false });
  for (const name of names.splice(0)) indexedDB.deleteDatabase(name);
});

async function library(count: number, createWorker = createTestWorker): Promise<{ dbName: string; leader: Enricher; ids: string[] }> {
  const dbName = uniqueDbName();
  names.push(dbName);
  const leader = await tab(dbName, createWorker);
  await leader.leadership;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { session, media } = await makeSession();
    await leader.sessions.add(session, media);
    leader.view.addSession(session);
    ids.push(session.id);
  }
  return { dbName, leader, ids };
}

describe('one scheduler across tabs', () => {
  it('with three tabs open exactly one leads; the others follow', async () => {
    const { dbName, leader } = await library(0);
    const others = [await tab(dbName), await tab(dbName)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(leader.view.getSnapshot().role).toBe('leader');
    expect(others.map((o) => o.view.getSnapshot().role)).toEqual(['follower', 'follower']);
    const held = await navigator.locks.query();
    expect(held.held?.filter((lock) => lock.name?.endsWith(dbName))).toHaveLength(1);
    expect(held.pending?.filter((lock) => lock.name?.endsWith(dbName))).toHaveLength(2);
  });

  it('a follower enqueues and cancels through the leader and sees the live state', async () => {
    const { dbName, leader, ids } = await library(2);
    const follower = await tab(dbName);
    await leader.run({ type: 'pause' });
    await follower.run({ type: 'enrich', sessionIds: ids, priority: 'normal' });
    await waitFor(() => follower.view.getSnapshot().jobs.size === 2);
    expect([...follower.view.getSnapshot().jobs.values()].every((job) => job.state === 'queued')).toBe(true);

    await follower.run({ type: 'cancel', sessionIds: [ids[0]!] });
    await waitFor(() => follower.view.getSnapshot().jobs.get(ids[0]!)?.state === 'cancelled');
    expect(leader.view.getSnapshot().jobs.get(ids[0]!)?.state).toBe('cancelled');
    expect(follower.view.getSnapshot().paused).toBe(true);
  });

  it('when the leader tab dies, another takes over within 2 s and recovers its running jobs', async () => {
    const { dbName, leader, ids } = await library(2, createSlowWorker);
    const follower = await tab(dbName, createSlowWorker);
    await leader.run({ type: 'enrich', sessionIds: ids, priority: 'normal' });
    // Both jobs run (their stages take a second each) and their running state is stored.
    await waitFor(async () => (await readStoredJobs(leader.db)).filter((job) => job.state === 'running').length === 2);
    const runningBefore = await readStoredJobs(leader.db);

    const closedAt = performance.now();
    await leader.close({ graceful: false });
    await follower.leadership;
    expect(performance.now() - closedAt).toBeLessThan(2000);
    await waitFor(() => follower.view.getSnapshot().role === 'leader');

    await follower.drain();
    const jobs = await readStoredJobs(follower.db);
    expect(jobs.every((job) => job.state === 'succeeded')).toBe(true);
    // The leader's close was not the jobs' fault: their lost runs are not counted as attempts.
    for (const job of runningBefore) {
      expect(jobs.find((j) => j.id === job.id)?.attempts).toBe(1);
    }
    expect(await follower.db.count('results')).toBe(2);
  });
});

describe('commands around the start of leadership', () => {
  it('a command given before this tab has finished taking the lead is run once it leads', async () => {
    const dbName = uniqueDbName();
    names.push(dbName);
    // The sessions are stored first, as a previous visit left them.
    const first = await tab(dbName);
    await first.leadership;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { session, media } = await makeSession();
      await first.sessions.add(session, media);
      ids.push(session.id);
    }
    await first.close();
    open.splice(open.indexOf(first), 1);

    // A new page: "Enrich" clicked at once, before the scheduler has loaded the queue.
    const page = await tab(dbName);
    const clicked = page.run({ type: 'enrich', sessionIds: ids, priority: 'normal' });
    expect(page.view.getSnapshot().role).not.toBe('leader');
    await clicked;
    await page.drain();
    const jobs = await readStoredJobs(page.db);
    expect(jobs.map((job) => job.sessionId).sort()).toEqual([...ids].sort());
    expect(jobs.map((job) => [job.state, job.lastError?.message ?? null])).toEqual(ids.map(() => ['succeeded', null]));
  });

  it('a command a follower sends while the new leader is still loading is run, once', async () => {
    const { dbName, leader, ids } = await library(2);
    const follower = await tab(dbName);
    await leader.close({ graceful: false });
    open.splice(open.indexOf(leader), 1);
    const third = await tab(dbName);
    // Sent at the moment the lock passes: no tab can take it yet.
    const sent = third.run({ type: 'enrich', sessionIds: ids, priority: 'normal' });
    await follower.leadership;
    await sent;
    await follower.drain();
    const jobs = await readStoredJobs(follower.db);
    expect(jobs.map((job) => job.sessionId).sort()).toEqual([...ids].sort());
  });
});

describe('a follower tab', () => {
  it('learns of job changes from the leader\'s messages, without reading the jobs store', async () => {
    const { dbName, leader, ids } = await library(3);
    const follower = await tab(dbName);
    // Watched from open(): a tab reads the stored jobs once, when it finds another tab leading (its
    // lock request answers after open() returns). That read is not what this test is about.
    let reads = 0;
    let firstRead: Promise<unknown> | null = null;
    const getAll = follower.db.getAll.bind(follower.db);
    follower.db.getAll = ((...args: Parameters<typeof getAll>) => {
      const read = getAll(...args);
      if (args[0] === 'jobs' || args[0] === 'settledJobs') reads++;
      // The records come last in that read (after the packs and the settled records).
      if (args[0] === 'jobs') firstRead ??= read;
      return read;
    }) as typeof follower.db.getAll;
    await waitFor(() => follower.view.getSnapshot().role === 'follower');
    await waitFor(() => firstRead !== null, { what: "the new follower's read of the stored jobs" });
    await firstRead;
    reads = 0;
    await leader.run({ type: 'enrich', sessionIds: ids, priority: 'normal' });
    await leader.drain();
    await waitFor(() => [...follower.view.getSnapshot().jobs.values()].filter((job) => job.state === 'succeeded').length === 3, {
      what: 'the follower to see three sessions done',
    });
    expect(reads).toBe(0);
    // drain() in a follower settles once the leader's reports show the queue empty.
    await follower.drain();
    expect(byId(follower.view.getSnapshot().jobs.values())).toEqual(byId(leader.view.getSnapshot().jobs.values()));
  });
});

describe('a tab that opens as a follower', () => {
  it('shows the jobs finished before it opened, read from the settled records', async () => {
    const { dbName, leader, ids } = await library(3);
    await leader.run({ type: 'enrich', sessionIds: ids, priority: 'normal' });
    await leader.drain();
    expect(await leader.db.count('settledJobs')).toBeGreaterThan(0);
    const follower = await tab(dbName);
    await waitFor(() => follower.view.getSnapshot().role === 'follower');
    await waitFor(() => [...follower.view.getSnapshot().jobs.values()].filter((job) => job.state === 'succeeded').length === 3, {
      what: 'the new follower to show the three finished jobs',
    });
    expect(byId(follower.view.getSnapshot().jobs.values())).toEqual(byId(leader.view.getSnapshot().jobs.values()));
  });
});

describe('reports to the followers', () => {
  it('a change of hundreds of jobs reaches the followers a hundred jobs a message at most, all of it', async () => {
    const { dbName, leader, ids } = await library(1);
    const session = (await leader.sessions.get(ids[0]!))!;
    // 250 sessions sharing one's media: enough to queue and cancel, never run (the queue is paused).
    const copies = Array.from({ length: 250 }, (_, i) => ({ ...session, id: `${session.id}-${i}` }));
    const tx = leader.db.transaction('sessions', 'readwrite');
    for (const copy of copies) void tx.store.put(copy);
    await tx.done;
    const follower = await tab(dbName);
    await waitFor(() => follower.view.getSnapshot().role === 'follower');
    const heard = new BroadcastChannel(`session-enricher:${dbName}`);
    const sizes: number[] = [];
    heard.onmessage = (event: MessageEvent<{ kind: string; jobs?: unknown[] }>) => {
      if (event.data.kind === 'jobs-changed') sizes.push(event.data.jobs!.length);
    };
    try {
      await leader.run({ type: 'pause' });
      await leader.run({ type: 'enrich', sessionIds: copies.map((copy) => copy.id), priority: 'normal' });
      await leader.run({ type: 'cancel-all' });
      await waitFor(() => [...follower.view.getSnapshot().jobs.values()].filter((job) => job.state === 'cancelled').length === 250, {
        what: 'the follower to see 250 jobs cancelled',
      });
      expect(byId(follower.view.getSnapshot().jobs.values())).toEqual(byId(leader.view.getSnapshot().jobs.values()));
      expect(Math.max(...sizes), `jobs per message: ${sizes.join(' ')}`).toBeLessThanOrEqual(100);
    } finally {
      heard.close();
    }
  });
});
