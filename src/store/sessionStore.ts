import { unwrap } from 'idb';
import type { EnricherDb, ResultRecord } from '../shared/db.ts';
import { DEFAULT_PACING, type Pacing } from '../shared/pacing.ts';
import type { MediaRecord, SessionRecord } from '../shared/session.ts';
import { writeInSlices } from './writeInSlices.ts';

/** Sessions, their files and their results in IndexedDB. */
export class SessionStore {
  constructor(readonly db: EnricherDb) {}

  /**
   * Stores a session with all its files in one transaction: never half a session. The files' puts go
   * a slice at a time (`writeInSlices`): each costs ~0.5 ms of the main thread, 300 of them 140 ms.
   */
  async add(session: SessionRecord, media: MediaRecord[], pacing: Pacing = DEFAULT_PACING): Promise<void> {
    const tx = this.db.transaction(['sessions', 'media'], 'readwrite');
    // The bare store: idb's wrapper would give every request a promise of its own.
    const mediaStore = unwrap(tx).objectStore('media');
    void tx.objectStore('sessions').put(session);
    const writes = media.map((record) => () => mediaStore.put(record));
    await Promise.all([writeInSlices(writes, pacing), tx.done]);
  }

  /** All sessions, oldest import first. */
  list(): Promise<SessionRecord[]> {
    return this.db.getAllFromIndex('sessions', 'by-imported');
  }

  /**
   * All sessions, oldest import first, a page per read: reading 10,000 at once spent 126 ms of the
   * main thread turning them into objects, in one task. The first page is small so that the list
   * shows at once; between pages the caller may render.
   */
  async *listInPages(firstPage = 100, pageSize = 1000): AsyncGenerator<SessionRecord[]> {
    const seen = new Set<string>();
    let after: number | null = null;
    for (let size = firstPage; ; size = pageSize) {
      const range: IDBKeyRange | undefined = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
      const page: SessionRecord[] = await this.db.getAllFromIndex('sessions', 'by-imported', range, size);
      // Sessions imported at the same millisecond as the last one read, which a bound after it skips.
      const tied = after === null ? [] : (await this.db.getAllFromIndex('sessions', 'by-imported', after)).filter((session) => !seen.has(session.id));
      const sessions = [...tied, ...page];
      for (const session of sessions) seen.add(session.id);
      if (sessions.length > 0) yield sessions;
      if (page.length < size) return;
      after = page.at(-1)!.importedAt;
    }
  }

  get(id: string): Promise<SessionRecord | undefined> {
    return this.db.get('sessions', id);
  }

  result(sessionId: string): Promise<ResultRecord | undefined> {
    return this.db.get('results', sessionId);
  }

  results(): Promise<ResultRecord[]> {
    return this.db.getAll('results');
  }

  async media(id: string): Promise<Blob | undefined> {
    return (await this.db.get('media', id))?.blob;
  }

  /** Removes a session, its files and its result together. */
  async remove(sessionId: string): Promise<void> {
    const tx = this.db.transaction(['sessions', 'media', 'results'], 'readwrite');
    const mediaIds = await tx.objectStore('media').index('by-session').getAllKeys(sessionId);
    for (const id of mediaIds) void tx.objectStore('media').delete(id);
    void tx.objectStore('sessions').delete(sessionId);
    void tx.objectStore('results').delete(sessionId);
    await tx.done;
  }
}
