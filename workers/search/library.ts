import { openEnricherDb } from '../../src/shared/db.ts';
import type { EnricherDb, ResultRecord } from '../../src/shared/db.ts';
import { SEARCH_INDEX_KEY } from '../../src/shared/search.ts';
import type { ExpectedResult, SearchFilters, SearchHit, SearchIndexStatus } from '../../src/shared/search.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { committedResult } from './committedResult.ts';
import { documentsOf } from './documents.ts';
import { factsOf, isFiltering, passes } from './facts.ts';
import { preciseFirst } from './order.ts';
import { openSearchDb, type BuiltMark, type SearchDb } from './searchDb.ts';
import { searchShard, sessionHit, type StoredHit } from './shard.ts';
import { ShardSet, type ShardSetOptions } from './shardSet.ts';
import { makeSnippet } from './snippet.ts';
import { TextCache } from './textCache.ts';

/** Changed shards are saved this long after the last change… */
export const PERSIST_DELAY_MS = 2_000;
/** …and at least this often while changes keep coming. */
export const PERSIST_MAX_DELAY_MS = 10_000;
/**
 * A shard takes sessions until it holds this much text (about four sessions of 25 documents of
 * 250 words). Saving a shard stringifies its whole index: about 0.1 ms of worker time per 1,000
 * characters on a quiet machine (the 4.8 s for 49 MB), so a save during a batch stays near
 * 25 ms; 500,000 took over 300 ms in the bench on a loaded machine. See docs/benchmarks.md.
 */
export const MAX_SHARD_CHARS = 200_000;
/**
 * Characters of document text whose index is held in memory before unchanged shards are let go:
 * MiniSearch kept about 9 bytes of heap per character indexed in the bench, so this keeps it near 220 MB.
 */
export const MAX_LOADED_CHARS = 24_000_000;
/** Results read per transaction while the index is first built. */
const REBUILD_CHUNK = 64;

interface Opened {
  main: EnricherDb;
  search: SearchDb;
  shards: ShardSet;
  source: SearchIndexStatus['source'];
}

/** Lets queued messages (a query) run between two shard saves. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The library's search index inside the search worker, in shards of a few sessions each, in a
 * database of its own. Opening reads only the catalog; shards load when a search or an update needs
 * them and are let go when memory runs over budget; a changed shard is saved (debounced) alone.
 * Built once from the stored results (the old single-record index is then deleted).
 */
export class SearchLibrary {
  private opened: Promise<Opened> | null = null;
  private connections: Promise<{ main: EnricherDb; search: SearchDb }> | null = null;
  /** Updates, searches and saves run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly texts = new TextCache();
  private dirtySince: number | null = null;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly options: ShardSetOptions;

  /** Tells the search workers of other tabs that shards were saved, so they reload them. */
  private readonly channel: BroadcastChannel;

  constructor(
    readonly dbName: string,
    options: Partial<ShardSetOptions> = {},
  ) {
    this.options = { maxShardChars: options.maxShardChars ?? MAX_SHARD_CHARS, maxLoadedChars: options.maxLoadedChars ?? MAX_LOADED_CHARS };
    this.channel = new BroadcastChannel(`session-enricher:search-index:${dbName}`);
    this.channel.onmessage = () => {
      // Another tab (the leader) saved shards: read them again, unless this one holds changes of its own.
      if (this.dirtySince !== null) return;
      this.opened = null;
      this.texts.forget();
    };
  }

  /** Replaces the documents of each session with those of its stored result. */
  async upsert(items: ReadonlyArray<{ sessionId: string; expected?: ExpectedResult }>): Promise<void> {
    const { main } = await this.ready();
    const records = await Promise.all(items.map((item) => committedResult(main, item.sessionId, item.expected)));
    const sessions = await Promise.all(items.map((item) => main.get('sessions', item.sessionId)));
    await this.exclusive(async () => {
      const opened = await this.ready();
      for (const [i, item] of items.entries()) await this.apply(opened, item.sessionId, records[i], sessions[i]);
      opened.shards.trim();
    });
  }

  async remove(sessionId: string): Promise<void> {
    await this.exclusive(async () => {
      const { shards } = await this.ready();
      if (await shards.remove(sessionId)) this.markDirty();
      this.texts.forget(sessionId);
      shards.trim();
    });
  }

  /**
   * Fuzzy, prefix search in every shard that holds a session the filters let through; all words
   * must match, or, when nothing does, any of them. Best first, a session's own document after its
   * first precise hit (see preciseFirst). With filters but no words: the matching sessions' own
   * documents, newest session first.
   */
  search(query: string, limit: number, filters?: SearchFilters): Promise<SearchHit[]> {
    return this.exclusive(async () => {
      const opened = await this.ready();
      if (limit < 1) return [];
      const allowed = isFiltering(filters) ? await this.allowedSessions(opened.shards, filters) : null;
      const words = opened.shards.vocabulary.expand(query);
      if (words.length === 0 && query.trim() === '' && allowed) return this.newestSessions(opened, allowed, limit);
      if (words.length === 0 || allowed?.size === 0) return [];
      let found = await this.searchShards(opened.shards, words, 'AND', allowed);
      if (found.length === 0) found = await this.searchShards(opened.shards, words, 'OR', allowed);
      // A damaged shard read on the way was rebuilt: save it.
      if (opened.shards.changed) this.markDirty();
      // Stable: equal scores keep shard order.
      found.sort((a, b) => b.score - a.score);
      return this.withSnippets(opened, preciseFirst(found).slice(0, limit));
    });
  }

  /** The sessions the filters let through; an old catalog's missing facts are filled in first. */
  private async allowedSessions(shards: ShardSet, filters: SearchFilters): Promise<Set<string>> {
    await shards.fillFacts();
    const allowed = new Set<string>();
    for (const entry of shards.catalog.values()) if (passes(entry.facts, filters)) allowed.add(entry.sessionId);
    return allowed;
  }

  /** The own document of each allowed session, newest session first (undated ones last): a filter without words lists sessions. */
  private async newestSessions(opened: Opened, allowed: ReadonlySet<string>, limit: number): Promise<SearchHit[]> {
    const entries = [...allowed].map((id) => opened.shards.catalog.get(id)!);
    entries.sort((a, b) => (b.facts?.startedAt ?? -Infinity) - (a.facts?.startedAt ?? -Infinity) || a.sessionId.localeCompare(b.sessionId));
    const top: StoredHit[] = [];
    for (const entry of entries.slice(0, limit)) {
      const hit = sessionHit(await opened.shards.shard(entry.shard), entry.sessionId);
      if (hit) top.push(hit);
      opened.shards.trim();
    }
    if (opened.shards.changed) this.markDirty();
    return this.withSnippets(opened, top);
  }

  private async withSnippets(opened: Opened, top: readonly StoredHit[]): Promise<SearchHit[]> {
    const texts = await this.texts.of(top.map((hit) => hit.sessionId), opened.search, opened.main);
    return top.map((hit) => {
      const { snippet, matches } = makeSnippet(texts.get(hit.sessionId)?.[hit.id] ?? '', hit.terms);
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

  async status(): Promise<SearchIndexStatus> {
    const { shards, source } = await this.ready();
    return { documents: shards.documentCount(), sessions: shards.catalog.size, source, shards: shards.shardIds().length, loadedShards: shards.loadedCount() };
  }

  /** Saves every changed shard now, one per task so that searches can run in between. */
  async flush(): Promise<void> {
    clearTimeout(this.persistTimer);
    const opening = this.opened;
    if (!opening) return;
    const { shards } = await opening;
    this.dirtySince = null;
    if (!shards.changed) return;
    const saved: number[] = [];
    try {
      for (const id of shards.changedShards()) {
        await this.exclusive(() => shards.save(id));
        saved.push(id);
        await nextTask();
      }
    } catch (error) {
      this.markDirty();
      throw error;
    } finally {
      if (saved.length > 0) this.channel.postMessage({ saved });
    }
    // Changes that came while saving wait for their own turn.
    if (shards.changed) this.markDirty();
    else this.exclusive(async () => shards.trim()).catch(() => {});
  }

  /** Saves, then lets go of both databases: for a library hosted outside a worker (the bench). */
  async close(): Promise<void> {
    await this.flush();
    this.forget();
    this.channel.close();
  }

  /** Searches each shard in turn; with `allowed`, only the shards that hold one of those sessions, and only their hits. */
  private async searchShards(
    shards: ShardSet,
    words: ReadonlyArray<ReadonlyMap<string, number>>,
    combineWith: 'AND' | 'OR',
    allowed: ReadonlySet<string> | null,
  ): Promise<StoredHit[]> {
    const found: StoredHit[] = [];
    const ids = allowed ? [...new Set([...allowed].map((id) => shards.catalog.get(id)!.shard))].sort((a, b) => a - b) : shards.shardIds();
    for (const id of ids) {
      const held = shards.loadedCount();
      const hits = searchShard(await shards.shard(id), words, combineWith, allowed);
      for (const hit of hits) found.push(hit);
      // Only a shard just read from the database can take memory over budget.
      if (shards.loadedCount() > held) shards.trim();
    }
    return found;
  }

  private async apply(opened: Opened, sessionId: string, record: ResultRecord | undefined, session: SessionRecord | undefined): Promise<void> {
    const known = opened.shards.catalog.get(sessionId);
    if (known?.facts && record && known.committedAt === record.committedAt) return;
    const documents = documentsOf(record);
    if (record && documents.length > 0) {
      this.texts.remember(sessionId, await opened.shards.put(sessionId, record.committedAt, documents, factsOf(session, record)));
      if (opened.source === 'empty') opened.source = 'rebuilt';
    } else {
      if (!(await opened.shards.remove(sessionId))) return;
      this.texts.forget(sessionId);
    }
    this.markDirty();
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  private ready(): Promise<Opened> {
    if (!this.opened) {
      const opening = this.open();
      opening.catch(() => {
        if (this.opened === opening) this.opened = null;
      });
      this.opened = opening;
    }
    return this.opened;
  }

  /** Reads the catalog; the first time, builds the shards from the stored results instead. */
  /** Both databases, opened once and kept while the shards are read again after another tab's save. */
  private connect(): Promise<{ main: EnricherDb; search: SearchDb }> {
    if (!this.connections) {
      const opening = Promise.all([openEnricherDb(this.dbName, () => this.forget()), openSearchDb(this.dbName, () => this.forget())]).then(
        ([main, search]) => ({ main, search }),
      );
      opening.catch(() => {
        if (this.connections === opening) this.connections = null;
      });
      this.connections = opening;
    }
    return this.connections;
  }

  private async open(): Promise<Opened> {
    const { main, search } = await this.connect();
    const built = await search.get('state', 'built');
    if (built) {
      const [catalog, vocabulary] = await Promise.all([search.getAll('catalog'), search.get('vocabulary', 'terms')]);
      const shards = new ShardSet(main, search, catalog, vocabulary?.terms ?? [], this.options);
      return { main, search, shards, source: shards.catalog.size > 0 ? 'stored' : 'empty' };
    }
    return this.build(main, search);
  }

  /**
   * Indexes every stored result into shards, saving each shard as it fills, so that memory stays
   * within budget; then marks the library built and deletes the single-record index of before.
   */
  private async build(main: EnricherDb, search: SearchDb): Promise<Opened> {
    const legacy = await main.get('meta', SEARCH_INDEX_KEY);
    await Promise.all([search.clear('shards'), search.clear('catalog'), search.clear('texts'), search.clear('vocabulary')]);
    const shards = new ShardSet(main, search, [], [], this.options);
    const keys = await main.getAllKeys('results');
    for (let start = 0; start < keys.length; start += REBUILD_CHUNK) {
      const chunk = keys.slice(start, start + REBUILD_CHUNK);
      const tx = main.transaction(['sessions', 'results']);
      const [sessions, records] = await Promise.all([
        Promise.all(chunk.map((key) => tx.objectStore('sessions').get(key))),
        Promise.all(chunk.map((key) => tx.objectStore('results').get(key))),
      ]);
      for (const [i, record] of records.entries()) {
        const documents = documentsOf(record);
        if (record && documents.length > 0) await shards.put(record.sessionId, record.committedAt, documents, factsOf(sessions[i], record));
      }
      for (const id of shards.changedShards()) await shards.save(id);
      shards.trim();
    }
    const mark: BuiltMark = { at: Date.now(), from: legacy === undefined ? 'results' : 'single-index' };
    await search.put('state', mark, 'built');
    if (legacy !== undefined) await main.delete('meta', SEARCH_INDEX_KEY);
    return { main, search, shards, source: shards.catalog.size > 0 ? 'rebuilt' : 'empty' };
  }

  /** A database is being deleted or upgraded: let go of both and of everything read from them. */
  private forget(): void {
    clearTimeout(this.persistTimer);
    const connections = this.connections;
    this.connections = null;
    void connections?.then(({ main, search }) => {
      main.close();
      search.close();
    }, () => {});
    this.opened = null;
    this.dirtySince = null;
    this.texts.forget();
  }

  private markDirty(): void {
    const now = Date.now();
    this.dirtySince ??= now;
    clearTimeout(this.persistTimer);
    const wait = Math.max(0, Math.min(PERSIST_DELAY_MS, this.dirtySince + PERSIST_MAX_DELAY_MS - now));
    this.persistTimer = setTimeout(() => {
      this.flush().catch((error: unknown) => console.warn('Search shards could not be saved; they will be rebuilt.', error));
    }, wait);
  }
}
