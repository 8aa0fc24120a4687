import { openEnricherDb } from '../src/shared/db.ts';
import { searchDbName } from '../src/shared/search.ts';
import { SearchLibrary } from '../workers/search/library.ts';
import { openSearchDb } from '../workers/search/searchDb.ts';
import { benchDbName, collectGarbage, deleteDb } from './harness.ts';
import { NEEDLE, storeCorpus, syntheticResult, wordAt, type CorpusShape } from './searchCorpus.ts';
import { SingleIndexLibrary } from './singleIndexLibrary.ts';

export interface SearchBenchOptions {
  shape: CorpusShape;
  /** Sessions of the single index of before (the issue measured it at 1,000). */
  singleSessions: number;
  /** Sessions of the sharded library. */
  shardedSessions: number;
  /** Timed queries per library (the list below, repeated). */
  queries: number;
  /** Sessions added one by one during a "batch", each followed by a save. */
  batchSessions: number;
}

/** One library's figures; times in ms, sizes in bytes or characters. */
export interface SearchFigure {
  kind: 'single index' | 'shards';
  sessions: number;
  documents: number;
  /** First build from the stored results (the sharded one saves its shards as it goes). */
  buildMs: number;
  /** Save of the whole index (single) or of every shard (shards) after the build. */
  saveAllMs: number;
  storedChars: number;
  shards: number;
  /** A fresh library until it answers status(): the single index loads everything; shards read the catalog. */
  readyMs: number;
  /** The first query after opening (loads what it needs). */
  firstQueryMs: number;
  queryP50Ms: number;
  queryP95Ms: number;
  queryMaxMs: number;
  /** Page heap above the baseline: highest seen after a query, and after a forced GC at the end. */
  heapPeakBytes: number;
  heapRetainedBytes: number;
  /** One new session indexed, then saved, as during a batch: median and max of `batchSessions` saves. */
  batchSaveP50Ms: number;
  batchSaveMaxMs: number;
  needleFound: boolean;
}

function usedHeap(): number {
  return (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
}

const QUERIES = [
  wordAt(3),
  `${wordAt(40)} ${wordAt(300)}`,
  wordAt(1200),
  NEEDLE,
  wordAt(6000).slice(0, 4),
  // A typo: one letter dropped.
  wordAt(800).slice(0, 2) + wordAt(800).slice(3),
  `${wordAt(10)} ${wordAt(4000)}`,
  wordAt(15000),
];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

interface Hosted {
  status(): Promise<{ documents: number }>;
  search(query: string, limit: number): Promise<Array<{ sessionId: string }>>;
  upsert(items: Array<{ sessionId: string }>): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

async function measure(kind: SearchFigure['kind'], dbName: string, sessions: number, options: SearchBenchOptions, make: () => Hosted): Promise<SearchFigure> {
  const needleAt = Math.floor(sessions * 0.37);
  let t = performance.now();
  const building = make();
  const { documents } = await building.status();
  const buildMs = performance.now() - t;
  t = performance.now();
  await building.close();
  const saveAllMs = performance.now() - t;

  collectGarbage();
  const baseline = usedHeap();
  t = performance.now();
  const library = make();
  await library.status();
  const readyMs = performance.now() - t;
  t = performance.now();
  const needle = await library.search(NEEDLE, 20);
  const firstQueryMs = performance.now() - t;
  let heapPeakBytes = usedHeap() - baseline;
  const times: number[] = [];
  for (let i = 0; i < options.queries; i++) {
    t = performance.now();
    await library.search(QUERIES[i % QUERIES.length]!, 20);
    times.push(performance.now() - t);
    heapPeakBytes = Math.max(heapPeakBytes, usedHeap() - baseline);
  }
  times.sort((a, b) => a - b);

  // A batch: each finished session is indexed and saved at once (the app debounces; this is the worst case).
  const db = await openEnricherDb(dbName);
  const saves: number[] = [];
  try {
    for (let i = 0; i < options.batchSessions; i++) {
      const record = syntheticResult(sessions + i, options.shape, -1);
      await db.put('results', record);
      await library.upsert([{ sessionId: record.sessionId }]);
      t = performance.now();
      await library.flush();
      saves.push(performance.now() - t);
      heapPeakBytes = Math.max(heapPeakBytes, usedHeap() - baseline);
    }
    const tx = db.transaction('results', 'readwrite');
    for (let i = 0; i < options.batchSessions; i++) void tx.store.delete(syntheticResult(sessions + i, options.shape, -1).sessionId);
    await tx.done;
  } finally {
    db.close();
  }
  saves.sort((a, b) => a - b);
  collectGarbage();
  const heapRetainedBytes = usedHeap() - baseline;
  await library.close();

  const stored = kind === 'shards' ? await shardSizes(dbName) : await singleSize(dbName);
  return {
    kind,
    sessions,
    documents,
    buildMs,
    saveAllMs,
    storedChars: stored.chars,
    shards: stored.shards,
    readyMs,
    firstQueryMs,
    queryP50Ms: quantile(times, 0.5),
    queryP95Ms: quantile(times, 0.95),
    queryMaxMs: times.at(-1) ?? NaN,
    heapPeakBytes,
    heapRetainedBytes,
    batchSaveP50Ms: quantile(saves, 0.5),
    batchSaveMaxMs: saves.at(-1) ?? NaN,
    needleFound: needle[0]?.sessionId === syntheticResult(needleAt, options.shape, needleAt).sessionId,
  };
}

async function shardSizes(dbName: string): Promise<{ shards: number; chars: number }> {
  const db = await openSearchDb(dbName, () => {});
  try {
    let chars = 0;
    let shards = 0;
    for (let cursor = await db.transaction('shards').store.openCursor(); cursor; cursor = await cursor.continue()) {
      chars += cursor.value.json.length;
      shards++;
    }
    return { shards, chars };
  } finally {
    db.close();
  }
}

async function singleSize(dbName: string): Promise<{ shards: number; chars: number }> {
  const db = await openEnricherDb(dbName);
  try {
    const record = (await db.get('meta', 'search-index')) as { json?: string } | undefined;
    return { shards: 1, chars: record?.json?.length ?? 0 };
  } finally {
    db.close();
  }
}

/**
 * The search scenario: the single-record index of before over `singleSessions` sessions, then the
 * sharded index over the same sessions and over `shardedSessions`, each hosted in this page (the
 * same classes the search worker runs), so that the page's heap is the index's.
 */
export async function searchLibrary(options: SearchBenchOptions): Promise<{ figures: SearchFigure[] }> {
  const dbName = benchDbName('search');
  const figures: SearchFigure[] = [];
  const db = await openEnricherDb(dbName);
  try {
    const needleFor = (sessions: number) => Math.floor(sessions * 0.37);
    await storeCorpus(db, 0, options.singleSessions, options.shape, needleFor(options.singleSessions));
    db.close();
    figures.push(await measure('single index', dbName, options.singleSessions, options, () => new SingleIndexLibrary(dbName)));
    // The sharded index migrates from the single record over the same sessions…
    figures.push(await measure('shards', dbName, options.singleSessions, options, () => new SearchLibrary(dbName)));
    // …then the library grows to its full size and is indexed from scratch.
    await deleteDb(searchDbName(dbName));
    const grown = await openEnricherDb(dbName);
    try {
      // The needle moves to where the bigger library puts it.
      await grown.put('results', syntheticResult(needleFor(options.singleSessions), options.shape, -1));
      await storeCorpus(grown, options.singleSessions, options.shardedSessions, options.shape, needleFor(options.shardedSessions));
    } finally {
      grown.close();
    }
    figures.push(await measure('shards', dbName, options.shardedSessions, options, () => new SearchLibrary(dbName)));
  } finally {
    db.close();
    await deleteDb(searchDbName(dbName));
    await deleteDb(dbName);
  }
  return { figures };
}
