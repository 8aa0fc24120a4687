import type { EnricherDb } from '../../src/shared/db.ts';
import { documentsOf } from './documents.ts';
import type { SearchDb, StoredDocument } from './searchDb.ts';

/** Sessions whose stored documents are kept in memory for hits and snippets. */
const CACHED_SESSIONS = 500;

/** A session's documents in numbering order, for hits (fields) and snippets (text): a small LRU over the `documents` store. */
export class DocumentCache {
  private readonly cache = new Map<string, StoredDocument[]>();

  remember(sessionId: string, documents: StoredDocument[]): void {
    this.cache.delete(sessionId);
    this.cache.set(sessionId, documents);
    if (this.cache.size > CACHED_SESSIONS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  forget(sessionId?: string): void {
    if (sessionId === undefined) this.cache.clear();
    else this.cache.delete(sessionId);
  }

  /**
   * The documents of these sessions: from memory, else the `documents` store, else (a session not
   * saved there yet, or lost) its stored result, which numbered them in the same order.
   */
  async of(sessionIds: readonly string[], search: SearchDb, main: EnricherDb): Promise<Map<string, StoredDocument[]>> {
    const out = new Map<string, StoredDocument[]>();
    const missing: string[] = [];
    for (const id of new Set(sessionIds)) {
      const cached = this.cache.get(id);
      if (cached) out.set(id, cached);
      else missing.push(id);
    }
    if (missing.length === 0) return out;
    const store = search.transaction('documents').store;
    const stored = await Promise.all(missing.map((id) => store.get(id)));
    const unsaved: string[] = [];
    for (const [i, id] of missing.entries()) {
      const documents = stored[i]?.documents;
      if (documents) out.set(id, documents);
      else unsaved.push(id);
    }
    if (unsaved.length > 0) {
      const results = main.transaction('results').store;
      const records = await Promise.all(unsaved.map((id) => results.get(id)));
      for (const [i, id] of unsaved.entries()) out.set(id, documentsOf(records[i]));
    }
    for (const [id, documents] of out) this.remember(id, documents);
    return out;
  }
}
