import { DocumentCache } from '../workers/search/documentCache.ts';
import { SearchLibrary } from '../workers/search/library.ts';
import { PostingsIndex } from '../workers/search/postingsIndex.ts';
import { openSearchDb } from '../workers/search/searchDb.ts';
import { collectGarbage, deleteDb } from './harness.ts';
import { writePostingsCorpus } from './postingsCorpus.ts';
import { NEEDLE, type CorpusShape } from './searchCorpus.ts';
import { QUERIES } from './searchShards.ts';
import { searchDbName } from '../src/shared/search.ts';

/** The probe's library: kept in the browser profile between runs, so only the first run writes it. */
const DB = 'bench-search-probe';

export interface ProbeOptions {
  sessions: number;
  shape: CorpusShape;
  /** Libraries opened afresh in this page, one after the other. */
  rounds: number;
  /** Times the query list is asked per library: the first pass is the first asks. */
  passes: number;
}

/** One query asked once, with the time spent reading postings and reading the hits' documents. */
export interface ProbeAsk {
  pass: number;
  kind: string;
  query: string;
  ms: number;
  postingsMs: number;
  hitsMs: number;
}

export interface ProbeResult {
  /** Time to write the library, when this run had to (0 when it was kept). */
  writtenMs: number;
  rounds: Array<{ readyMs: number; needleMs: number; asks: ProbeAsk[] }>;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Times `method` of `prototype` into `parts[key]` while the probe runs; returns the undo. */
function timeMethod<T extends object>(prototype: T, method: keyof T, parts: Record<string, number>, key: string): () => void {
  const original = prototype[method] as (...args: unknown[]) => Promise<unknown>;
  (prototype as Record<keyof T, unknown>)[method] = async function (this: unknown, ...args: unknown[]) {
    const t = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      parts[key]! += performance.now() - t;
    }
  };
  return () => void ((prototype as Record<keyof T, unknown>)[method] = original);
}

/**
 * `node bench/searchProbe.mjs`: scenario 10's big library and query list, kept between runs, each
 * query timed with its postings read and its hits' documents read, over libraries opened afresh.
 * A development probe for first asks (see docs/benchmarks.md); `npm run bench` gives the figures.
 */
export async function searchProbe(options: ProbeOptions): Promise<ProbeResult> {
  const kept = await openSearchDb(DB, () => {});
  const sessions = await kept.count('catalog');
  kept.close();
  let writtenMs = 0;
  if (sessions !== options.sessions) {
    await deleteDb(searchDbName(DB));
    const t = performance.now();
    await writePostingsCorpus(DB, 0, options.sessions, options.shape, Math.floor(options.sessions * 0.37));
    writtenMs = performance.now() - t;
  }
  const parts = { postings: 0, hits: 0 };
  const undo = [timeMethod(PostingsIndex.prototype, 'postings', parts, 'postings'), timeMethod(DocumentCache.prototype, 'of', parts, 'hits')];
  const rounds: ProbeResult['rounds'] = [];
  try {
    for (let r = 0; r < options.rounds; r++) {
      collectGarbage();
      const library = new SearchLibrary(DB);
      let t = performance.now();
      await library.status();
      const readyMs = performance.now() - t;
      t = performance.now();
      await library.search(NEEDLE, 20);
      const needleMs = performance.now() - t;
      const asks: ProbeAsk[] = [];
      for (let pass = 0; pass < options.passes; pass++) {
        for (const { kind, query, filters } of QUERIES) {
          parts.postings = 0;
          parts.hits = 0;
          t = performance.now();
          await library.search(query, 20, filters);
          asks.push({ pass, kind, query, ms: round(performance.now() - t), postingsMs: round(parts.postings), hitsMs: round(parts.hits) });
        }
      }
      await library.close();
      rounds.push({ readyMs: round(readyMs), needleMs: round(needleMs), asks });
    }
  } finally {
    for (const restore of undo) restore();
  }
  return { writtenMs: round(writtenMs), rounds };
}

