import { KINDS, type DocTable } from './docTable.ts';
import { preciseFirst } from './order.ts';
import type { PlannedTerm, QueryPlan } from './queryPlan.ts';
import type { RankedTop } from './ranking.ts';
import { B, D, FIELD_BOOSTS, K } from './scoring.ts';
import { rarestWord } from './maxScore.ts';
import { END, TermCursor } from './termCursor.ts';
import { topK } from './topK.ts';
import { decodePostings } from './varint.ts';

/**
 * Buffers of the library's size, kept between queries and cleared only where a query wrote: a
 * query no longer allocates (nor zeroes) megabytes at 250,000 documents.
 */
let scores = new Float64Array(0);
let masks = new Uint32Array(0);
let distinct = new Uint16Array(0);
let touched = new Int32Array(0);
/** How many of `touched` hold a query's writes: cleared after it, also when it threw (a damaged record). */
let touchedCount = 0;
let allowedDocs = new Uint8Array(0);
let candidateMark = new Uint8Array(0);
let pairDocs = new Int32Array(1 << 12);
let pairCodes = new Uint32Array(1 << 12);

/** Candidates fewer than a term's pairs by this factor are found by seeking (whole blocks passed undecoded) rather than by reading every pair. */
const SEEK_RATIO = 16;

type RangeOf = (sessionId: string) => { base: number; documents: number } | undefined;

function reserve(limit: number, pairs: number): void {
  if (scores.length < limit) {
    const size = Math.max(limit, scores.length * 2);
    scores = new Float64Array(size);
    masks = new Uint32Array(size);
    distinct = new Uint16Array(size);
    touched = new Int32Array(size);
    allowedDocs = new Uint8Array(size);
    candidateMark = new Uint8Array(size);
  }
  if (pairDocs.length < pairs) {
    const size = 2 ** Math.ceil(Math.log2(pairs));
    pairDocs = new Int32Array(size);
    pairCodes = new Uint32Array(size);
  }
}

/**
 * The best `limit` documents of the query in preciseFirst order, every posting scored into dense
 * arrays: scoreQuery() + bestDocs() without their per-posting session lookups and allocations, so
 * the same documents, scores (the same float operations in the same order) and ties. All words
 * (AND), or any of them when no document holds all. With several words, the rarest word's
 * documents are found first and the other words' postings read for those alone (by seeking when
 * they are few). Cheaper than the document-at-a-time walk (maxScore.ts) when many lists would each
 * be probed per candidate: a word widened to many terms, or several words.
 */
export function denseTopDocs(plan: QueryPlan, wordCount: number, table: DocTable, allowed: ReadonlySet<string> | null, limit: number, rangeOf: RangeOf): RankedTop[] {
  let mostPairs = 0;
  for (const term of plan.terms) for (const chunk of term.chunks) mostPairs = Math.max(mostPairs, chunk.count);
  reserve(plan.docLimit, mostPairs);
  const eligible = allowed ? allowedOnly(allowed, table, rangeOf) : table.alive;
  const full = (wordCount >= 32 ? 0xffffffff : (1 << wordCount) - 1) >>> 0;
  const candidates = wordCount > 1 ? rarestWordDocs(plan, wordCount, eligible) : null;
  try {
    accumulate(plan, table, eligible, candidates);
    const top = select(plan, touchedCount, (doc) => masks[doc]! >>> 0 === full, table, limit, rangeOf);
    if (top.length > 0 || !candidates) return top;
    // No document holds every word: any of them, every posting scored.
    clear();
    accumulate(plan, table, eligible, null);
    return select(plan, touchedCount, () => true, table, limit, rangeOf);
  } finally {
    clear();
    if (candidates) for (const doc of candidates) candidateMark[doc] = 0;
  }
}

function clear(): void {
  for (let i = 0; i < touchedCount; i++) {
    const doc = touched[i]!;
    scores[doc] = 0;
    masks[doc] = 0;
    distinct[doc] = 0;
  }
  touchedCount = 0;
}

/**
 * Adds the query terms' pairs to `scores`, `masks` and `distinct`, of eligible documents (and of
 * `candidates` only, ascending, when given), in scoreQuery()'s order: term by term, a document's
 * pairs in field order. `touched` lists the documents in scoreQuery()'s order (by first term,
 * then number), which breaks ties; `touchedCount` says how many.
 */
function accumulate(plan: QueryPlan, table: DocTable, eligible: Uint8Array, candidates: Int32Array | null): void {
  for (const term of plan.terms) {
    let pairs = 0;
    for (const chunk of term.chunks) pairs += chunk.count;
    if (candidates && candidates.length * SEEK_RATIO < pairs) {
      const cursor = new TermCursor(term.chunks, plan.docLimit);
      for (const doc of candidates) {
        const at = cursor.seek(doc);
        if (at === END) break;
        if (at !== doc) continue;
        if (distinct[doc] === 0) touched[touchedCount++] = doc;
        for (let p = cursor.pos; p < cursor.pairEnd; p++) scores[doc]! += pairScore(plan, term, table, doc, cursor.codes[p]!);
        masks[doc]! |= term.words;
        distinct[doc]!++;
      }
      continue;
    }
    for (const chunk of term.chunks) {
      decodePostings(chunk.bytes, chunk.count, pairDocs, pairCodes, 0, plan.docLimit);
      let last = -1;
      for (let i = 0; i < chunk.count; i++) {
        const doc = pairDocs[i]!;
        if (eligible[doc] !== 1 || (candidates && candidateMark[doc] !== 1)) continue;
        if (distinct[doc] === 0) touched[touchedCount++] = doc;
        scores[doc]! += pairScore(plan, term, table, doc, pairCodes[i]!);
        masks[doc]! |= term.words;
        if (doc !== last) {
          distinct[doc]!++;
          last = doc;
        }
      }
    }
  }
}

/** What one (document, field) pair adds: scoreQuery()'s expression, operation for operation, so the same float. */
function pairScore(plan: QueryPlan, term: PlannedTerm, table: DocTable, doc: number, code: number): number {
  const field = code & 3;
  const tf = code >>> 2;
  const raw = term.idf[field]! * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * table.lengthOf(doc, field)) / plan.average[field]!)));
  return raw * term.weight * FIELD_BOOSTS[field]! * term.times;
}

/** The eligible documents of the word (bit) whose terms hold the fewest pairs, ascending, marked in `candidateMark`. */
function rarestWordDocs(plan: QueryPlan, wordCount: number, eligible: Uint8Array): Int32Array {
  const rarest = rarestWord(plan, wordCount);
  const found: number[] = [];
  try {
    for (const term of plan.terms) {
      if (!((term.words >>> rarest) & 1)) continue;
      for (const chunk of term.chunks) {
        decodePostings(chunk.bytes, chunk.count, pairDocs, pairCodes, 0, plan.docLimit);
        for (let i = 0; i < chunk.count; i++) {
          const doc = pairDocs[i]!;
          if (eligible[doc] !== 1 || candidateMark[doc] === 1) continue;
          candidateMark[doc] = 1;
          found.push(doc);
        }
      }
    }
  } catch (error) {
    for (const doc of found) candidateMark[doc] = 0;
    throw error;
  }
  return Int32Array.from(found).sort();
}

/** Live documents of the allowed sessions, marked in `allowedDocs` (cleared up to the library's size first). */
function allowedOnly(allowed: ReadonlySet<string>, table: DocTable, rangeOf: RangeOf): Uint8Array {
  allowedDocs.fill(0, 0, table.limit);
  for (const sessionId of allowed) {
    const range = rangeOf(sessionId);
    if (!range) continue;
    for (let doc = range.base; doc < range.base + range.documents; doc++) if (table.sessionOf(doc) === sessionId) allowedDocs[doc] = 1;
  }
  return allowedDocs;
}

/** bestDocs() over the touched documents that `matches` lets through, in the order scoreQuery() lists them. */
function select(plan: QueryPlan, count: number, matches: (doc: number) => boolean, table: DocTable, limit: number, rangeOf: RangeOf): RankedTop[] {
  const docs = new Int32Array(count);
  const final = new Float64Array(count);
  let length = 0;
  for (let i = 0; i < count; i++) {
    const doc = touched[i]!;
    if (!matches(doc)) continue;
    docs[length] = doc;
    final[length++] = scores[doc]! * distinct[doc]!;
  }
  if (length === 0) return [];
  let k = Math.min(length, limit * 4);
  for (;;) {
    const ranked = topK(final, length, k).map((at) => {
      const doc = docs[at]!;
      return { doc, sessionId: table.sessionOf(doc)!, kind: KINDS[table.kindOf(doc)]!, score: final[at]!, at: -1, terms: [] as number[] };
    });
    const ordered = preciseFirst(ranked, preciseSessions(ranked, matches, table, rangeOf));
    if (ordered.length >= limit || k >= length) {
      const out = ordered.slice(0, limit);
      termsHeld(plan, out);
      return out;
    }
    k = Math.min(length, k * 4);
  }
}

/** Sessions among the held session documents with a matching chapter or cue (preciseFirst's `precise`), read off the dense arrays. */
function preciseSessions(ranked: ReadonlyArray<{ sessionId: string; kind: string }>, matches: (doc: number) => boolean, table: DocTable, rangeOf: RangeOf): Set<string> {
  const out = new Set<string>();
  for (const { sessionId, kind } of ranked) {
    if (kind !== 'session' || out.has(sessionId)) continue;
    const range = rangeOf(sessionId);
    if (!range) continue;
    for (let doc = range.base; doc < range.base + range.documents; doc++) {
      if (distinct[doc] !== 0 && table.kindOf(doc) !== 0 && table.sessionOf(doc) === sessionId && matches(doc)) {
        out.add(sessionId);
        break;
      }
    }
  }
  return out;
}

/** Fills each hit's `terms` (indices of the query terms it holds, ascending), seeking each term to the hits in number order. */
function termsHeld(plan: QueryPlan, hits: RankedTop[]): void {
  const byDoc = [...hits].sort((a, b) => a.doc - b.doc);
  plan.terms.forEach((term, t) => {
    const cursor = new TermCursor(term.chunks, plan.docLimit);
    for (const hit of byDoc) {
      const doc = cursor.seek(hit.doc);
      if (doc === END) break;
      if (doc === hit.doc) hit.terms.push(t);
    }
  });
}
