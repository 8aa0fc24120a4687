import { describe, expect, test } from 'vitest';
import { keywords } from '../../workers/text/keywords.ts';
import { rakeKeywords } from '../../workers/text/rake.ts';
import { summarize } from '../../workers/text/summarize.ts';

/**
 * Notes often hold a pasted blob: a base64 image or key, a hash, a line of minified code. Its
 * "word" of thousands of characters became the session's first keyword: shown as a chip in the
 * session list (one line wider than the page, which then scrolled sideways), drawn in the
 * storyboard and stored in the summary and the index. A run of letters that long is no word.
 */
describe('keywords leave out "words" of more than 40 characters', () => {
  const blob = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ'.repeat(2_000);
  const notes = `Invoice export review.\n\n${blob}\n\nThe invoice export drops rows. Fix the invoice export retry.\n`;

  test('RAKE keywords of notes with a pasted base64 blob', () => {
    const found = rakeKeywords([notes], 8);
    expect(found).toContain('invoice export');
    for (const keyword of found) expect(keyword.length).toBeLessThanOrEqual(40);
  });

  test('tf·idf keywords of chapters, one of which holds a 30,000-letter run', () => {
    const found = keywords([`billing ${'z'.repeat(30_000)} billing`, 'dashboard dashboard'], 5);
    expect(found[0]).toEqual(['billing']);
  });

  test('the summary of those notes', () => {
    const summary = summarize({ notes, cues: [], screens: [], chapters: [] });
    expect(summary.keywords.length).toBeGreaterThan(0);
    for (const keyword of summary.keywords) expect(keyword.length).toBeLessThanOrEqual(40);
  });

  test('long real words still count', () => {
    expect(rakeKeywords(['Donaudampfschifffahrtsgesellschaft meeting. Donaudampfschifffahrtsgesellschaft meeting.'], 1)).toEqual([
      'donaudampfschifffahrtsgesellschaft meeting',
    ]);
  });
});
