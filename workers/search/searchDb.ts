import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SearchDocument } from '../../src/shared/results.ts';
import { searchDbName, type SessionFacts } from '../../src/shared/search.ts';

/**
 * One term's postings of one segment (the documents indexed between two saves), packed (varint.ts).
 * Keyed `[term, segment]`, so a query reads a term's segments with one key range and nothing else.
 */
export interface PostingsRecord {
  /** The newest segment it holds postings of (its key's), and the oldest. */
  segment: number;
  first: number;
  /** (document, field) pairs the bytes hold. */
  count: number;
  bytes: Uint8Array;
  /** Skip blocks over `bytes` (skips.ts); absent in records written before them, then built when read. */
  skips?: Uint32Array;
}

/**
 * What one save during a batch writes: every term of the documents indexed since the last save, in
 * one record (one put, however many terms), each term's postings packed at `offsets[i]`. Read whole
 * at start and kept in memory until merged into the terms' own records in the background.
 */
export interface FreshSegment {
  segment: number;
  terms: string[];
  counts: Uint32Array;
  /** Byte offsets of each term's postings in `bytes`, one more than terms. */
  offsets: Uint32Array;
  bytes: Uint8Array;
}

/** A session in the index: its documents are numbered `base … base + documents − 1`. Read whole at start. */
export interface CatalogEntry {
  sessionId: string;
  committedAt: number;
  base: number;
  documents: number;
  /** Each document's kind (docTable.ts KINDS). */
  kinds: Uint8Array;
  /** Each document's field lengths, three per document (title, text, keywords). */
  lengths: Uint32Array;
  /** Characters of its documents' text. */
  chars: number;
  /**
   * What the filters read (date, tags, action items). Absent in catalogs written by an older tab:
   * the first filtered search fills it in from the stored sessions and results, without re-indexing.
   */
  facts?: SessionFacts;
}

/** What a hit shows of a document besides the index: its stored fields and text, in numbering order. */
export type StoredDocument = Pick<SearchDocument, 'id' | 'kind' | 'chapter' | 'time' | 'title' | 'text'>;

/**
 * A session's documents in one record: how version 2 stored them. Only read now, for sessions not
 * saved since the upgrade (their documents have no `docs` records yet), and deleted when one is.
 */
export interface DocumentsRecord {
  sessionId: string;
  documents: StoredDocument[];
}

/** Set once the library was first indexed (rebuilt or migrated), so an empty catalog means "no sessions". */
export interface BuiltMark {
  at: number;
  from: 'results' | 'single-index';
  /** SEARCH_ANALYZER_VERSION of the build (absent before version 2): an index of another is built again. */
  analyzer?: number;
}

/** The next document and segment numbers: never reused, so tombstoned postings cannot be mistaken for new ones. */
export interface Counters {
  nextDoc: number;
  nextSegment: number;
}

/** Every term of the library (see Vocabulary), saved with the segment that added terms. */
export interface VocabularyRecord {
  terms: string[];
}

export interface SearchDB extends DBSchema {
  postings: { key: [string, number]; value: PostingsRecord };
  segments: { key: number; value: FreshSegment };
  catalog: { key: string; value: CatalogEntry };
  /** Version 2's documents, a record per session: read as a fallback only (see DocumentsRecord). */
  documents: { key: string; value: DocumentsRecord };
  /** Each document under its number, so that a hit reads only its own document. */
  docs: { key: number; value: StoredDocument };
  state: { key: 'built' | 'counters'; value: BuiltMark | Counters };
  vocabulary: { key: 'terms'; value: VocabularyRecord };
}

export type SearchDb = IDBPDatabase<SearchDB>;

/**
 * 2: postings by term instead of MiniSearch shards; version 1's stores are dropped and the index rebuilt from the results.
 * 3: a record per document (`docs`); version 2's per-session `documents` are kept and read until each session is saved again.
 */
export const SEARCH_DB_VERSION = 3;

/** The stores a rebuild clears. */
export const SEARCH_STORES = ['postings', 'segments', 'catalog', 'documents', 'docs', 'vocabulary', 'state'] as const;

/**
 * Opens the search worker's own database (`${dbName}-search`). Only the search worker opens it, so
 * its schema moves apart from the main one's. `onGone` runs when it must let go (deleted or upgraded).
 */
export function openSearchDb(dbName: string, onGone: () => void): Promise<SearchDb> {
  return openDB<SearchDB>(searchDbName(dbName), SEARCH_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 2) {
        // The shards of version 1 cannot be read as postings: start empty, so the index is rebuilt.
        for (const name of [...db.objectStoreNames]) db.deleteObjectStore(name as never);
        db.createObjectStore('postings');
        db.createObjectStore('segments', { keyPath: 'segment' });
        db.createObjectStore('catalog', { keyPath: 'sessionId' });
        db.createObjectStore('documents', { keyPath: 'sessionId' });
        db.createObjectStore('state');
        db.createObjectStore('vocabulary');
      }
      // Converting every session's record here would hold the upgrade for seconds in a big library.
      if (oldVersion < 3) db.createObjectStore('docs');
    },
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      onGone();
    },
    terminated: onGone,
  });
}

/** The key range of every stored segment of `term`. */
export const termRange = (term: string) => IDBKeyRange.bound([term], [term, Infinity]);

/** The key range of every stored segment of every term that begins with `prefix`. */
export const prefixRange = (prefix: string) => IDBKeyRange.bound([prefix], [`${prefix}\uffff`], false, true);
