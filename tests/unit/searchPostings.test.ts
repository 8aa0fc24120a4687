import MiniSearch from 'minisearch';
import { describe, expect, test } from 'vitest';
import type { SearchDocument } from '../../src/shared/results.ts';
import { mulberry32, pick } from '../../workers/samples/random.ts';
import { analyze } from '../../workers/search/analyze.ts';
import { DocTable, kindCode } from '../../workers/search/docTable.ts';
import { INDEX_OPTIONS, QUERY_OPTIONS } from '../../workers/search/options.ts';
import { queryTerms } from '../../workers/search/ranking.ts';
import { scoreQuery, type QueryTerm } from '../../workers/search/scoring.ts';
import { topK } from '../../workers/search/topK.ts';
import { DamagedPostingsError, codeOf, decodePostings, encodePostings } from '../../workers/search/varint.ts';
import { Vocabulary } from '../../workers/search/vocabulary.ts';

const decode = (bytes: Uint8Array, count: number, docLimit = 1 << 30) => {
  const docs = new Int32Array(count);
  const codes = new Uint32Array(count);
  decodePostings(bytes, count, docs, codes, 0, docLimit);
  return { docs: [...docs], codes: [...codes] };
};

describe('packed postings', () => {
  test('encodePostings() / decodePostings() - round-trip documents, fields and frequencies, big numbers too', () => {
    const flat = [0, codeOf(1, 3), 0, codeOf(2, 1), 5, codeOf(0, 1), 200_000, codeOf(1, 70_000), 2 ** 30, codeOf(1, 1)];
    const { bytes, count } = encodePostings(flat);
    expect(count).toBe(5);
    // Small gaps and counts take a byte each.
    expect(bytes.subarray(0, 4)).toEqual(new Uint8Array([1, codeOf(1, 3), 0, codeOf(2, 1)]));
    expect(decode(bytes, count, 2 ** 31)).toEqual({ docs: [0, 0, 5, 200_000, 2 ** 30], codes: [codeOf(1, 3), codeOf(2, 1), codeOf(0, 1), codeOf(1, 70_000), codeOf(1, 1)] });
  });

  test('encodePostings() - leaves out the documents `keep` refuses (tombstones)', () => {
    const { bytes, count } = encodePostings([1, 5, 2, 5, 3, 5], (doc) => doc !== 2);
    expect(decode(bytes, count)).toEqual({ docs: [1, 3], codes: [5, 5] });
  });

  test('decodePostings() - a cut record, extra bytes or a document never numbered is damage', () => {
    const { bytes, count } = encodePostings([4, 5, 9, 6]);
    expect(() => decode(bytes.subarray(0, 3), count)).toThrow(DamagedPostingsError);
    expect(() => decode(new Uint8Array([...bytes, 1]), count)).toThrow(DamagedPostingsError);
    expect(() => decode(bytes, count, 9)).toThrow(DamagedPostingsError);
    expect(() => decode(new Uint8Array([0x80, 0x80]), 1)).toThrow(DamagedPostingsError);
  });
});

describe('DocTable', () => {
  test('.addRange() - a session at once reads as its documents added one by one; .remove() makes a tombstone', () => {
    const kinds = new Uint8Array([0, 1, 2]);
    const lengths = new Uint32Array([2, 10, 0, 1, 30, 3, 4, 5, 0]);
    const one = new DocTable();
    const whole = new DocTable();
    for (let i = 0; i < 3; i++) one.add(2000 + i, 's1', kinds[i]!, lengths.subarray(i * 3, i * 3 + 3));
    whole.addRange(2000, 's1', kinds, lengths);
    for (const table of [one, whole]) {
      expect([table.live, table.limit, table.sessionOf(2001), table.kindOf(2002), table.lengthOf(2001, 1)]).toEqual([3, 2003, 's1', 2, 30]);
      expect([0, 1, 2].map((f) => table.averageLength(f))).toEqual([7 / 3, 15, 1]);
      table.remove(2001);
      expect([table.live, table.sessionOf(2001), table.averageLength(1)]).toEqual([2, undefined, 7.5]);
    }
  });
});

describe('topK()', () => {
  test('topK() - the best k, best first, equal scores in index order', () => {
    const scores = new Float64Array([1, 5, 3, 5, 0, 4]);
    expect(topK(scores, 6, 3)).toEqual([1, 3, 5]);
    expect(topK(scores, 6, 10)).toEqual([1, 3, 5, 2, 0, 4]);
    expect(topK(scores, 4, 2)).toEqual([1, 3]);
    expect(topK(scores, 6, 0)).toEqual([]);
  });
});

describe('scoreQuery()', () => {
  const WORDS = ['budget', 'budgets', 'budgeting', 'forecast', 'invoice', 'vendor', 'contract', 'ledger', 'carousel', 'review', 'the', 'of', 'design', 'migration'];
  const random = mulberry32(16);
  const sentence = (n: number) => Array.from({ length: n }, () => pick(random, WORDS)).join(' ');
  const DOCS: SearchDocument[] = Array.from({ length: 40 }, (_, i) => {
    const kind = i % 3 === 0 ? 'session' : i % 3 === 1 ? 'chapter' : 'cue';
    return { id: `s${i >> 2}:${kind}:${i}`, sessionId: `s${i >> 2}`, kind, title: sentence(2), text: sentence(5 + (i % 17)), keywords: i % 5 === 0 ? [pick(random, WORDS)] : [], chapter: null, time: null };
  });

  /** The same documents as the shards of before searched them: MiniSearch with terms widened once through the vocabulary. */
  function miniSearchScores(words: ReadonlyArray<ReadonlyMap<string, number>>, combineWith: 'AND' | 'OR'): Map<string, number> {
    const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
    index.addAll(DOCS);
    const weight = (term: string) => Math.max(...words.map((variants) => variants.get(term) ?? 0));
    const queries = words.map((variants) => ({ combineWith: 'OR' as const, queries: [...variants.keys()] }));
    const results = index.search({ combineWith, queries }, { boost: QUERY_OPTIONS.boost, prefix: false, fuzzy: false, boostTerm: weight });
    return new Map(results.map((result) => [result.id, result.score]));
  }

  function postingsScores(words: ReadonlyArray<ReadonlyMap<string, number>>, combineWith: 'AND' | 'OR'): Map<string, number> {
    const table = new DocTable();
    const pending = new Map<string, number[]>();
    DOCS.forEach((doc, n) => {
      const analyzed = analyze(doc);
      table.add(n, doc.sessionId, kindCode(doc.kind), analyzed.lengths);
      for (const [term, codes] of analyzed.terms) for (const code of codes) pending.set(term, [...(pending.get(term) ?? []), n, code]);
    });
    const terms: QueryTerm[] = queryTerms(words).map((term) => ({ ...term, stored: [], pending: pending.get(term.term) ?? [] }));
    const scored = scoreQuery(terms, words.length, combineWith, table, null);
    return new Map(Array.from({ length: scored.length }, (_, i) => [DOCS[scored.docs[i]!]!.id, scored.scores[i]!]));
  }

  const vocabulary = new Vocabulary();
  vocabulary.add(DOCS);

  test.each([
    ['an exact word', 'ledger', 'AND'],
    ['a prefix', 'budg', 'AND'],
    ['a typo', 'forcast', 'AND'],
    ['two words, all required', 'vendor contract', 'AND'],
    ['two words, any', 'carousel migration', 'OR'],
    ['a word twice', 'budget budget', 'AND'],
  ] as const)('scoreQuery() - %s scores every document as MiniSearch did', (_, query, combineWith) => {
    const words = vocabulary.expand(query);
    const expected = miniSearchScores(words, combineWith);
    const actual = postingsScores(words, combineWith);
    expect(expected.size).toBeGreaterThan(0);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, score] of expected) expect(actual.get(id), id).toBeCloseTo(score, 9);
  });
});

describe('Vocabulary', () => {
  test('new Vocabulary(stored) - counts its terms before its tree is built, and widens as one built at once', () => {
    const terms = ['budget', 'budgets', 'budgeting', 'forecast', 'forecasts', 'ledger'];
    const lazy = new Vocabulary(terms);
    expect(lazy.size).toBe(6);
    expect(lazy.list()).toEqual(terms);
    const built = new Vocabulary(terms);
    built.prepare();
    for (const query of ['budg', 'forcast', 'ledger budgets']) expect([...lazy.expand(query).map((words) => [...words])]).toEqual(built.expand(query).map((words) => [...words]));
    lazy.addTerms(['budgetary']);
    expect([lazy.size, lazy.changed]).toEqual([7, true]);
  });
});
