import type { SearchDocument } from '../../src/shared/results.ts';
import { KINDS, type DocTable } from './docTable.ts';
import { preciseFirst } from './order.ts';
import type { Scored } from './scoring.ts';
import { topDocs } from './maxScore.ts';
import type { QueryPlan } from './queryPlan.ts';
import { TermCursor } from './termCursor.ts';
import { topK } from './topK.ts';

/** Query words beyond this many are not read: a word is one bit of a 32-bit mask in scoring. */
export const MAX_QUERY_WORDS = 31;

/** A ranked document before its stored fields are read. */
export interface RankedDoc {
  doc: number;
  sessionId: string;
  kind: SearchDocument['kind'];
  score: number;
  /** Index of the document in `Scored`, to find the terms it matched. */
  at: number;
}

/**
 * Each term of the widened words once, weighted as MiniSearch's boostTerm weighed it (the best of
 * the words that widen to it), with the words it stands for as bits.
 */
export function queryTerms(words: ReadonlyArray<ReadonlyMap<string, number>>): Array<{ term: string; weight: number; words: number }> {
  const terms = new Map<string, { term: string; weight: number; words: number }>();
  words.slice(0, MAX_QUERY_WORDS).forEach((variants, i) => {
    for (const [term, weight] of variants) {
      const known = terms.get(term);
      if (known) {
        known.weight = Math.max(known.weight, weight);
        known.words |= 1 << i;
      } else terms.set(term, { term, weight, words: 1 << i });
    }
  });
  return [...terms.values()];
}

/**
 * The `limit` best documents in preciseFirst order. Only the best part of the list is sorted: when
 * preciseFirst holds back too many session documents, a longer part is taken, until `limit` come
 * out or the whole list was used. The same order as preciseFirst over the whole sorted list.
 */
export function bestDocs(scored: Scored, table: DocTable, limit: number): RankedDoc[] {
  const precise = new Set<string>();
  for (let i = 0; i < scored.length; i++) {
    const doc = scored.docs[i]!;
    if (table.kindOf(doc) !== 0) precise.add(table.sessionOf(doc)!);
  }
  let k = Math.min(scored.length, limit * 4);
  for (;;) {
    const ranked = topK(scored.scores, scored.length, k).map((at) => {
      const doc = scored.docs[at]!;
      return { doc, sessionId: table.sessionOf(doc)!, kind: KINDS[table.kindOf(doc)]!, score: scored.scores[at]!, at };
    });
    const ordered = preciseFirst(ranked, precise);
    if (ordered.length >= limit || k >= scored.length) return ordered.slice(0, limit);
    k = Math.min(scored.length, k * 4);
  }
}

/** A ranked document with the indices of the query terms it holds. */
export type RankedTop = RankedDoc & { terms: number[] };

/**
 * bestDocs() without scoring every match: the exact best `k` (maxScore.ts), starting at `limit`
 * and four times more each time preciseFirst holds back so many session documents that fewer than
 * `limit` come out. The same list as bestDocs() over scoreQuery(): preciseFirst only appends, so
 * its first `limit` out of the best `k` are its first `limit` out of all.
 */
export function bestTopDocs(
  plan: QueryPlan,
  wordCount: number,
  combineWith: 'AND' | 'OR',
  table: DocTable,
  allowed: ReadonlySet<string> | null,
  limit: number,
  rangeOf: (sessionId: string) => { base: number; documents: number } | undefined,
): RankedTop[] {
  // Twice the limit at first: preciseFirst seldom holds back that many, so one walk is usually enough.
  let k = limit * 2;
  for (;;) {
    const { top, complete } = topDocs(plan, wordCount, combineWith, table, allowed, k);
    const ranked = top.map(({ doc, score, terms }) => ({ doc, sessionId: table.sessionOf(doc)!, kind: KINDS[table.kindOf(doc)]!, score, at: -1, terms }));
    const held = new Set(ranked.filter((hit) => hit.kind === 'session').map((hit) => hit.sessionId));
    const ordered = preciseFirst(ranked, preciseSessions(plan, held, combineWith, wordCount, table, rangeOf));
    if (ordered.length >= limit || complete) return ordered.slice(0, limit);
    k *= 4;
  }
}

/** Which of `sessions` have a chapter or cue document that matches the query (preciseFirst's `precise`), read by seeking to each session's numbers. */
function preciseSessions(
  plan: QueryPlan,
  sessions: ReadonlySet<string>,
  combineWith: 'AND' | 'OR',
  wordCount: number,
  table: DocTable,
  rangeOf: (sessionId: string) => { base: number; documents: number } | undefined,
): Set<string> {
  const out = new Set<string>();
  if (sessions.size === 0) return out;
  const full = (wordCount >= 32 ? 0xffffffff : (1 << wordCount) - 1) >>> 0;
  const ranges = [...sessions].flatMap((sessionId) => {
    const range = rangeOf(sessionId);
    return range ? [{ sessionId, base: range.base, documents: range.documents }] : [];
  });
  ranges.sort((a, b) => a.base - b.base);
  const cursors = plan.terms.map((term) => new TermCursor(term.chunks, plan.docLimit));
  for (const { sessionId, base, documents } of ranges) {
    const masks = new Uint32Array(documents);
    cursors.forEach((cursor, t) => {
      for (let doc = cursor.seek(base); doc < base + documents; doc = cursor.next()) masks[doc - base]! |= plan.terms[t]!.words;
    });
    for (let i = 0; i < documents; i++) {
      const matches = combineWith === 'OR' ? masks[i] !== 0 : masks[i]! >>> 0 === full;
      if (matches && table.kindOf(base + i) !== 0 && table.sessionOf(base + i) === sessionId) {
        out.add(sessionId);
        break;
      }
    }
  }
  return out;
}
