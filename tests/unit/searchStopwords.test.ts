import { describe, expect, test } from 'vitest';
import type { SearchDocument } from '../../src/shared/results.ts';
import { analyze } from '../../workers/search/analyze.ts';
import { Vocabulary } from '../../workers/search/vocabulary.ts';

const doc = (text: string): SearchDocument => ({ id: 's:chapter:0', sessionId: 's', kind: 'chapter', title: '', text, keywords: [], chapter: 0, time: null });

const expanded = (vocabulary: Vocabulary, query: string) => vocabulary.expand(query).map((variants) => [...variants.keys()].sort());

describe('the words search keeps', () => {
  test('words people look for are indexed, though the summary leaves them out; function words are not', () => {
    // Each of these was dropped by the summary's stopword list, so a search for it found nothing.
    const terms = analyze(doc('TODO: sort the list. FIXME make install; action items; kind: Deployment; hello world; one two; shut down')).terms;
    for (const word of ['todo', 'sort', 'fixme', 'make', 'install', 'action', 'kind', 'hello', 'world', 'one', 'two', 'down']) expect(terms.has(word), word).toBe(true);
    for (const word of ['the', 'and', 'of']) expect(terms.has(word), word).toBe(false);
  });

  test('a query of a function word alone is the start of a longer word being typed', () => {
    const vocabulary = new Vocabulary(['therefore', 'thermal', 'whatever', 'whatsoever', 'budget']);
    expect(expanded(vocabulary, 'there')).toEqual([['therefore']]);
    expect(expanded(vocabulary, 'What')).toEqual([['whatever', 'whatsoever']]);
    // No longer word: nothing to look for, as before.
    expect(expanded(vocabulary, 'with')).toEqual([]);
  });

  test('beside other words, a function word still says nothing', () => {
    const vocabulary = new Vocabulary(['therefore', 'budget']);
    expect(expanded(vocabulary, 'budget there')).toEqual([['budget']]);
  });
});
