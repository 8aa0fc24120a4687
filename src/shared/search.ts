import type { SearchDocument } from './results.ts';

/** The key of the persisted search index in the `meta` store. */
export const SEARCH_INDEX_KEY = 'search-index';

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

/** How the index in memory came to be. */
export interface SearchIndexStatus {
  documents: number;
  sessions: number;
  /** 'stored': loaded from IndexedDB; 'rebuilt': made from the stored results; 'empty': nothing to index. */
  source: 'stored' | 'rebuilt' | 'empty';
}

/** Which committed result an update waits for: the job that finished and its attempt. */
export interface ExpectedResult {
  jobId: string;
  attempt: number;
}

/** The API of the search worker (workers/search.worker.ts). */
export interface SearchWorkerApi {
  /** Names the database to read results from and persist the index in. Call once, first. */
  open(dbName: string): void;
  /** Replaces the documents of these sessions with those of their stored results. */
  upsert(items: Array<{ sessionId: string; expected?: ExpectedResult }>): Promise<void>;
  remove(sessionId: string): Promise<void>;
  search(query: string, limit: number): Promise<SearchHit[]>;
  status(): Promise<SearchIndexStatus>;
  /** Persists the index now if it changed. */
  flush(): Promise<void>;
}
