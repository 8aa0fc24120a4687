import type { EnricherDb } from '../../src/shared/db.ts';
import { documentsOf, textsOf } from '../../workers/search/documents.ts';
import type { SearchDb } from './shardDb.ts';

/** Sessions whose document texts are kept in memory for snippets. */
const CACHED_SESSIONS = 500;

/** Document texts by session, for snippets: a small LRU over the search database's `texts` store. */
export class TextCache {
  private readonly cache = new Map<string, Record<string, string>>();

  remember(sessionId: string, texts: Record<string, string>): void {
    this.cache.delete(sessionId);
    this.cache.set(sessionId, texts);
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
   * The texts of these sessions: from memory, else the `texts` store, else (texts of a session not
   * saved there yet, or lost) its stored result.
   */
  async of(sessionIds: readonly string[], search: SearchDb, main: EnricherDb): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    for (const id of new Set(sessionIds)) {
      const cached = this.cache.get(id);
      if (cached) out.set(id, cached);
    }
    const missing = [...new Set(sessionIds)].filter((id) => !out.has(id));
    if (missing.length === 0) return out;
    const store = search.transaction('texts').store;
    const stored = await Promise.all(missing.map((id) => store.get(id)));
    const unsaved: string[] = [];
    for (const [i, id] of missing.entries()) {
      const texts = stored[i]?.texts;
      if (texts) out.set(id, texts);
      else unsaved.push(id);
    }
    if (unsaved.length > 0) {
      const results = main.transaction('results').store;
      const records = await Promise.all(unsaved.map((id) => results.get(id)));
      for (const [i, id] of unsaved.entries()) out.set(id, textsOf(documentsOf(records[i])));
    }
    for (const [id, texts] of out) this.remember(id, texts);
    return out;
  }
}
