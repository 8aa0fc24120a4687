import { describe, expect, test } from 'vitest';
import { rakeKeywords } from '../../workers/text/rake.ts';

const call = [
  'We went through the invoice export and the quarterly budget.',
  'The invoice export still drops rows for some customers.',
  "I'll fix the invoice export before Friday.",
  'Finance wants the quarterly budget by Monday.',
  'Jordan asked about the mobile app, which can wait.',
];

describe('rakeKeywords()', () => {
  test('phrases that recur rank first; stopwords and punctuation split phrases', () => {
    const keywords = rakeKeywords(call, 4);
    expect(keywords.slice(0, 2)).toEqual(['invoice export', 'quarterly budget']);
    expect(keywords).toHaveLength(4);
    for (const keyword of keywords) expect(keyword).not.toMatch(/\b(the|and|we|for|i'll)\b/);
  });

  test('leaves out a phrase that a better one already holds', () => {
    expect(rakeKeywords(['invoice export', 'invoice export', 'invoice'], 5)).toEqual(['invoice export']);
  });

  test('drops numbers and single letters; a long run gives phrases of at most three words', () => {
    const keywords = rakeKeywords(['2026 budget review', 'x', 'quarterly revenue forecast pipeline dashboard'], 10);
    expect(keywords).toContain('budget review');
    expect(keywords).not.toContain('2026');
    expect(keywords).not.toContain('x');
    expect(keywords).toContain('quarterly revenue forecast');
    expect(keywords.some((k) => k.split(' ').length > 3)).toBe(false);
  });

  test('a phrase said twice beats a longer one said once', () => {
    const keywords = rakeKeywords(['The invoice export drops rows.', 'Fix the invoice export.', 'Invoice export failed twice.'], 3);
    expect(keywords[0]).toBe('invoice export');
  });

  test('is deterministic and empty for empty or stopword-only input', () => {
    expect(rakeKeywords(call)).toEqual(rakeKeywords(call));
    expect(rakeKeywords([])).toEqual([]);
    expect(rakeKeywords(['and the of it was', ''])).toEqual([]);
  });
});
