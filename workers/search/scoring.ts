import { QUERY_OPTIONS } from './options.ts';
import { FIELDS } from './analyze.ts';
import type { DocTable } from './docTable.ts';
import type { PostingsRecord } from './searchDb.ts';
import { decodePostings, fieldOf, frequencyOf } from './varint.ts';

/** MiniSearch's BM25 parameters (its defaults), so that scores stay what they were. */
export const K = 1.2;
export const B = 0.7;
export const D = 0.5;
export const FIELD_BOOSTS = FIELDS.map((field) => (QUERY_OPTIONS.boost as Record<string, number | undefined>)[field] ?? 1);

/** One term of a widened query, with what it is worth and where to read its postings. */
export interface QueryTerm {
  term: string;
  /** MiniSearch's weight of the match: 1 exact, less for a prefix or typo (Vocabulary.expand). */
  weight: number;
  /** Bit i set when the query's word i was widened to this term. */
  words: number;
  stored: readonly PostingsRecord[];
  /** Flat `[doc, code, …]` of documents not saved yet. */
  pending?: readonly number[];
}

/** Matching documents with their scores, in no order; `termDocs[i]` the documents (ascending) where term i occurs. */
export interface Scored {
  docs: Int32Array;
  scores: Float64Array;
  length: number;
  termDocs: Int32Array[];
  /** Per term, pairs of removed documents read on the way: compaction drops them. */
  dead: number[];
}

let scratchDocs = new Int32Array(1 << 16);
let scratchCodes = new Uint32Array(1 << 16);

/** A term's stored and pending pairs, decoded into the scratch buffers; returns how many. */
function decodeTerm(term: QueryTerm, docLimit: number): number {
  let total = term.pending ? term.pending.length / 2 : 0;
  for (const record of term.stored) total += record.count;
  if (total > scratchDocs.length) {
    const size = 2 ** Math.ceil(Math.log2(total));
    scratchDocs = new Int32Array(size);
    scratchCodes = new Uint32Array(size);
  }
  let at = 0;
  for (const record of term.stored) at = decodePostings(record.bytes, record.count, scratchDocs, scratchCodes, at, docLimit);
  const pending = term.pending ?? [];
  for (let i = 0; i < pending.length; i += 2, at++) {
    scratchDocs[at] = pending[i]!;
    scratchCodes[at] = pending[i + 1]!;
  }
  return at;
}

/**
 * BM25 over the query terms' postings only, as MiniSearch scores a query of OR-groups (one per word,
 * of that word's widened terms) combined with `combineWith`: per (document, field) pair
 * idf × (d + tf(k+1) / (tf + k(1 − b + b·len/avg))) × weight × field boost, once per word the term
 * widens; a document's sum is then multiplied by how many distinct terms it matched. `allowed`
 * drops other sessions' documents before anything is ranked.
 */
export function scoreQuery(
  terms: readonly QueryTerm[],
  wordCount: number,
  combineWith: 'AND' | 'OR',
  table: DocTable,
  allowed: ReadonlySet<string> | null,
): Scored {
  const limit = table.limit;
  const score = new Float64Array(limit);
  const mask = new Uint32Array(limit);
  const distinct = new Uint16Array(limit);
  const touched: number[] = [];
  const termDocs: Int32Array[] = [];
  const dead: number[] = [];
  const total = table.live;
  const average = [0, 1, 2].map((f) => table.averageLength(f) || 1);
  for (const term of terms) {
    const n = decodeTerm(term, limit);
    const df = [0, 0, 0];
    let deadPairs = 0;
    for (let i = 0; i < n; i++) {
      if (table.sessionOf(scratchDocs[i]!) === undefined) deadPairs++;
      else df[fieldOf(scratchCodes[i]!)]!++;
    }
    dead.push(deadPairs);
    const idf = df.map((count) => Math.log(1 + (total - count + 0.5) / (count + 0.5)));
    let times = 0;
    for (let bits = term.words; bits; bits &= bits - 1) times++;
    const found: number[] = [];
    let last = -1;
    for (let i = 0; i < n; i++) {
      const doc = scratchDocs[i]!;
      const session = table.sessionOf(doc);
      if (session === undefined || (allowed && !allowed.has(session))) continue;
      const code = scratchCodes[i]!;
      const field = fieldOf(code);
      const tf = frequencyOf(code);
      const length = table.lengthOf(doc, field);
      const raw = idf[field]! * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * length) / average[field]!)));
      if (distinct[doc] === 0) touched.push(doc);
      score[doc]! += raw * term.weight * FIELD_BOOSTS[field]! * times;
      mask[doc]! |= term.words;
      if (doc !== last) {
        distinct[doc]!++;
        found.push(doc);
        last = doc;
      }
    }
    const docs = Int32Array.from(found);
    // Records come in segment order, so documents ascend; sorted anyway should one not (holds() searches them).
    if (docs.some((doc, i) => i > 0 && doc <= docs[i - 1]!)) docs.sort();
    termDocs.push(docs);
  }
  const full = wordCount >= 32 ? 0xffffffff : (1 << wordCount) - 1;
  const docs = new Int32Array(touched.length);
  const scores = new Float64Array(touched.length);
  let length = 0;
  for (const doc of touched) {
    if (combineWith === 'AND' && mask[doc]! >>> 0 !== full >>> 0) continue;
    docs[length] = doc;
    scores[length++] = score[doc]! * distinct[doc]!;
  }
  return { docs, scores, length, termDocs, dead };
}

/** Whether `doc` is among the ascending `docs`. */
export function holds(docs: Int32Array, doc: number): boolean {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid] === doc) return true;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
