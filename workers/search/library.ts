import { openEnricherDb } from '../../src/shared/db.ts';
import type { EnricherDb, ResultRecord } from '../../src/shared/db.ts';
import { SEARCH_INDEX_KEY } from '../../src/shared/search.ts';
import type { ExpectedResult, SearchFilters, SearchHit, SearchIndexOptions, SearchIndexStatus } from '../../src/shared/search.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { committedResult } from './committedResult.ts';
import { DocumentCache } from './documentCache.ts';
import { documentsOf } from './documents.ts';
import { factsOf, isFiltering, passes } from './facts.ts';
import { fillFacts } from './fillFacts.ts';
import { PostingsIndex, type PostingsIndexOptions } from './postingsIndex.ts';
import { SEARCH_ANALYZER_VERSION } from './options.ts';
import { queryTerms, type RankedDoc } from './ranking.ts';
import { rankTerms } from './rankTerms.ts';
import { openSearchDb, SEARCH_STORES, type BuiltMark, type Counters, type SearchDb } from './searchDb.ts';
import { makeSnippet } from './snippet.ts';
import { WARM_UP_FROM_DOCUMENTS, warmUpSteps } from './warmUp.ts';
import { DamagedPostingsError } from './varint.ts';
import { nextTask } from '../../src/shared/nextTask.ts';

/** Changes are saved this long after the last one… */
export const PERSIST_DELAY_MS = 2_000;
/** …and at least this often while changes keep coming. */
export const PERSIST_MAX_DELAY_MS = 10_000;
/**
 * Packed postings kept in memory between queries: the common terms of a 10,000-session library
 * (the longest lists, a few hundred KB each) stay read. See docs/benchmarks.md.
 */
export const MAX_CACHED_BYTES = 48 * 2 ** 20;
/** A term read with more stored segments than this is merged (each merge of fresh segments adds one per term). */
export const COMPACT_AFTER_SEGMENTS = 8;
/**
 * Saves during a batch write one record each (a put per term took about 1 s for a 25-document
 * session on a loaded machine); this many are held, in memory and stored, before a background merge
 * writes them into the terms' own records.
 */
export const MAX_FRESH_SEGMENTS = 4;
/** Results read per step of the first build; searches run between steps. */
const BUILD_CHUNK = 64;
/**
 * A library of up to this many results is built before the first call is answered (a few seconds at
 * most); a bigger one in the background, searchable meanwhile over what is indexed so far.
 */
const FOREGROUND_BUILD_RESULTS = 256;
/** During the first build, a segment is saved once this many postings wait: bounds the build's memory. */
const BUILD_PENDING_PAIRS = 1_000_000;

interface Opened {
  main: EnricherDb;
  search: SearchDb;
  index: PostingsIndex;
  source: SearchIndexStatus['source'];
  /** Settles when the first build (if one runs) is over. */
  built: Promise<void>;
}

/** Set once this worker has warmed its ranking code up (warmUp.ts): the JIT's work outlives a library. */
let rankingWarmed = false;


/**
 * The library's search index inside the search worker: an inverted index whose postings are stored
 * by term in a database of its own, so a query reads only its terms' postings. Opening reads the
 * catalog, the vocabulary and the counters; a first open (or one after the shards of before, or a
 * damaged record) builds the index from the stored results in the background, searchable meanwhile.
 */
export class SearchLibrary {
  private opened: Promise<Opened> | null = null;
  private connections: Promise<{ main: EnricherDb; search: SearchDb }> | null = null;
  /** Updates, searches, saves, build steps and compactions run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly documents = new DocumentCache();
  private dirtySince: number | null = null;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly options: PostingsIndexOptions;
  private readonly warmUpFrom: number;
  private readonly compacting = new Set<string>();
  private merging: Promise<void> | null = null;

  /** Tells the search workers of other tabs that the index was saved, so they read it again. */
  private readonly channel: BroadcastChannel;

  constructor(
    readonly dbName: string,
    options: SearchIndexOptions = {},
  ) {
    this.options = {
      maxCachedBytes: options.maxCachedBytes ?? MAX_CACHED_BYTES,
      compactAfterSegments: options.compactAfterSegments ?? COMPACT_AFTER_SEGMENTS,
      maxFreshSegments: options.maxFreshSegments ?? MAX_FRESH_SEGMENTS,
    };
    this.warmUpFrom = options.warmUpFromDocuments ?? WARM_UP_FROM_DOCUMENTS;
    this.channel = new BroadcastChannel(`session-enricher:search-index:${dbName}`);
    this.channel.onmessage = () => {
      // Another tab (the leader) saved: read the index again, unless this one holds changes of its own.
      if (this.dirtySince !== null) return;
      this.opened = null;
      this.documents.forget();
    };
  }

  /** Replaces the documents of each session with those of its stored result. */
  async upsert(items: ReadonlyArray<{ sessionId: string; expected?: ExpectedResult }>): Promise<void> {
    const { main } = await this.ready();
    const records = await Promise.all(items.map((item) => committedResult(main, item.sessionId, item.expected)));
    const sessions = await Promise.all(items.map((item) => main.get('sessions', item.sessionId)));
    await this.exclusive(async () => {
      const opened = await this.ready();
      for (const [i, item] of items.entries()) if (this.apply(opened, item.sessionId, records[i], sessions[i])) this.markDirty();
    });
  }

  async remove(sessionId: string): Promise<void> {
    await this.exclusive(async () => {
      const { index } = await this.ready();
      if (index.remove(sessionId)) this.markDirty();
    });
  }

  /**
   * Fuzzy, prefix search: each word widened through the vocabulary, then only those terms' postings
   * read and scored (BM25, as MiniSearch did); all words must match, or, when nothing does, any of
   * them. Best first, a session's own document after its first precise hit (see preciseFirst). With
   * filters but no words: the matching sessions' own documents, newest session first.
   */
  search(query: string, limit: number, filters?: SearchFilters): Promise<SearchHit[]> {
    return this.exclusive(async () => {
      const opened = await this.ready();
      if (limit < 1) return [];
      const { index } = opened;
      if (isFiltering(filters)) await fillFacts(index.catalog, opened.main, opened.search);
      const allowed = isFiltering(filters) ? this.allowedSessions(index, filters) : null;
      const words = index.vocabulary.expand(query);
      if (words.length === 0 && query.trim() === '' && allowed) return this.newestSessions(opened, allowed, limit);
      if (words.length === 0 || allowed?.size === 0) return [];
      try {
        return await this.rank(opened, words, limit, allowed);
      } catch (error) {
        if (!(error instanceof DamagedPostingsError)) throw error;
        console.warn('The search index was damaged; it is rebuilt from the stored results.', error);
        await this.rebuild(opened);
        // A small library is whole again; a big one answers over what is rebuilt so far.
        return this.rank(await this.ready(), words, limit, allowed);
      }
    });
  }

  private async rank(opened: Opened, words: ReadonlyArray<ReadonlyMap<string, number>>, limit: number, allowed: ReadonlySet<string> | null): Promise<SearchHit[]> {
    const { index } = opened;
    // Each word is its variants' first key: the terms it begins are read as one key range.
    const postings = await index.postings(
      queryTerms(words).map((term) => term.term),
      words.map((variants) => variants.keys().next().value!),
    );
    const { top, dead, terms } = rankTerms(index, words, postings, limit, allowed);
    terms.forEach((term, i) => {
      const pairs = term.stored.reduce((sum, record) => sum + record.count, 0);
      if (index.wantsCompaction(term.stored.length, pairs, dead[i]!)) this.compactLater(opened, term.term);
    });
    return this.hits(opened, top, (ranked) => ranked.terms.map((t) => terms[t]!.term));
  }

  /** The sessions the filters let through. */
  private allowedSessions(index: PostingsIndex, filters: SearchFilters): Set<string> {
    const allowed = new Set<string>();
    for (const entry of index.catalog.values()) if (passes(entry.facts, filters)) allowed.add(entry.sessionId);
    return allowed;
  }

  /** The own document of each allowed session, newest session first (undated ones last): a filter without words lists sessions. */
  private newestSessions(opened: Opened, allowed: ReadonlySet<string>, limit: number): Promise<SearchHit[]> {
    const entries = [...allowed].map((id) => opened.index.catalog.get(id)!);
    entries.sort((a, b) => (b.facts?.startedAt ?? -Infinity) - (a.facts?.startedAt ?? -Infinity) || a.sessionId.localeCompare(b.sessionId));
    const top: RankedDoc[] = entries.slice(0, limit).map((entry) => {
      const own = Math.max(0, entry.kinds.indexOf(0));
      return { doc: entry.base + own, sessionId: entry.sessionId, kind: 'session', score: 0, at: -1 };
    });
    return this.hits(opened, top, () => []);
  }

  /** Hits with their stored fields and snippets, read for these documents only. */
  private async hits<T extends RankedDoc>(opened: Opened, top: readonly T[], terms: (ranked: T) => string[]): Promise<SearchHit[]> {
    const stored = await this.documents.of(top, opened.index.catalog, opened.search, opened.main);
    const out: SearchHit[] = [];
    for (const ranked of top) {
      const doc = stored.get(ranked.doc);
      if (!doc) continue;
      const { snippet, matches } = makeSnippet(doc.text, terms(ranked));
      out.push({ id: doc.id, sessionId: ranked.sessionId, kind: doc.kind, chapter: doc.chapter ?? null, time: doc.time ?? null, title: doc.title, snippet, matches, score: ranked.score });
    }
    return out;
  }

  async status(): Promise<SearchIndexStatus> {
    const opened = await this.ready();
    await opened.built;
    const { index, source } = opened;
    return { documents: index.documentCount(), sessions: index.catalog.size, source, terms: index.vocabulary.size };
  }

  /** Saves what changed now: one segment, the changed catalog entries and documents. */
  async flush(): Promise<void> {
    clearTimeout(this.persistTimer);
    const opening = this.opened;
    if (!opening) return;
    const { index } = await opening;
    this.dirtySince = null;
    if (!index.changed) return;
    try {
      await this.exclusive(() => index.save());
    } catch (error) {
      this.markDirty();
      throw error;
    }
    this.channel.postMessage({ saved: true });
    // Changes that came while saving wait for their own turn.
    if (index.changed) this.markDirty();
    if (index.wantsMerge) this.mergeLater(await opening);
  }

  /** Settles once a merge of fresh segments under way (if any) is done: a worker about to stop waits for it. */
  async settled(): Promise<void> {
    await this.merging;
  }

  /** Merges the fresh segments into the terms' records in the background, a step at a time between other calls. */
  private mergeLater(opened: Opened): void {
    if (this.merging) return;
    this.merging = opened.index
      .mergeFresh(async (step) => {
        // A macrotask between steps: calls that arrived meanwhile queue up before the next step.
        await nextTask();
        await this.exclusive(async () => {
          if (this.opened && (await this.opened) === opened) await step();
        });
      })
      .catch((error: unknown) => console.warn('Fresh search segments could not be merged; the next save tries again.', error))
      .finally(() => {
        this.merging = null;
      });
  }

  /** Saves, then lets go of both databases: for a library hosted outside a worker (the bench). */
  async close(): Promise<void> {
    const opening = this.opened;
    if (opening) await (await opening).built;
    await this.flush();
    await this.merging;
    await this.queue;
    this.forget();
    this.channel.close();
  }

  /** Indexes a session's stored result (or takes it out when it has none); true when the index changed. */
  private apply(opened: Opened, sessionId: string, record: ResultRecord | undefined, session: SessionRecord | undefined): boolean {
    const { index } = opened;
    const known = index.catalog.get(sessionId);
    if (known?.facts && record && known.committedAt === record.committedAt) return false;
    const documents = documentsOf(record);
    if (record && documents.length > 0) {
      const stored = index.put(sessionId, record.committedAt, documents, factsOf(session, record));
      this.documents.remember(index.catalog.get(sessionId)!.base, stored);
      if (opened.source === 'empty') opened.source = 'rebuilt';
      return true;
    }
    // A removed session's cached documents are never asked for again (numbers are not reused): the LRU lets them go.
    return index.remove(sessionId);
  }

  /**
   * Ranks made-up terms over the library's documents once per worker (warmUp.ts) before the library
   * answers: its first queries then run the ranking loops compiled. About 0.25 s with the code cold,
   * on 2 cores; only a library big enough for cold ranking to show (warmUpFromDocuments) pays it.
   * Run between calls instead, its steps made the first asks wait and still run cold (p95 69 ms).
   */
  private warmUpRanking(index: PostingsIndex): void {
    if (rankingWarmed || index.documentCount() < this.warmUpFrom) return;
    rankingWarmed = true;
    try {
      for (const _step of warmUpSteps(index));
    } catch (error) {
      console.warn('The search ranking could not be warmed up; the first queries run slower.', error);
    }
  }

  /** Merges a term's segments after the query that found them many, between other calls. */
  private compactLater(opened: Opened, term: string): void {
    if (this.compacting.has(term)) return;
    this.compacting.add(term);
    setTimeout(() => {
      this.exclusive(async () => {
        if (this.opened && (await this.opened) === opened) await opened.index.compact(term);
      })
        .catch((error: unknown) => console.warn(`Search postings of "${term}" could not be merged.`, error))
        .finally(() => this.compacting.delete(term));
    }, 0);
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

  /** Both databases, opened once and kept while the index is read again after another tab's save. */
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

  /** Reads the catalog, vocabulary and counters; the first time, starts building from the stored results instead. */
  private async open(): Promise<Opened> {
    const { main, search } = await this.connect();
    const built = (await search.get('state', 'built')) as BuiltMark | undefined;
    // An index whose terms were read another way would miss words, or keep some no query can reach.
    if (built?.analyzer === SEARCH_ANALYZER_VERSION) {
      const [catalog, vocabulary, counters, segments] = await Promise.all([
        search.getAll('catalog'),
        search.get('vocabulary', 'terms'),
        search.get('state', 'counters'),
        search.getAll('segments'),
      ]);
      const index = new PostingsIndex(search, catalog, vocabulary?.terms ?? [], counters as Counters | undefined, this.options, segments);
      // The vocabulary's tree is arranged after the first answer, between calls (or by the first query).
      setTimeout(() => void this.exclusive(async () => index.vocabulary.prepare()), 0);
      this.warmUpRanking(index);
      return { main, search, index, source: index.catalog.size > 0 ? 'stored' : 'empty', built: Promise.resolve() };
    }
    await Promise.all(SEARCH_STORES.map((name) => search.clear(name)));
    const index = new PostingsIndex(search, [], [], undefined, this.options);
    const opened: Opened = { main, search, index, source: 'empty', built: Promise.resolve() };
    const keys = await main.getAllKeys('results');
    if (keys.length <= FOREGROUND_BUILD_RESULTS) {
      await this.build(opened, keys, (step) => step());
      return opened;
    }
    opened.built = this.build(opened, keys, (step) => this.exclusive(async () => {
      // Another tab's save (or a damaged record) replaced this index: stop building it.
      if (this.opened && (await this.opened) === opened) await step();
    }));
    opened.built.catch((error: unknown) => console.warn('The search index could not be built; the next start tries again.', error));
    return opened;
  }

  /**
   * Indexes every stored result, a chunk per `step` (through the queue in the background, so that
   * searches answer in between over what is indexed so far), saving a segment whenever enough
   * postings wait; then merges each term's segments, marks the library built and deletes the
   * single-record index of before.
   */
  private async build(opened: Opened, keys: readonly string[], step: (fn: () => Promise<void>) => Promise<void>): Promise<void> {
    const { main, search, index } = opened;
    const legacy = await main.get('meta', SEARCH_INDEX_KEY);
    for (let start = 0; start < keys.length; start += BUILD_CHUNK) {
      const chunk = keys.slice(start, start + BUILD_CHUNK);
      await step(async () => {
        const tx = main.transaction(['sessions', 'results']);
        const [sessions, records] = await Promise.all([
          Promise.all(chunk.map((key) => tx.objectStore('sessions').get(key))),
          Promise.all(chunk.map((key) => tx.objectStore('results').get(key))),
        ]);
        for (const [i, record] of records.entries()) if (record) this.apply(opened, record.sessionId, record, sessions[i]);
        if (index.pendingPairs >= BUILD_PENDING_PAIRS) await index.save('terms');
      });
      await nextTask();
    }
    await step(() => index.save('terms'));
    // Each save of the build added a segment to the common terms: merge them, so queries read one record a term.
    for (const term of await index.fragmentedTerms()) await step(() => index.compact(term));
    const mark: BuiltMark = { at: Date.now(), from: legacy === undefined ? 'results' : 'single-index', analyzer: SEARCH_ANALYZER_VERSION };
    await search.put('state', mark, 'built');
    if (legacy !== undefined) await main.delete('meta', SEARCH_INDEX_KEY);
    if (index.catalog.size > 0) opened.source = 'rebuilt';
  }

  /** A damaged record was read: forget the index, so that the next read builds it again from the stored results. */
  private async rebuild(opened: Opened): Promise<void> {
    await opened.search.delete('state', 'built');
    this.opened = null;
    this.documents.forget();
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
    this.documents.forget();
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
