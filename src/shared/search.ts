import type { SearchDocument } from './results.ts';

/**
 * The key of the single-record search index of before the shards, in the main database's `meta`
 * store. Only read once, to migrate, then deleted.
 */
export const SEARCH_INDEX_KEY = 'search-index';

/** The search worker's own database beside the main one: its postings, texts and catalog. */
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

/** How the index came to be and what it holds (answered once a first build is over). */
export interface SearchIndexStatus {
  documents: number;
  sessions: number;
  /** 'stored': read from IndexedDB; 'rebuilt': made from the stored results; 'empty': nothing to index. */
  source: 'stored' | 'rebuilt' | 'empty';
  /** Distinct terms the library's vocabulary knows (terms of removed sessions included until a rebuild). */
  terms: number;
}

/** Which committed result an update waits for: the job that finished and its attempt. */
export interface ExpectedResult {
  jobId: string;
  attempt: number;
}

/** How much of the postings index stays in memory and when a term's postings are merged. */
export interface SearchIndexOptions {
  /** Bytes of packed postings kept in memory between queries. @default 48 MiB (MAX_CACHED_BYTES in workers/search/library.ts) */
  readonly maxCachedBytes?: number;
  /** A term read with more stored segments than this is merged into one, its removed documents dropped. @default 8 */
  readonly compactAfterSegments?: number;
  /** Saves during a batch (one record each) held before they are merged into the terms' records in the background. @default 4 */
  readonly maxFreshSegments?: number;
  /** A library of at least this many documents warms the ranking code up after opening (workers/search/warmUp.ts). @default 20,000 */
  readonly warmUpFromDocuments?: number;
}

/** The API of the search worker (workers/search.worker.ts). */
export interface SearchWorkerApi {
  /** Names the database to read results from (the index lives in `searchDbName(dbName)`). Call once, first. */
  open(dbName: string, options?: SearchIndexOptions): void;
  /** Replaces the documents of these sessions with those of their stored results. */
  upsert(items: Array<{ sessionId: string; expected?: ExpectedResult }>): Promise<void>;
  remove(sessionId: string): Promise<void>;
  /**
   * Hits for the query among the sessions the filters let through, best first. With an empty query
   * and a filter, each matching session's own document, newest session first.
   */
  search(query: string, limit: number, filters?: SearchFilters): Promise<SearchHit[]>;
  status(): Promise<SearchIndexStatus>;
  /** Saves what changed (a fresh segment, catalog entries, documents) now, and finishes a merge of fresh segments under way. */
  flush(): Promise<void>;
}
