import { describe, expect, test } from 'vitest';
import type { SearchDocument } from '../../src/shared/results.ts';
import { bestDocs, queryTerms } from '../../workers/search/ranking.ts';
import { scoreQuery } from '../../workers/search/scoring.ts';
import { postingsLibrary } from './fixtures/postingsLibrary.ts';

/** Words of a long screen of documentation, none of them "code". */
const PAGE = 'installation usage options returns example promise callback worker transaction database cursor index store record value key version upgrade blocked error event listener'.repeat(2);

/** Sessions of screens, a third of them about code; one shows a rarer word that begins the same: "codecs". */
function screens(sessionId: string): SearchDocument[] {
  const n = Number(sessionId.slice(1));
  const text =
    n === 5 ? 'Supported codecs: AVC, VP9, Opus. Decoders for the codecs.'
    : n % 3 === 0 ? `A long page of module ${n}: ${PAGE} Its source code is on the next screen.`
    : `Meeting notes ${n}: the budget review and the vendor list.`;
  return [{ id: `${sessionId}:chapter:0`, sessionId, kind: 'chapter', title: 'Screen', text, keywords: [], chapter: 0, time: null }];
}

describe('ranking of a word typed whole', () => {
  // Found on the evaluation corpus (docs/quality.md, search): "code" led to the page about codecs,
  // though seven sessions showed "code" itself.
  test('documents that hold the word itself come before those that hold only a longer word it begins', () => {
    const library = postingsLibrary(7, 20, screens);
    const words = library.vocabulary.expand('code');
    const terms = queryTerms(words).map((term) => library.termOf(term.term, term.weight, term.words));
    const hits = bestDocs(scoreQuery(terms, words.length, 'AND', library.table, null), library.table, 20);
    const codecs = hits.findIndex((hit) => library.table.sessionOf(hit.doc) === 's5');
    expect(codecs).toBeGreaterThan(-1);
    // Every session with "code" itself (not removed by the fixture) ranks above the one with "codecs".
    expect(codecs).toBe(hits.length - 1);
  });
});
