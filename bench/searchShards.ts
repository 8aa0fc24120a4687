import { openEnricherDb } from '../src/shared/db.ts';
import { searchDbName, type SearchFilters } from '../src/shared/search.ts';
import { SearchLibrary } from '../workers/search/library.ts';
import { openSearchDb } from '../workers/search/searchDb.ts';
import { benchDbName, collectGarbage, deleteDb } from './harness.ts';
import { writePostingsCorpus } from './postingsCorpus.ts';
import { FIRST_START, NEEDLE, sessionIdOf, storeCorpus, syntheticResult, wordAt, type CorpusShape } from './searchCorpus.ts';
import { ShardLibrary } from './shards/shardLibrary.ts';
import { openSearchDb as openShardDb } from './shards/shardDb.ts';

export interface SearchBenchOptions {
  shape: CorpusShape;
  /** Sessions of the shards of before, and of the postings built from the same stored results (real build). */
  oldSessions: number;
  /** Sessions of the big postings library (written by the fast path, bench/postingsCorpus.ts). */
  newSessions: number;
  /** Timed queries per library (the list below, repeated). */
  queries: number;
  /** Sessions added one by one during a "batch", each followed by a save. */
  batchSessions: number;
}

/** One library's figures; times in ms, sizes in bytes or characters. */
export interface SearchFigure {
  kind: 'shards' | 'postings';
  sessions: number;
  documents: number;
  /** First build from the stored results; for the big postings library, the fast path's time (marked `fastPath`). */
  buildMs: number;
  fastPath: boolean;
  /** Save of everything after the build. */
  saveAllMs: number;
  /** Shards: characters of JSON; postings: bytes of packed postings. */
  storedSize: number;
  /** Shards, or postings records. */
  records: number;
  /** A fresh library until it answers status(): shards read the catalog; postings the catalog, vocabulary and counters. */
  readyMs: number;
  /** The first query after opening (loads what it needs). */
  firstQueryMs: number;
  queryP50Ms: number;
  queryP95Ms: number;
  queryMaxMs: number;
  /**
   * p95 of the queries asked for the first time (their terms read from IndexedDB, unless an
   * earlier query read them) and of the same queries asked again (what the postings cache holds).
   */
  firstAskP95Ms: number;
  repeatP95Ms: number;
  /** p50 / p95 per kind of query. */
  byKind: Record<string, { p50: number; p95: number }>;
  /** Page heap above the baseline: highest seen after a query, and after a forced GC at the end. */
  heapPeakBytes: number;
  heapRetainedBytes: number;
  /** One new session indexed, then saved, as during a batch: median and max of `batchSessions` saves. */
  batchSaveP50Ms: number;
  batchSaveMaxMs: number;
  /** Postings only: the background merge of fresh segments a save started (every few saves), in all. */
  batchMergeMaxMs: number;
  needleFound: boolean;
}

function usedHeap(): number {
  return (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
}

const DAY = 86_400_000;

/** The fixed query set: words by Zipf rank of the seeded synthetic language, so the same in every run. */
export const QUERIES: Array<{ kind: string; query: string; filters?: SearchFilters }> = [
  { kind: 'single', query: wordAt(3) },
  { kind: 'two words', query: `${wordAt(40)} ${wordAt(300)}` },
  { kind: 'single', query: wordAt(1200) },
  { kind: 'single', query: NEEDLE },
  { kind: 'prefix', query: wordAt(6000).slice(0, 4) },
  // A typo: one letter dropped.
  { kind: 'fuzzy', query: wordAt(800).slice(0, 2) + wordAt(800).slice(3) },
  { kind: 'two words', query: `${wordAt(10)} ${wordAt(4000)}` },
  { kind: 'single', query: wordAt(15000) },
  { kind: 'filters', query: wordAt(3), filters: { tag: 'design' } },
  { kind: 'filters', query: wordAt(300), filters: { from: FIRST_START + 10 * DAY, to: FIRST_START + 40 * DAY } },
  { kind: 'filters', query: '', filters: { tag: 'finance' } },
];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

interface Hosted {
  status(): Promise<{ documents: number }>;
  search(query: string, limit: number, filters?: SearchFilters): Promise<Array<{ sessionId: string }>>;
  upsert(items: Array<{ sessionId: string }>): Promise<void>;
  flush(): Promise<void>;
  /** Postings only: the background merge a save started. */
  settled?(): Promise<void>;
  close(): Promise<void>;
}

async function measure(
  kind: SearchFigure['kind'],
  dbName: string,
  sessions: number,
  options: SearchBenchOptions,
  make: () => Hosted,
  fastPath?: () => Promise<void>,
): Promise<SearchFigure> {
  const needleAt = Math.floor(sessions * 0.37);
  let t = performance.now();
  let buildMs: number;
  let saveAllMs = 0;
  if (fastPath) {
    await fastPath();
    buildMs = performance.now() - t;
  } else {
    const building = make();
    await building.status();
    buildMs = performance.now() - t;
    t = performance.now();
    await building.close();
    saveAllMs = performance.now() - t;
  }

  collectGarbage();
  const baseline = usedHeap();
  t = performance.now();
  const library = make();
  const { documents } = await library.status();
  const readyMs = performance.now() - t;
  t = performance.now();
  const needle = await library.search(NEEDLE, 20);
  const firstQueryMs = performance.now() - t;
  let heapPeakBytes = usedHeap() - baseline;
  const times: number[] = [];
  const firstAsks: number[] = [];
  const repeats: number[] = [];
  const kinds = new Map<string, number[]>();
  for (let i = 0; i < options.queries; i++) {
    const { kind: queryKind, query, filters } = QUERIES[i % QUERIES.length]!;
    t = performance.now();
    await library.search(query, 20, filters);
    const ms = performance.now() - t;
    times.push(ms);
    (i < QUERIES.length ? firstAsks : repeats).push(ms);
    kinds.set(queryKind, [...(kinds.get(queryKind) ?? []), ms]);
    heapPeakBytes = Math.max(heapPeakBytes, usedHeap() - baseline);
  }
  times.sort((a, b) => a - b);
  firstAsks.sort((a, b) => a - b);
  repeats.sort((a, b) => a - b);
  const byKind = Object.fromEntries(
    [...kinds].map(([name, list]) => {
      list.sort((a, b) => a - b);
      return [name, { p50: quantile(list, 0.5), p95: quantile(list, 0.95) }];
    }),
  );

  // A batch: each finished session is indexed and saved at once (the app debounces; this is the worst case).
  const db = await openEnricherDb(dbName);
  const saves: number[] = [];
  let batchMergeMaxMs = 0;
  try {
    for (let i = 0; i < options.batchSessions; i++) {
      const record = syntheticResult(sessions + i, options.shape, -1);
      await db.put('results', record);
      await library.upsert([{ sessionId: record.sessionId }]);
      t = performance.now();
      await library.flush();
      saves.push(performance.now() - t);
      t = performance.now();
      await library.settled?.();
      batchMergeMaxMs = Math.max(batchMergeMaxMs, performance.now() - t);
      heapPeakBytes = Math.max(heapPeakBytes, usedHeap() - baseline);
    }
    const tx = db.transaction('results', 'readwrite');
    for (let i = 0; i < options.batchSessions; i++) void tx.store.delete(sessionIdOf(sessions + i));
    await tx.done;
  } finally {
    db.close();
  }
  saves.sort((a, b) => a - b);
  collectGarbage();
  const heapRetainedBytes = usedHeap() - baseline;
  await library.close();

  const stored = kind === 'shards' ? await shardSizes(dbName) : await postingsSizes(dbName);
  return {
    kind,
    sessions,
    documents,
    buildMs,
    fastPath: fastPath !== undefined,
    saveAllMs,
    storedSize: stored.size,
    records: stored.records,
    readyMs,
    firstQueryMs,
    queryP50Ms: quantile(times, 0.5),
    queryP95Ms: quantile(times, 0.95),
    queryMaxMs: times.at(-1) ?? NaN,
    firstAskP95Ms: quantile(firstAsks, 0.95),
    repeatP95Ms: quantile(repeats, 0.95),
    byKind,
    heapPeakBytes,
    heapRetainedBytes,
    batchSaveP50Ms: quantile(saves, 0.5),
    batchSaveMaxMs: saves.at(-1) ?? NaN,
    batchMergeMaxMs,
    needleFound: needle[0]?.sessionId === sessionIdOf(needleAt),
  };
}

async function shardSizes(dbName: string): Promise<{ records: number; size: number }> {
  const db = await openShardDb(dbName, () => {});
  try {
    let size = 0;
    let records = 0;
    for (let cursor = await db.transaction('shards').store.openCursor(); cursor; cursor = await cursor.continue()) {
      size += cursor.value.json.length;
      records++;
    }
    return { records, size };
  } finally {
    db.close();
  }
}

async function postingsSizes(dbName: string): Promise<{ records: number; size: number }> {
  const db = await openSearchDb(dbName, () => {});
  try {
    let size = 0;
    let records = 0;
    for (let cursor = await db.transaction('postings').store.openCursor(); cursor; cursor = await cursor.continue()) {
      size += cursor.value.bytes.byteLength;
      records++;
    }
    return { records, size };
  } finally {
    db.close();
  }
}

/**
 * The search scenario: the shards of before and the postings over the same `oldSessions` stored
 * sessions (each built from the results), then the postings over `newSessions` (written by the fast
 * path), each hosted in this page (the same classes the search worker runs), so that the page's
 * heap is the index's.
 */
export async function searchLibrary(options: SearchBenchOptions): Promise<{ figures: SearchFigure[] }> {
  const dbName = benchDbName('search');
  const figures: SearchFigure[] = [];
  const needleFor = (sessions: number) => Math.floor(sessions * 0.37);
  try {
    const db = await openEnricherDb(dbName);
    try {
      await storeCorpus(db, 0, options.oldSessions, options.shape, needleFor(options.oldSessions));
    } finally {
      db.close();
    }
    figures.push(await measure('shards', dbName, options.oldSessions, options, () => new ShardLibrary(dbName)));
    await deleteDb(searchDbName(dbName));
    figures.push(await measure('postings', dbName, options.oldSessions, options, () => new SearchLibrary(dbName)));
    await deleteDb(searchDbName(dbName));
    // The big library: postings only (the shards re-read every shard per query past their memory budget).
    figures.push(
      await measure('postings', dbName, options.newSessions, options, () => new SearchLibrary(dbName), () =>
        writePostingsCorpus(dbName, 0, options.newSessions, options.shape, needleFor(options.newSessions)),
      ),
    );
  } finally {
    await deleteDb(searchDbName(dbName));
    await deleteDb(dbName);
  }
  return { figures };
}
