import type { SearchDocument } from './results.ts';

/**
 * The key of the single-record search index of before the shards, in the main database's `meta`
 * store. Only read once, to migrate, then deleted.
 */
export const SEARCH_INDEX_KEY = 'search-index';

/** The search worker's own database beside the main one: its shards, texts and catalog. */
export function searchDbName(dbName: string): string {
  return `${dbName}-search`;
}

/** One search result: a document of a session, with a snippet of its text to show. */
export interface SearchHit {
  /** The document's id (`${sessionId}:${kind}:${n}`). */
  id: string;
  sessionId: string;
  kind: SearchDocument['kind'];
  /** The chapter the hit belongs to, when known: open the session there. */
  chapter: number | null;
  /** Seconds from the start of the recording, for transcript hits: play from there. */
  time: number | null;
  title: string;
  /** Up to about 160 characters of the document's text around the matches. */
  snippet: string;
  /** `[start, end)` ranges in `snippet` to highlight. */
  matches: Array<[number, number]>;
  /** Relevance (BM25 with boosts); higher is better. */
  score: number;
}

/**
 * What a search is narrowed to; a field left out does not narrow. A session whose facts are unknown
 * (no date, say) is left out by the filters that need them.
 */
export interface SearchFilters {
  /** Sessions that started at or after this (epoch milliseconds). */
  readonly from?: number;
  /** Sessions that started before this (epoch milliseconds). */
  readonly to?: number;
  /** Sessions tagged so (exactly). */
  readonly tag?: string;
  /** Only sessions whose summary found something to do (decisions alone do not count). */
  readonly hasActionItems?: boolean;
}

/** What the filters read of a session, kept by the search worker in its catalog. */
export interface SessionFacts {
  /** When the session started (epoch milliseconds), null when unknown. */
  startedAt: number | null;
  tags: string[];
  hasActionItems: boolean;
}

/** How the index in memory came to be. */
export interface SearchIndexStatus {
  documents: number;
  sessions: number;
  /** 'stored': loaded from IndexedDB; 'rebuilt': made from the stored results; 'empty': nothing to index. */
  source: 'stored' | 'rebuilt' | 'empty';
  /** Shards in the library, and how many of them are in memory now. */
  shards: number;
  loadedShards: number;
}

/** Which committed result an update waits for: the job that finished and its attempt. */
export interface ExpectedResult {
  jobId: string;
  attempt: number;
}

/** How the index is cut into shards and how much of it stays in memory. */
export interface SearchShardOptions {
  /** A shard takes new sessions until it holds this many characters of text. @default 200,000 (MAX_SHARD_CHARS in workers/search/library.ts) */
  readonly maxShardChars?: number;
  /** Characters of document text held in memory across loaded shards before unchanged ones are let go. @default 24,000,000 */
  readonly maxLoadedChars?: number;
}

/** The API of the search worker (workers/search.worker.ts). */
export interface SearchWorkerApi {
  /** Names the database to read results from (the shards live in `searchDbName(dbName)`). Call once, first. */
  open(dbName: string, options?: SearchShardOptions): void;
  /** Replaces the documents of these sessions with those of their stored results. */
  upsert(items: Array<{ sessionId: string; expected?: ExpectedResult }>): Promise<void>;
  remove(sessionId: string): Promise<void>;
  /**
   * Hits for the query among the sessions the filters let through, best first. With an empty query
   * and a filter, each matching session's own document, newest session first.
   */
  search(query: string, limit: number, filters?: SearchFilters): Promise<SearchHit[]>;
  status(): Promise<SearchIndexStatus>;
  /** Saves the changed shards now. */
  flush(): Promise<void>;
}
