import { KINDS, type DocTable } from './docTable.ts';
import { preciseFirst } from './order.ts';
import type { QueryPlan } from './queryPlan.ts';
import type { RankedTop } from './ranking.ts';
import { B, D, FIELD_BOOSTS, K } from './scoring.ts';
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
let allowedDocs = new Uint8Array(0);
let pairDocs = new Int32Array(1 << 12);
let pairCodes = new Uint32Array(1 << 12);

function reserve(limit: number, pairs: number): void {
  if (scores.length < limit) {
    const size = Math.max(limit, scores.length * 2);
    scores = new Float64Array(size);
    masks = new Uint32Array(size);
    distinct = new Uint16Array(size);
    touched = new Int32Array(size);
    allowedDocs = new Uint8Array(size);
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
 * (AND), or any of them when no document holds all: both read from one pass. Cheaper than the
 * document-at-a-time walk (maxScore.ts) when many short lists would each be probed per candidate:
 * a word widened to many terms, or several words.
 */
export function denseTopDocs(
  plan: QueryPlan,
  wordCount: number,
  table: DocTable,
  allowed: ReadonlySet<string> | null,
  limit: number,
  rangeOf: (sessionId: string) => { base: number; documents: number } | undefined,
): RankedTop[] {
  const docLimit = plan.docLimit;
  let mostPairs = 0;
  for (const term of plan.terms) for (const chunk of term.chunks) mostPairs = Math.max(mostPairs, chunk.count);
  reserve(docLimit, mostPairs);
  const eligible = allowed ? allowedOnly(allowed, table, rangeOf) : table.alive;
  const average = plan.average;
  let count = 0;
  plan.terms.forEach((term) => {
    const { idf, weight, times, words } = term;
    for (const chunk of term.chunks) {
      decodePostings(chunk.bytes, chunk.count, pairDocs, pairCodes, 0, docLimit);
      let last = -1;
      for (let i = 0; i < chunk.count; i++) {
        const doc = pairDocs[i]!;
        if (eligible[doc] !== 1) continue;
        const code = pairCodes[i]!;
        const field = code & 3;
        const tf = code >>> 2;
        // scoreQuery()'s expression, operation for operation: the same float.
        const raw = idf[field]! * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * table.lengthOf(doc, field)) / average[field]!)));
        if (distinct[doc] === 0) touched[count++] = doc;
        scores[doc]! += raw * weight * FIELD_BOOSTS[field]! * times;
        masks[doc]! |= words;
        if (doc !== last) {
          distinct[doc]!++;
          last = doc;
        }
      }
    }
  });
  try {
    const full = (wordCount >= 32 ? 0xffffffff : (1 << wordCount) - 1) >>> 0;
    const top = select(plan, count, (doc) => masks[doc]! >>> 0 === full, table, limit, rangeOf);
    return top.length > 0 ? top : select(plan, count, () => true, table, limit, rangeOf);
  } finally {
    for (let i = 0; i < count; i++) {
      const doc = touched[i]!;
      scores[doc] = 0;
      masks[doc] = 0;
      distinct[doc] = 0;
    }
  }
}

/** Live documents of the allowed sessions, marked in `allowedDocs` (cleared up to the library's size first). */
function allowedOnly(allowed: ReadonlySet<string>, table: DocTable, rangeOf: (sessionId: string) => { base: number; documents: number } | undefined): Uint8Array {
  allowedDocs.fill(0, 0, table.limit);
  for (const sessionId of allowed) {
    const range = rangeOf(sessionId);
    if (!range) continue;
    for (let doc = range.base; doc < range.base + range.documents; doc++) if (table.sessionOf(doc) === sessionId) allowedDocs[doc] = 1;
  }
  return allowedDocs;
}

/** bestDocs() over the touched documents that `matches` lets through, in the order scoreQuery() lists them. */
function select(
  plan: QueryPlan,
  count: number,
  matches: (doc: number) => boolean,
  table: DocTable,
  limit: number,
  rangeOf: (sessionId: string) => { base: number; documents: number } | undefined,
): RankedTop[] {
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
function preciseSessions(
  ranked: ReadonlyArray<{ sessionId: string; kind: string }>,
  matches: (doc: number) => boolean,
  table: DocTable,
  rangeOf: (sessionId: string) => { base: number; documents: number } | undefined,
): Set<string> {
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
