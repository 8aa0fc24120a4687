import { afterEach, describe, expect, it } from 'vitest';
import { Enricher } from '../../src/engine/enricher.ts';
import { createTestWorker } from './fixtures/engine.ts';
import { makeSession, uniqueDbName } from './fixtures/sessions.ts';
import { waitFor } from './fixtures/waitFor.ts';

const open: Enricher[] = [];
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
    await waitFor(async () => (await leader.db.getAll('jobs')).filter((job) => job.state === 'running').length === 2);
    const runningBefore = await leader.db.getAll('jobs');

    const closedAt = performance.now();
    await leader.close({ graceful: false });
    await follower.leadership;
    expect(performance.now() - closedAt).toBeLessThan(2000);
    await waitFor(() => follower.view.getSnapshot().role === 'leader');

    await follower.drain();
    const jobs = await follower.db.getAll('jobs');
    expect(jobs.every((job) => job.state === 'succeeded')).toBe(true);
    for (const job of runningBefore) {
      expect(jobs.find((j) => j.id === job.id)?.attempts).toBe(2);
    }
    expect(await follower.db.count('results')).toBe(2);
  });
});
