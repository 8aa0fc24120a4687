import { describe, expect, test } from 'vitest';
import { rankSentences } from '../../workers/text/textrank.ts';

const sentences = [
  'The invoice export drops rows for customers with two accounts.',
  'Lunch was good today.',
  'Sam will fix the invoice export so no rows are dropped.',
  'Customers with two accounts see missing invoice rows.',
  'The weather might turn later.',
  'Finance needs the invoice export fixed before the quarterly close.',
];

describe('rankSentences()', () => {
  test('picks the sentences most linked to the others, in their original order', () => {
    const picked = rankSentences(sentences, 2);
    expect(picked).toHaveLength(2);
    expect(picked).toEqual([...picked].sort((a, b) => a - b));
    for (const i of picked) expect(sentences[i]).toMatch(/invoice/);
  });

  test('a sentence that shares no words with the others is never central', () => {
    const picked = rankSentences(sentences, 4);
    expect(picked).not.toContain(1);
    expect(picked).not.toContain(4);
  });

  test('returns every sentence when there are no more than asked for', () => {
    expect(rankSentences(sentences.slice(0, 2), 3)).toEqual([0, 1]);
    expect(rankSentences([], 3)).toEqual([]);
  });

  test('ranks a long transcript of 3,000 lines, the same way every time', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `Cue ${i} mentions topic${i % 50} and item${i % 7}.`);
    const picked = rankSentences(long, 5);
    expect(picked).toHaveLength(5);
    expect(rankSentences(long, 5)).toEqual(picked);
  });
});
