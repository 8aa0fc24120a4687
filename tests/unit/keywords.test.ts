import { describe, expect, test } from 'vitest';
import { STOPWORDS, contentWords, keywords } from '../../workers/text/keywords.ts';

describe('contentWords', () => {
  test('lowercases and drops stopwords, numbers, short tokens and punctuation', () => {
    expect(contentWords('Send the Invoice export fix to QA by 12:30, then review it!')).toEqual([
      'send',
      'invoice',
      'export',
      'fix',
      'review',
    ]);
  });

  test('keeps inner apostrophes and hyphens, and words with digits', () => {
    expect(contentWords("Sam's follow-up on the v4.2 release — the Q3 roadmap")).toEqual([
      "sam's",
      'follow-up',
      'release',
      'roadmap',
    ]);
    expect(contentWords('ipv6 rollout e000 2026')).toEqual(['ipv6', 'rollout']);
  });

  test('reads letters beyond ASCII', () => {
    expect(contentWords('Überprüfung der Straße')).toEqual(['überprüfung', 'der', 'straße']);
  });

  test('the stopword list is small and lowercase', () => {
    expect(STOPWORDS.size).toBeLessThan(200);
    for (const word of STOPWORDS) expect(word).toBe(word.toLowerCase());
  });
});

describe('keywords', () => {
  test('ranks a document\'s frequent words first', () => {
    const [top] = keywords(['Budget review. The budget for the billing review is late; budget again.'], 3);
    expect(top).toEqual(['budget', 'review', 'billing']);
  });

  test('words every document shares sink below the distinctive ones', () => {
    const documents = [
      'Dashboard report. Invoice export failed; invoice totals wrong. Dashboard report.',
      'Dashboard report. Release checklist: deploy staging. Dashboard report.',
    ];
    const [first, second] = keywords(documents, 2);
    expect(first).toEqual(['invoice', 'export']);
    expect(second).toEqual(['release', 'checklist']);
  });

  test('ties go to the word that comes first', () => {
    expect(keywords(['zebra apple mango'], 3)).toEqual([['zebra', 'apple', 'mango']]);
  });

  test('a document without content words has no keywords; count caps the list', () => {
    expect(keywords(['', 'the and of', 'alpha beta gamma delta'], 2)).toEqual([[], [], ['alpha', 'beta']]);
    expect(keywords([])).toEqual([]);
  });
});
