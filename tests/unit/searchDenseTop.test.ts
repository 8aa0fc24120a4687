import { describe, expect, test } from 'vitest';
import type { SearchDocument } from '../../src/shared/results.ts';
import { mulberry32, pick } from '../../workers/samples/random.ts';
import { denseTopDocs } from '../../workers/search/denseTop.ts';
import type { DocTable } from '../../workers/search/docTable.ts';
import { planQuery } from '../../workers/search/queryPlan.ts';
import { NARROW_WORD_TERMS, rankPath, rankQuery } from '../../workers/search/rankQuery.ts';
import { bestDocs, queryTerms } from '../../workers/search/ranking.ts';
import { holds, scoreQuery, type QueryTerm } from '../../workers/search/scoring.ts';
import { DamagedPostingsError } from '../../workers/search/varint.ts';
import { postingsLibrary, WORDS, type PostingsLibrary } from './fixtures/postingsLibrary.ts';

/** What the exhaustive scoring ranks (all words, else any): documents, scores to the last bit, and the terms each holds. */
function expected(terms: readonly QueryTerm[], wordCount: number, table: DocTable, allowed: ReadonlySet<string> | null, limit: number) {
  let scored = scoreQuery(terms, wordCount, 'AND', table, allowed);
  if (scored.length === 0) scored = scoreQuery(terms, wordCount, 'OR', table, allowed);
  return bestDocs(scored, table, limit).map((hit) => ({ doc: hit.doc, score: hit.score, terms: terms.flatMap((_, t) => (holds(scored.termDocs[t]!, hit.doc) ? [t] : [])) }));
}

const shapeOf = (hits: ReadonlyArray<{ doc: number; score: number; terms: number[] }>) => hits.map(({ doc, score, terms }) => ({ doc, score, terms }));

function termsOf(library: PostingsLibrary, query: string) {
  const words = library.vocabulary.expand(query);
  return { words, terms: queryTerms(words).map((term) => library.termOf(term.term, term.weight, term.words)) };
}

describe('denseTopDocs()', () => {
  test.each([
    [4, 80],
    [5, 200],
  ])('the best documents equal bestDocs() over scoreQuery(), scores to the last bit, with the terms each holds (seed %i, %i sessions)', (seed, sessions) => {
    const library = postingsLibrary(seed, sessions);
    const random = mulberry32(seed * 31);
    const rangeOf = (id: string) => library.ranges.get(id);
    let compared = 0;
    let fellBack = 0;
    for (let q = 0; q < 60; q++) {
      const query = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const w = pick(random, WORDS);
        const r = random();
        return r < 0.5 ? w : r < 0.8 ? w.slice(0, 3 + Math.floor(random() * 3)) : w.slice(0, 2) + w.slice(3);
      }).join(' ');
      const { words, terms } = termsOf(library, query);
      if (words.length === 0) continue;
      const allowed = random() < 0.3 ? new Set([...library.ranges.keys()].filter(() => random() < 0.4)) : null;
      const limit = 1 + Math.floor(random() * 25);
      const want = expected(terms, words.length, library.table, allowed, limit);
      if (scoreQuery(terms, words.length, 'AND', library.table, allowed).length === 0) fellBack++;
      const got = denseTopDocs(planQuery(terms, library.table), words.length, library.table, allowed, limit, rangeOf);
      expect(shapeOf(got), `"${query}" limit ${limit}`).toEqual(want);
      compared += want.length;
    }
    expect(compared).toBeGreaterThan(100);
    // Some queries have no document with every word: the fallback to any word is covered.
    expect(fellBack).toBeGreaterThan(0);
  });

  test('denseTopDocs() - a damaged record read mid-query leaves nothing behind for the next query', () => {
    const library = postingsLibrary(6, 60);
    const rangeOf = (id: string) => library.ranges.get(id);
    const { words, terms } = termsOf(library, 'budget');
    expect(terms.length).toBeGreaterThan(1);
    const damaged = planQuery(terms, library.table);
    const last = damaged.terms.at(-1)!;
    last.chunks = last.chunks.map((chunk) => ({ ...chunk, bytes: chunk.bytes.subarray(0, chunk.bytes.length - 1) }));
    expect(() => denseTopDocs(damaged, words.length, library.table, null, 20, rangeOf)).toThrow(DamagedPostingsError);
    const got = denseTopDocs(planQuery(terms, library.table), words.length, library.table, null, 20, rangeOf);
    expect(shapeOf(got)).toEqual(expected(terms, words.length, library.table, null, 20));
  });
});

describe('rankQuery()', () => {
  test('rankPath() - one narrow word without a filter is walked; several words, a wide word or a filter are scored densely', () => {
    expect(rankPath(1, 1, false)).toBe('walk');
    expect(rankPath(NARROW_WORD_TERMS, 1, false)).toBe('walk');
    expect(rankPath(NARROW_WORD_TERMS + 1, 1, false)).toBe('dense');
    expect(rankPath(2, 2, false)).toBe('dense');
    expect(rankPath(1, 1, true)).toBe('dense');
  });

  /** Sessions that all say "budget"; only the last three (pending, not yet in a stored segment) also say "zanzibar". */
  const rareLate = (sessionId: string, random: () => number): SearchDocument[] => {
    const s = Number(sessionId.slice(1));
    return Array.from({ length: 6 }, (_, d) => ({
      id: `${sessionId}:${d}`,
      sessionId,
      kind: d === 0 ? 'session' : 'chapter',
      title: `budget ${pick(random, WORDS)}`,
      text: `budget ${pick(random, WORDS)} ${s >= 37 && d === 2 ? 'zanzibar' : 'memo'}`,
      keywords: [],
      chapter: null,
      time: null,
    }));
  };

  test('rankQuery() - two words, the rare one only in a later segment than the common one: every document with both, exactly ranked', () => {
    const library = postingsLibrary(8, 40, rareLate);
    const { words, terms } = termsOf(library, 'budget zanzibar');
    const rare = terms.find((term) => term.term === 'zanzibar')!;
    const common = terms.find((term) => term.term === 'budget')!;
    // The rare word is only in the pending pairs; the common one's first stored record ends before them.
    expect(rare.stored).toHaveLength(0);
    expect(rare.pending!.length).toBeGreaterThan(0);
    expect(common.stored.length).toBeGreaterThan(0);
    const rangeOf = (id: string) => library.ranges.get(id);
    const { top } = rankQuery(terms, words.length, library.table, null, 20, rangeOf);
    const want = expected(terms, words.length, library.table, null, 20);
    expect(shapeOf(top)).toEqual(want);
    // s37–s39 hold both words (s36, every 11th from s3, is removed).
    expect(new Set(top.map((hit) => library.table.sessionOf(hit.doc)))).toEqual(new Set(['s37', 's38', 's39']));
  });

  test('rankQuery() - a prefix widened to thousands of terms ranks as the exhaustive scoring does', () => {
    const SUFFIXES = 3_000;
    const many = (sessionId: string, random: () => number): SearchDocument[] =>
      Array.from({ length: 5 }, (_, d) => ({
        id: `${sessionId}:${d}`,
        sessionId,
        kind: d === 0 ? 'session' : d % 2 ? 'chapter' : 'cue',
        title: `plan${Math.floor(random() * SUFFIXES)}x`,
        text: Array.from({ length: 12 }, () => (random() < 0.5 ? `plan${Math.floor(random() ** 2 * SUFFIXES)}x` : pick(random, WORDS))).join(' '),
        keywords: [],
        chapter: null,
        time: null,
      }));
    const library = postingsLibrary(9, 600, many);
    const { words, terms } = termsOf(library, 'plan');
    expect(terms.length).toBeGreaterThan(2_500);
    const rangeOf = (id: string) => library.ranges.get(id);
    for (const allowed of [null, new Set(['s1', 's2', 's40', 's41', 's500'])]) {
      const { top } = rankQuery(terms, words.length, library.table, allowed, 20, rangeOf);
      expect(top.length).toBeGreaterThan(allowed ? 5 : 19);
      expect(shapeOf(top)).toEqual(expected(terms, words.length, library.table, allowed, 20));
    }
  });
});
