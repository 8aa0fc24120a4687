import { afterEach, describe, expect, it } from 'vitest';
import { Enricher } from '../../src/app/enricher.ts';
import { searchClientFor } from '../../src/search/searchClient.ts';
import { openEnricherDb, type EnricherDb } from '../../src/shared/db.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { bareSession } from '../fixtures/stageContext.ts';
import { deleteDatabase, uniqueDbName } from './fixtures/sessions.ts';
import { waitFor } from './fixtures/waitFor.ts';

/** A session record without files: listing reads records only. */
const record = (id: string, importedAt: number): SessionRecord => bareSession({ id, title: `Session ${id}`, importedAt });

async function storeAll(db: EnricherDb, sessions: SessionRecord[]): Promise<void> {
  const tx = db.transaction('sessions', 'readwrite');
  for (const session of sessions) void tx.store.put(session);
  await tx.done;
}

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) {
    await searchClientFor(name).close();
    await deleteDatabase(name);
  }
});

async function freshDb(): Promise<{ name: string; db: EnricherDb }> {
  const name = uniqueDbName();
  names.push(name);
  return { name, db: await openEnricherDb(name) };
}

describe('the library read a page at a time', () => {
  it('gives every session once, in the order of one whole read, also where many were imported at the same millisecond', async () => {
    const { db } = await freshDb();
    // Ties everywhere: 7 per millisecond; then 250 at one millisecond, more than a page; then singles.
    const sessions = [
      ...Array.from({ length: 700 }, (_, i) => record(`t${String(i).padStart(4, '0')}`, 1000 + Math.floor(i / 7))),
      ...Array.from({ length: 250 }, (_, i) => record(`b${String(i).padStart(4, '0')}`, 5000)),
      ...Array.from({ length: 333 }, (_, i) => record(`s${String(i).padStart(4, '0')}`, 9000 + i)),
    ];
    // Stored shuffled: the order must come from the index, not from the writes.
    await storeAll(db, [...sessions].sort((a, b) => (a.id.split('').reverse().join('') < b.id.split('').reverse().join('') ? -1 : 1)));
    const store = new SessionStore(db);
    const pages: SessionRecord[][] = [];
    for await (const page of store.listInPages(30, 100)) pages.push(page);
    const whole = await store.list();
    const paged = pages.flat();
    expect(paged.map((s) => s.id)).toEqual(whole.map((s) => s.id));
    expect(new Set(paged.map((s) => s.id)).size).toBe(sessions.length);
    expect(pages[0]!.length).toBe(30);
    expect(pages.length).toBeGreaterThanOrEqual(10);
    db.close();
  });

  it('an empty library gives no page', async () => {
    const { db } = await freshDb();
    const pages: SessionRecord[][] = [];
    for await (const page of new SessionStore(db).listInPages()) pages.push(page);
    expect(pages).toEqual([]);
    db.close();
  });

  it('an Enricher over 2,500 stored sessions shows them all in import order, "Enrich all" at once queues every one, and a second tab reads every job', async () => {
    const { name, db } = await freshDb();
    const sessions = Array.from({ length: 2500 }, (_, i) => record(`x${String(i).padStart(5, '0')}`, 10_000 + i));
    await storeAll(db, sessions);
    db.close();
    const enricher = await Enricher.open({ dbName: name });
    try {
      await enricher.leadership;
      await enricher.run({ type: 'pause' });
      // Called as soon as the tab leads: start-up may still be reading the library.
      await enricher.enrichAll();
      const queued = () => enricher.view.getSnapshot().counts.queued;
      await waitFor(() => queued() === sessions.length, { timeoutMs: 30_000 }).catch(() => expect(queued(), 'sessions queued').toBe(sessions.length));
      const shown = enricher.view.getSnapshot().sessions;
      expect(shown.map((s) => s.id)).toEqual(sessions.map((s) => s.id));
      // A second tab reads the library and the 2,500 jobs (three pages of them) as they are stored,
      // behind its open(): a big history must not hold the page or the queue.
      const follower = await Enricher.open({ dbName: name });
      try {
        await waitFor(() => follower.view.current().jobs.size === sessions.length, { timeoutMs: 30_000, what: 'the follower to show every job' });
        expect([...follower.view.current().jobs.values()].every((job) => job.state === 'queued')).toBe(true);
        await waitFor(() => follower.view.current().sessions.length === sessions.length, { timeoutMs: 30_000 });
      } finally {
        await follower.close();
      }
    } finally {
      await enricher.close();
    }
  });
});
