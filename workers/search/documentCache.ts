import type { EnricherDb } from '../../src/shared/db.ts';
import { documentsOf } from './documents.ts';
import type { CatalogEntry, SearchDb, StoredDocument } from './searchDb.ts';

/** Documents kept in memory for hits and snippets: about 400 sessions' worth of the bench's (25 each). */
const CACHED_DOCUMENTS = 10_000;

/** A document a hit shows: its number and session. */
export interface WantedDocument {
  doc: number;
  sessionId: string;
}

/**
 * The stored fields and text of documents by number, for hits (fields) and snippets (text): a
 * small LRU over the `docs` store. Numbers are never reused within an index, so a cached document
 * stays right until the index is built again (then `forget()`).
 */
export class DocumentCache {
  private readonly cache = new Map<number, StoredDocument>();

  /** A session's documents just indexed, numbered from `base`. */
  remember(base: number, documents: readonly StoredDocument[]): void {
    documents.forEach((doc, i) => this.keep(base + i, doc));
  }

  forget(): void {
    this.cache.clear();
  }

  /**
   * These documents: from memory, else their `docs` records, else (a session not saved since
   * version 3) the session's `documents` record, else (not saved yet, or lost) its stored result,
   * which numbered them in the same order. A document of a session not in `catalog` is left out.
   */
  async of(wanted: readonly WantedDocument[], catalog: ReadonlyMap<string, CatalogEntry>, search: SearchDb, main: EnricherDb): Promise<Map<number, StoredDocument>> {
    const out = new Map<number, StoredDocument>();
    const missing = new Map<number, WantedDocument>();
    for (const item of wanted) {
      const cached = this.cache.get(item.doc);
      if (cached) out.set(item.doc, cached);
      else if (catalog.has(item.sessionId)) missing.set(item.doc, item);
    }
    if (missing.size > 0) {
      const tx = search.transaction(['docs', 'documents']);
      const read = await Promise.all([...missing.keys()].map((doc) => tx.objectStore('docs').get(doc)));
      const unsaved = [...missing.values()].filter((item, i) => {
        if (read[i]) out.set(item.doc, read[i]);
        return !read[i];
      });
      const sessions = [...new Set(unsaved.map((item) => item.sessionId))];
      if (sessions.length > 0) {
        const legacy = await Promise.all(sessions.map((id) => tx.objectStore('documents').get(id)));
        const lost = place(unsaved, catalog, out, new Map(sessions.map((id, i) => [id, legacy[i]?.documents])));
        if (lost.length > 0) {
          const ids = [...new Set(lost.map((item) => item.sessionId))];
          const results = main.transaction('results').store;
          const records = await Promise.all(ids.map((id) => results.get(id)));
          place(lost, catalog, out, new Map(ids.map((id, i) => [id, documentsOf(records[i])])));
        }
      }
    }
    for (const [doc, stored] of out) this.keep(doc, stored);
    return out;
  }

  private keep(doc: number, stored: StoredDocument): void {
    this.cache.delete(doc);
    this.cache.set(doc, stored);
    if (this.cache.size > CACHED_DOCUMENTS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}

/** Puts each wanted document found in its session's documents (in numbering order) into `out`; returns those not found. */
function place(
  wanted: readonly WantedDocument[],
  catalog: ReadonlyMap<string, CatalogEntry>,
  out: Map<number, StoredDocument>,
  bySession: ReadonlyMap<string, readonly StoredDocument[] | undefined>,
): WantedDocument[] {
  return wanted.filter((item) => {
    const found = bySession.get(item.sessionId)?.[item.doc - catalog.get(item.sessionId)!.base];
    if (found) out.set(item.doc, found);
    return !found;
  });
}
