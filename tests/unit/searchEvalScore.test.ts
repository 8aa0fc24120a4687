import { describe, expect, test } from 'vitest';
import { isRight, judge, queriesFor, scoreByKind, searchableTerms, type SearchQuery, type SessionPlaces } from '../../eval/run/searchScore.ts';

const places = new Map<string, SessionPlaces>([
  ['a', { sessionId: 'a', chapters: [new Set(['invoice', 'export']), new Set(['codecs'])] }],
  ['b', { sessionId: 'b', chapters: [new Set(['code', 'review'])] }],
]);
const word = (target: string, sessionId = 'b'): SearchQuery => ({ kind: 'word', text: target, target, sessionId });

describe('search on the corpus: the scoring rules', () => {
  test('a word is right only where that very word was shown; a prefix where any word it begins was', () => {
    expect(isRight({ sessionId: 'a', chapter: 1 }, word('code'), places)).toBe(false);
    expect(isRight({ sessionId: 'b', chapter: 0 }, word('code'), places)).toBe(true);
    expect(isRight({ sessionId: 'a', chapter: 1 }, { kind: 'prefix', text: 'code', target: 'code', sessionId: 'b' }, places)).toBe(true);
    // A session's own document: right when the word was anywhere in the session.
    expect(isRight({ sessionId: 'a', chapter: null }, word('export'), places)).toBe(true);
    expect(isRight({ sessionId: 'c', chapter: null }, word('export'), places)).toBe(false);
  });

  test('judge() counts found, first right and found in its own session from the hits in order', () => {
    const outcome = judge(word('code'), [{ sessionId: 'a', chapter: 1 }, { sessionId: 'b', chapter: 0 }], places);
    expect(outcome).toMatchObject({ found: true, firstRight: false, sourceFound: true, hits: 2, answerable: true });
    expect(scoreByKind([outcome]).word).toEqual({ queries: 1, found: 1, firstRight: 0, sourceFound: 1 });
  });

  test('queries are drawn with the seed, and a typo that is a real word is not asked', () => {
    const terms = searchableTerms('The invoice export of the quarterly billing review, with codecs and the ledger');
    expect(terms).toEqual(['invoice', 'export', 'quarterly', 'billing', 'review', 'codecs', 'ledger']);
    expect(queriesFor('a', terms, new Set(terms), 3, 9)).toEqual(queriesFor('a', terms, new Set(terms), 3, 9));
    const typos = queriesFor('a', ['ledger'], new Set(['ledger', 'leger', 'ledgr', 'ldger', 'leder', 'ledge']), 5, 1).filter((q) => q.kind === 'typo');
    expect(typos).toEqual([]);
  });
});
