import MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import { openEnricherDb } from '../src/shared/db.ts';
import type { EnricherDb, ResultRecord } from '../src/shared/db.ts';
import type { IndexResult, SearchDocument } from '../src/shared/results.ts';
import { SEARCH_INDEX_KEY } from '../src/shared/search.ts';
import type { ExpectedResult, SearchHit, SearchIndexStatus } from '../src/shared/search.ts';
import { INDEX_OPTIONS, QUERY_OPTIONS, SEARCH_INDEX_VERSION, createIndex, isSearchDocument } from '../workers/search/options.ts';
import { preciseFirst } from '../workers/search/order.ts';
import { makeSnippet } from '../workers/search/snippet.ts';

/*
 * The search index of before the shards (workers/search/library.ts at 9187380), kept only so that
 * `npm run bench` can measure it beside the sharded one in the same run. Not used by the app.
 */

/** The index is persisted this long after the last change… */
export const PERSIST_DELAY_MS = 2_000;
/** …and at least this often while changes keep coming. */
export const PERSIST_MAX_DELAY_MS = 10_000;
/**
 * The scheduler reports a finished job just before it commits the result, so an update waits
 * for that commit: these pauses, then it indexes whatever is stored (about 6 s in all).
 */
const RESULT_WAITS_MS = [25, 50, 100, 200, 400, 800, 1600, 3200];
/** Sessions whose document texts are kept in memory for snippets. */
const CACHED_SESSIONS = 500;

/** A MiniSearch result with the fields the index stores. */
type StoredHit = SearchResult & Pick<SearchDocument, 'sessionId' | 'kind' | 'chapter' | 'time' | 'title'>;

interface IndexedSession {
  committedAt: number;
  ids: string[];
}

/** The record under `meta/search-index`. The index is one JSON string: it clones far faster than the object graph. */
interface StoredIndex {
  version: number;
  json: string;
  sessions: Record<string, IndexedSession>;
}

interface IndexState {
  index: MiniSearch<SearchDocument>;
  sessions: Map<string, IndexedSession>;
  source: SearchIndexStatus['source'];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The well-formed search documents of a stored result, each once. */
function documentsOf(record: ResultRecord | undefined): SearchDocument[] {
  const outcome = record?.outcomes.index;
  if (!record || outcome?.status !== 'done') return [];
  const documents = (outcome.result as Partial<IndexResult> | null)?.documents;
  if (!Array.isArray(documents)) return [];
  const seen = new Set<string>();
  return documents.filter((doc: unknown): doc is SearchDocument => {
    if (!isSearchDocument(doc) || doc.sessionId !== record.sessionId || seen.has(doc.id)) return false;
    seen.add(doc.id);
    return true;
  });
}

/** The index as persisted, or null when there is none or it cannot be used. */
function restore(stored: unknown): IndexState | null {
  const record = stored as Partial<StoredIndex> | undefined;
  if (record?.version !== SEARCH_INDEX_VERSION || typeof record.json !== 'string' || typeof record.sessions !== 'object') return null;
  try {
    const index = MiniSearch.loadJSON<SearchDocument>(record.json, INDEX_OPTIONS);
    return { index, sessions: new Map(Object.entries(record.sessions ?? {})), source: 'stored' };
  } catch {
    // Written by another version of MiniSearch, or damaged: rebuilt from the results.
    return null;
  }
}

/**
 * The library's search index inside the search worker: loaded lazily from IndexedDB (or rebuilt
 * from the stored results when missing or incompatible), updated per session, persisted debounced.
 * It only reads results and writes its own `meta` record.
 */
export class SingleIndexLibrary {
  private connection: Promise<EnricherDb> | null = null;
  private loaded: Promise<IndexState> | null = null;
  /** Updates and persists run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly texts = new Map<string, Map<string, SearchDocument>>();
  private dirtySince: number | null = null;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;

  /** Tells the search workers of other tabs that a newer index was saved, so they reload it. */
  private readonly channel: BroadcastChannel;

  constructor(readonly dbName: string) {
    this.channel = new BroadcastChannel(`session-enricher:search-index:${dbName}`);
    this.channel.onmessage = () => {
      // Another tab (the leader) saved its index: drop ours, unless it holds changes of its own.
      if (this.dirtySince !== null) return;
      this.loaded = null;
      this.texts.clear();
    };
  }

  /** Replaces the documents of each session with those of its stored result. */
  async upsert(items: ReadonlyArray<{ sessionId: string; expected?: ExpectedResult }>): Promise<void> {
    const db = await this.database();
    const records = await Promise.all(items.map((item) => this.committed(db, item.sessionId, item.expected)));
    await this.exclusive(async () => {
      const state = await this.state();
      for (const [i, item] of items.entries()) this.apply(state, item.sessionId, records[i]);
    });
  }

  async remove(sessionId: string): Promise<void> {
    await this.exclusive(async () => {
      const state = await this.state();
      const known = state.sessions.get(sessionId);
      if (!known) return;
      for (const id of known.ids) if (state.index.has(id)) state.index.discard(id);
      state.sessions.delete(sessionId);
      this.texts.delete(sessionId);
      this.markDirty();
    });
  }

  /**
   * Fuzzy, prefix search; all words must match, or, when nothing does, any of them. Best first,
   * a session's own document after its first precise hit (see preciseFirst).
   */
  async search(query: string, limit: number): Promise<SearchHit[]> {
    const { index } = await this.state();
    if (query.trim() === '' || limit < 1) return [];
    let found = index.search(query, { ...QUERY_OPTIONS, combineWith: 'AND' });
    if (found.length === 0) found = index.search(query, { ...QUERY_OPTIONS, combineWith: 'OR' });
    const top = preciseFirst(found as StoredHit[]).slice(0, limit);
    const texts = await this.textsOf(top.map((hit) => hit.sessionId));
    return top.map((hit) => {
      const doc = texts.get(hit.sessionId)?.get(hit.id);
      const { snippet, matches } = makeSnippet(doc?.text ?? '', hit.terms);
      return {
        id: hit.id,
        sessionId: hit.sessionId,
        kind: hit.kind,
        chapter: hit.chapter ?? null,
        time: hit.time ?? null,
        title: hit.title,
        snippet,
        matches,
        score: hit.score,
      };
    });
  }

  async status(): Promise<Pick<SearchIndexStatus, 'documents' | 'sessions' | 'source'>> {
    const state = await this.state();
    return { documents: state.index.documentCount, sessions: state.sessions.size, source: state.source };
  }

  /** Persists the index now if it changed since it was last persisted. */
  flush(): Promise<void> {
    return this.exclusive(async () => {
      clearTimeout(this.persistTimer);
      const loaded = this.loaded;
      if (this.dirtySince === null || !loaded) return;
      const state = await loaded;
      const record: StoredIndex = {
        version: SEARCH_INDEX_VERSION,
        json: JSON.stringify(state.index),
        sessions: Object.fromEntries(state.sessions),
      };
      const db = await this.database();
      await db.put('meta', record, SEARCH_INDEX_KEY);
      this.dirtySince = null;
      this.channel.postMessage('saved');
    });
  }

  /** Saves, then lets go of the database (the bench hosts the library in its page). */
  async close(): Promise<void> {
    await this.flush();
    const connection = this.connection;
    this.forget();
    this.channel.close();
    (await connection)?.close();
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  private database(): Promise<EnricherDb> {
    if (!this.connection) {
      const opening = openEnricherDb(this.dbName).then((db) => {
        // The database is being deleted or upgraded: let go of it and of everything read from it.
        db.addEventListener('versionchange', () => this.forget());
        return db;
      });
      opening.catch(() => {
        if (this.connection === opening) this.connection = null;
      });
      this.connection = opening;
    }
    return this.connection;
  }

  private forget(): void {
    clearTimeout(this.persistTimer);
    this.connection = null;
    this.loaded = null;
    this.dirtySince = null;
    this.texts.clear();
  }

  private state(): Promise<IndexState> {
    if (!this.loaded) {
      const loading = this.load();
      loading.catch(() => {
        if (this.loaded === loading) this.loaded = null;
      });
      this.loaded = loading;
    }
    return this.loaded;
  }

  private async load(): Promise<IndexState> {
    const db = await this.database();
    const stored = await db.get('meta', SEARCH_INDEX_KEY);
    const restored = restore(stored);
    if (restored) return restored;
    const state = await this.rebuild(db);
    // Persist a rebuilt index, or an empty one over an unusable record; an empty library writes nothing.
    if (state.sessions.size > 0 || stored !== undefined) this.markDirty();
    return state;
  }

  private async rebuild(db: EnricherDb): Promise<IndexState> {
    const index = createIndex();
    const sessions = new Map<string, IndexedSession>();
    let cursor = await db.transaction('results').store.openCursor();
    while (cursor) {
      const record = cursor.value;
      const documents = documentsOf(record);
      if (documents.length > 0) {
        index.addAll(documents);
        sessions.set(record.sessionId, { committedAt: record.committedAt, ids: documents.map((doc) => doc.id) });
        this.remember(record.sessionId, documents);
      }
      cursor = await cursor.continue();
    }
    return { index, sessions, source: sessions.size > 0 ? 'rebuilt' : 'empty' };
  }

  /** The session's stored result, once it is the one `expected` names (or the waits run out). */
  private async committed(db: EnricherDb, sessionId: string, expected?: ExpectedResult): Promise<ResultRecord | undefined> {
    for (const wait of [...RESULT_WAITS_MS, null]) {
      const record = await db.get('results', sessionId);
      if (!expected || (record?.jobId === expected.jobId && record.attempt >= expected.attempt) || wait === null) return record;
      await sleep(wait);
    }
    return undefined;
  }

  private apply(state: IndexState, sessionId: string, record: ResultRecord | undefined): void {
    const known = state.sessions.get(sessionId);
    if (known && record && known.committedAt === record.committedAt) return;
    const documents = documentsOf(record);
    if (!known && documents.length === 0) return;
    for (const id of known?.ids ?? []) if (state.index.has(id)) state.index.discard(id);
    for (const doc of documents) if (state.index.has(doc.id)) state.index.discard(doc.id);
    if (record && documents.length > 0) {
      state.index.addAll(documents);
      state.sessions.set(sessionId, { committedAt: record.committedAt, ids: documents.map((doc) => doc.id) });
      this.remember(sessionId, documents);
    } else {
      state.sessions.delete(sessionId);
      this.texts.delete(sessionId);
    }
    if (state.source === 'empty') state.source = 'rebuilt';
    this.markDirty();
  }

  private remember(sessionId: string, documents: readonly SearchDocument[]): void {
    this.texts.delete(sessionId);
    this.texts.set(sessionId, new Map(documents.map((doc) => [doc.id, doc])));
    if (this.texts.size > CACHED_SESSIONS) {
      const oldest = this.texts.keys().next().value;
      if (oldest !== undefined) this.texts.delete(oldest);
    }
  }

  /** Document texts of these sessions, from memory or from their stored results. */
  private async textsOf(sessionIds: readonly string[]): Promise<Map<string, Map<string, SearchDocument>>> {
    const wanted = [...new Set(sessionIds)];
    const out = new Map<string, Map<string, SearchDocument>>();
    for (const id of wanted) {
      const cached = this.texts.get(id);
      if (cached) out.set(id, cached);
    }
    const missing = wanted.filter((id) => !out.has(id));
    if (missing.length > 0) {
      const store = (await this.database()).transaction('results').store;
      const records = await Promise.all(missing.map((id) => store.get(id)));
      for (const [i, id] of missing.entries()) {
        const documents = documentsOf(records[i]);
        out.set(id, new Map(documents.map((doc) => [doc.id, doc])));
        this.remember(id, documents);
      }
    }
    return out;
  }

  private markDirty(): void {
    const now = Date.now();
    this.dirtySince ??= now;
    clearTimeout(this.persistTimer);
    const wait = Math.max(0, Math.min(PERSIST_DELAY_MS, this.dirtySince + PERSIST_MAX_DELAY_MS - now));
    this.persistTimer = setTimeout(() => {
      this.flush().catch((error: unknown) => console.warn('The search index could not be saved; it will be rebuilt.', error));
    }, wait);
  }
}
