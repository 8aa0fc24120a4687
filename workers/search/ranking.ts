import type { SearchDocument } from '../../src/shared/results.ts';
import { KINDS, type DocTable } from './docTable.ts';
import { preciseFirst } from './order.ts';
import type { Scored } from './scoring.ts';
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
