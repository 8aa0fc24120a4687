import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { searchDbName, type SessionFacts } from '../../src/shared/search.ts';

/** What the index knows of one session of a shard: its result's commit time and its document ids. */
export interface IndexedSession {
  committedAt: number;
  ids: string[];
}

/** One shard: a MiniSearch index of a few sessions, as one JSON string (it clones far faster than the object graph). */
export interface ShardRecord {
  id: number;
  /** SEARCH_INDEX_VERSION when written: another version is rebuilt. */
  version: number;
  /** Counts the saves of this shard, so that tests and the bench can tell a rewrite. */
  revision: number;
  json: string;
  sessions: Record<string, IndexedSession>;
}

/** Where a session's documents are: read whole at start, so status and routing need no shard. */
export interface CatalogEntry {
  sessionId: string;
  shard: number;
  committedAt: number;
  documents: number;
  /** Characters of its documents' text: what its part of a loaded shard weighs (about 6 bytes of heap each). */
  chars: number;
  /**
   * What the filters read (date, tags, action items), written with the entry. Absent in catalogs
   * written before filters: the first filtered search fills it in from the stored sessions and
   * results (ShardSet.fillFacts), without re-indexing, so no version bump or rebuild is needed.
   */
  facts?: SessionFacts;
}

/** The text of each document of a session, by document id: snippets read it, the index does not hold it. */
export interface TextsRecord {
  sessionId: string;
  texts: Record<string, string>;
}

/** Set once the library was first indexed (rebuilt or migrated), so an empty catalog means "no sessions". */
export interface BuiltMark {
  at: number;
  from: 'results' | 'single-index';
}

/** Every term of the library (see Vocabulary), saved with the shard whose save added terms. */
export interface VocabularyRecord {
  terms: string[];
}

export interface SearchDB extends DBSchema {
  shards: { key: number; value: ShardRecord };
  catalog: { key: string; value: CatalogEntry };
  texts: { key: string; value: TextsRecord };
  state: { key: 'built'; value: BuiltMark };
  vocabulary: { key: 'terms'; value: VocabularyRecord };
}

export type SearchDb = IDBPDatabase<SearchDB>;

export const SEARCH_DB_VERSION = 1;

/**
 * Opens the search worker's own database (`${dbName}-search`). Only the search worker opens it, so
 * its schema moves apart from the main one's. `onGone` runs when it must let go (deleted or upgraded).
 */
export function openSearchDb(dbName: string, onGone: () => void): Promise<SearchDb> {
  return openDB<SearchDB>(searchDbName(dbName), SEARCH_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('shards', { keyPath: 'id' });
        db.createObjectStore('catalog', { keyPath: 'sessionId' });
        db.createObjectStore('texts', { keyPath: 'sessionId' });
        db.createObjectStore('state');
        db.createObjectStore('vocabulary');
      }
    },
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      onGone();
    },
    terminated: onGone,
  });
}
