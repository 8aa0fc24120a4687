import { afterEach, describe, expect, it } from 'vitest';
import { loadSampleSessions } from '../../src/import/samples.ts';
import { openEnricherDb } from '../../src/shared/db.ts';
import type { MediaRecord, SessionRecord } from '../../src/shared/session.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { deleteDatabase, uniqueDbName } from './fixtures/sessions.ts';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await deleteDatabase(name);
});

/** A store that is full after `room` sessions: it refuses the rest as IndexedDB does. */
class FullAfter extends SessionStore {
  constructor(
    db: SessionStore['db'],
    private room: number,
  ) {
    super(db);
  }

  override add(session: SessionRecord, media: MediaRecord[]): Promise<void> {
    if (this.room-- > 0) return super.add(session, media);
    return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
  }
}

describe('sample sessions on a full device', () => {
  it('says which samples were not stored and why, and keeps those that were', async () => {
    const name = uniqueDbName();
    names.push(name);
    const store = new FullAfter(await openEnricherDb(name), 1);
    const shown: string[] = [];
    // Before: the first refusal rejected the whole load, uncaught in the page: no message, no list.
    const report = await loadSampleSessions(store, (session) => shown.push(session.id), { count: 3, workers: 1 });
    expect(report.imported).toHaveLength(1);
    expect(report.refused).toHaveLength(2);
    for (const reason of report.refused) expect(reason).toMatch(/^Sample session .+ was not imported: the device is out of storage space\.$/);
    expect(shown).toEqual([report.imported[0]!.id]);
    expect((await store.list()).map((session) => session.id)).toEqual(shown);
  });
});
