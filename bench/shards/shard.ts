import MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import type { SearchDocument } from '../../src/shared/results.ts';
import { INDEX_OPTIONS, QUERY_OPTIONS, createIndex } from '../../workers/search/options.ts';

/** The version the shards of before were written with. */
const SEARCH_INDEX_VERSION = 1;
import type { IndexedSession, ShardRecord } from './shardDb.ts';

/** A MiniSearch result with the fields the index stores. */
export type StoredHit = SearchResult & Pick<SearchDocument, 'sessionId' | 'kind' | 'chapter' | 'time' | 'title'>;

/** One shard in memory: the index of a few sessions and what it knows of each. */
export interface Shard {
  id: number;
  index: MiniSearch<SearchDocument>;
  sessions: Map<string, IndexedSession>;
  /** Saves so far (ShardRecord.revision). */
  revision: number;
}

export function emptyShard(id: number, revision = 0): Shard {
  return { id, index: createIndex(), sessions: new Map(), revision };
}

/** The shard as stored, or null when it is of another version or damaged (then it is rebuilt). */
export function restoreShard(stored: unknown, id: number): Shard | null {
  const record = stored as Partial<ShardRecord> | undefined;
  if (record?.id !== id || record.version !== SEARCH_INDEX_VERSION || typeof record.json !== 'string' || typeof record.sessions !== 'object' || record.sessions === null) {
    return null;
  }
  try {
    const index = MiniSearch.loadJSON<SearchDocument>(record.json, INDEX_OPTIONS);
    return { id, index, sessions: new Map(Object.entries(record.sessions)), revision: record.revision ?? 0 };
  } catch {
    return null;
  }
}

/** The record to store; counts one more save. */
export function shardRecord(shard: Shard): ShardRecord {
  shard.revision++;
  return {
    id: shard.id,
    version: SEARCH_INDEX_VERSION,
    revision: shard.revision,
    json: JSON.stringify(shard.index),
    sessions: Object.fromEntries(shard.sessions),
  };
}

/** Takes a session's documents out of the shard. */
export function dropSession(shard: Shard, sessionId: string): void {
  for (const id of shard.sessions.get(sessionId)?.ids ?? []) if (shard.index.has(id)) shard.index.discard(id);
  shard.sessions.delete(sessionId);
}

/** Replaces a session's documents in the shard with these. */
export function putSession(shard: Shard, sessionId: string, committedAt: number, documents: readonly SearchDocument[]): void {
  dropSession(shard, sessionId);
  for (const doc of documents) if (shard.index.has(doc.id)) shard.index.discard(doc.id);
  shard.index.addAll(documents);
  shard.sessions.set(sessionId, { committedAt, ids: documents.map((doc) => doc.id) });
}

/**
 * Search in one shard for query words already widened to the library's terms (Vocabulary.expand):
 * exact look-ups only, each term weighted as MiniSearch weighs a prefix or fuzzy match. Best first.
 */
export function searchShard(
  shard: Shard,
  words: ReadonlyArray<ReadonlyMap<string, number>>,
  combineWith: 'AND' | 'OR',
  allowed: ReadonlySet<string> | null = null,
): StoredHit[] {
  if (words.length === 0) return [];
  const weight = (term: string) => {
    let best = 0;
    for (const variants of words) best = Math.max(best, variants.get(term) ?? 0);
    return best;
  };
  const queries = words.map((variants) => ({ combineWith: 'OR' as const, queries: [...variants.keys()] }));
  return shard.index.search(
    { combineWith, queries },
    {
      boost: QUERY_OPTIONS.boost,
      prefix: false,
      fuzzy: false,
      boostTerm: weight,
      // Before ranking and the limit: a filtered-out session's hits never take a place.
      ...(allowed ? { filter: (result: SearchResult) => allowed.has((result as StoredHit).sessionId) } : {}),
    },
  ) as StoredHit[];
}

/** A session's own document (its notes and summary; else its first) as a hit without matches. */
export function sessionHit(shard: Shard, sessionId: string): StoredHit | null {
  const ids = shard.sessions.get(sessionId)?.ids ?? [];
  const id = ids.find((docId) => shard.index.getStoredFields(docId)?.kind === 'session') ?? ids[0];
  const fields = id === undefined ? undefined : shard.index.getStoredFields(id);
  if (id === undefined || !fields) return null;
  return { ...(fields as Pick<StoredHit, 'sessionId' | 'kind' | 'chapter' | 'time' | 'title'>), id, score: 0, terms: [], queryTerms: [], match: {} };
}
