import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { Enricher } from '../../../src/app/enricher.ts';
import { DB_VERSION } from '../../../src/shared/db.ts';
import { createTestWorker } from '../fixtures/engine.ts';
import { deleteDatabase, makeSession, uniqueDbName } from '../fixtures/sessions.ts';
import { waitFor } from '../fixtures/waitFor.ts';

const names: string[] = [];
const open: Enricher[] = [];
afterEach(async () => {
  for (const enricher of open.splice(0)) await enricher.close({ graceful: false });
  for (const name of names.splice(0)) await deleteDatabase(name);
});

describe('a newer version of the app opens the library in another tab', () => {
  it('the old leader steps down: it hands on the lock, says to reload, and writes nothing more', async () => {
    const dbName = uniqueDbName();
    names.push(dbName);
    const old = await Enricher.open({ dbName, createWorker: createTestWorker, options: { concurrency: 1 } });
    open.push(old);
    await old.leadership;
    const { session, media } = await makeSession();
    await old.sessions.add(session, media);

    // The newer app upgrades the database (its version is one higher).
    const newer = await openDB(dbName, DB_VERSION + 1);
    try {
      await waitFor(() => old.view.getSnapshot().role === 'outdated', { what: 'the old tab to step down' });
      const locks = await navigator.locks.query();
      expect(locks.held?.filter((lock) => lock.name?.endsWith(dbName))).toEqual([]);
      // A click in the old tab changes nothing and throws nothing: the page asks for a reload.
      await old.run({ type: 'enrich', sessionIds: [session.id], priority: 'normal' });
      expect(await newer.count('jobs')).toBe(0);
    } finally {
      newer.close();
    }
  });
});
