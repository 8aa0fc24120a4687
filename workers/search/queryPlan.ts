import type { DocTable } from './docTable.ts';
import { B, D, FIELD_BOOSTS, K, type QueryTerm } from './scoring.ts';
import { BLOCK_STRIDE, buildSkips, skipsOf } from './skips.ts';
import { END, TermCursor, type Chunk } from './termCursor.ts';
import { decodePostings, encodePostings } from './varint.ts';

/** A query term ready to be walked: its chunks, per-field idf (BM25's, over live documents) and its best block's bound. */
export interface PlannedTerm {
  term: string;
  weight: number;
  words: number;
  chunks: Chunk[];
  /** idf per field, as scoring.ts computes it. */
  idf: number[];
  /** How many times the term's words count it (bits set in `words`). */
  times: number;
  /** Pairs of removed documents among its postings: compaction drops them. */
  dead: number;
}

export interface QueryPlan {
  terms: PlannedTerm[];
  /** Average field lengths over live documents. */
  average: number[];
  docLimit: number;
}

const deadCounts = new WeakMap<Uint8Array, { generation: number; counts: number[] }>();

/** Pairs per field of removed documents in a chunk, walking only the blocks that hold dead numbers. */
function deadPairs(chunk: Chunk, table: DocTable): number[] {
  const known = deadCounts.get(chunk.bytes);
  if (known?.generation === table.generation) return known.counts;
  const counts = [0, 0, 0];
  const ranges = table.deadRanges();
  if (ranges.length > 0) {
    const cursor = new TermCursor([chunk], table.limit);
    for (let r = 0; r < ranges.length; r += 2) {
      for (let doc = cursor.seek(ranges[r]!); doc < ranges[r + 1]!; doc = cursor.next()) {
        for (let i = cursor.pos; i < cursor.pairEnd; i++) counts[cursor.codes[i]! & 3]!++;
      }
      if (cursor.doc === END) break;
    }
  }
  deadCounts.set(chunk.bytes, { generation: table.generation, counts });
  return counts;
}

/** Records and pending pairs of a term as chunks in document order (one merged chunk should they overlap). */
function chunksOf(term: QueryTerm, table: DocTable): Chunk[] {
  const lengthOf = (doc: number, field: number) => table.lengthOf(doc, field);
  const chunks: Chunk[] = term.stored.filter((record) => record.count > 0).map((record) => ({ bytes: record.bytes, count: record.count, skips: skipsOf(record, table.limit, lengthOf) }));
  if (term.pending && term.pending.length > 0) {
    const { bytes, count } = encodePostings(term.pending);
    chunks.push({ bytes, count, skips: buildSkips(bytes, count, table.limit, lengthOf) });
  }
  const ordered = chunks.every((chunk, i) => i === 0 || chunk.skips[3]! > lastDocOf(chunks[i - 1]!));
  if (ordered) return chunks;
  // Not expected (segments number documents in order), but then one sorted chunk keeps the walk right.
  const total = chunks.reduce((sum, chunk) => sum + chunk.count, 0);
  const docs = new Int32Array(total);
  const codes = new Uint32Array(total);
  let at = 0;
  for (const chunk of chunks) at = decodePostings(chunk.bytes, chunk.count, docs, codes, at, table.limit);
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => docs[a]! - docs[b]! || (codes[a]! & 3) - (codes[b]! & 3));
  const flat: number[] = [];
  for (const i of order) flat.push(docs[i]!, codes[i]!);
  const { bytes, count } = encodePostings(flat);
  return [{ bytes, count, skips: buildSkips(bytes, count, table.limit, lengthOf) }];
}

const lastDocOf = (chunk: Chunk) => chunk.skips[chunk.skips.length - BLOCK_STRIDE]!;

/** What a document with frequency `tf` and field length `length` gets, before the term's weight: scoring.ts's `raw`. */
export const fieldScore = (idf: number, tf: number, length: number, average: number) => idf * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * length) / average)));

/** Each term's chunks, idf and block bounds (from each block's highest frequency and shortest length per field). */
export function planQuery(terms: readonly QueryTerm[], table: DocTable): QueryPlan {
  const total = table.live;
  const average = [0, 1, 2].map((f) => table.averageLength(f) || 1);
  const planned = terms.map((term): PlannedTerm => {
    const chunks = chunksOf(term, table);
    const df = [0, 0, 0];
    let dead = 0;
    for (const chunk of chunks) {
      const gone = deadPairs(chunk, table);
      for (let f = 0; f < 3; f++) {
        df[f]! += chunk.skips[f]! - gone[f]!;
        dead += gone[f]!;
      }
    }
    const idf = df.map((count) => Math.log(1 + (total - count + 0.5) / (count + 0.5)));
    let times = 0;
    for (let bits = term.words; bits; bits &= bits - 1) times++;
    return { term: term.term, weight: term.weight, words: term.words, chunks, idf, times, dead };
  });
  return { terms: planned, average, docLimit: table.limit };
}

/** One field of one term: a list of its own for MaxScore, with its blocks' bounds and its best. */
export interface FieldList {
  term: number;
  field: number;
  cursor: TermCursor;
  upperBound: number;
}

/**
 * The lists of a planned term, one per field it occurs in, each block bounded by its highest
 * frequency and shortest length of that field. A field apart: a word in every document's text but
 * few titles has a tiny bound over its text (its idf is near 0) and a real one over its titles.
 */
export function listsOf(plan: QueryPlan, t: number): FieldList[] {
  const term = plan.terms[t]!;
  const out: FieldList[] = [];
  for (let f = 0; f < 3; f++) {
    if (!term.chunks.some((chunk) => chunk.skips[f]! > 0)) continue;
    const cursor = new TermCursor(term.chunks, plan.docLimit, f);
    let best = 0;
    for (let g = 0; g < cursor.blocks; g++) {
      const { skips, at } = cursor.entry(g);
      const maxTf = skips[at + 3 + f * 2]!;
      if (maxTf === 0) continue;
      const bound = fieldScore(term.idf[f]!, maxTf, skips[at + 4 + f * 2]!, plan.average[f]!) * term.weight * FIELD_BOOSTS[f]! * term.times;
      // Sums taken in another order can differ in the last bit: a bound a hair high stays a bound.
      cursor.bounds[g] = bound * (1 + 1e-9);
      best = Math.max(best, cursor.bounds[g]!);
    }
    out.push({ term: t, field: f, cursor, upperBound: best });
  }
  return out;
}
