import { describe, expect, test } from 'vitest';
import type { SearchDocument } from '../../src/shared/results.ts';
import { topDocs } from '../../workers/search/maxScore.ts';
import { planQuery } from '../../workers/search/queryPlan.ts';
import { queryTerms } from '../../workers/search/ranking.ts';
import { postingsLibrary } from './fixtures/postingsLibrary.ts';

/** Every document alike ("budget memo"): equal scores, so no bound prunes and every document is a full candidate. */
const alike = (sessionId: string): SearchDocument[] =>
  Array.from({ length: 5 }, (_, d) => ({ id: `${sessionId}:${d}`, sessionId, kind: d === 0 ? 'session' : 'chapter', title: 'budget', text: 'memo', keywords: [], chapter: null, time: null }));

describe('topDocs()', () => {
  test('topDocs() - held terms are listed only for documents the heap takes, not for every candidate scored', () => {
    const library = postingsLibrary(4, 200, alike);
    const words = library.vocabulary.expand('budget');
    const terms = queryTerms(words).map((term) => library.termOf(term.term, term.weight, term.words));
    const { top, scored, listed } = topDocs(planQuery(terms, library.table), words.length, 'OR', library.table, null, 20);
    expect(top).toHaveLength(20);
    // Ties go to the lower number: the first 20 live documents, each listed when taken; the rest turned away unlisted.
    expect(scored).toBeGreaterThan(500);
    expect(listed).toBe(20);
    expect(top.map((hit) => hit.terms)).toEqual(top.map(() => [0]));
  });
});
