import { describe, expect, test } from 'vitest';
import { makeSnippet } from '../../workers/search/snippet.ts';

const highlighted = ({ snippet, matches }: { snippet: string; matches: Array<[number, number]> }) =>
  matches.map(([start, end]) => snippet.slice(start, end));

describe('makeSnippet()', () => {
  test('a short text is kept whole, with every match marked', () => {
    const result = makeSnippet('Send the invoice.\nThe invoice is late.', ['invoice']);
    expect(result.snippet).toBe('Send the invoice. The invoice is late.');
    expect(highlighted(result)).toEqual(['invoice', 'invoice']);
  });

  test('a long text is cut around the densest matches, at word boundaries, with ellipses', () => {
    const filler = 'Lorem ipsum dolor sit amet consectetur adipiscing elit. '.repeat(6);
    const text = `${filler}The quarterly budget and the budget review are due. ${filler}`;
    const result = makeSnippet(text, ['budget', 'review'], 100);
    expect(result.snippet.startsWith('…')).toBe(true);
    expect(result.snippet.endsWith('…')).toBe(true);
    expect(result.snippet.length).toBeLessThanOrEqual(102);
    expect(highlighted(result)).toEqual(['budget', 'budget', 'review']);
    const body = result.snippet.slice(1, -1);
    const at = text.indexOf(body);
    expect(at).toBeGreaterThan(0);
    expect([text[at - 1], text[at + body.length]]).toEqual([' ', ' ']);
  });

  test('matches whole words only, case-insensitively', () => {
    const result = makeSnippet('Invoices and INVOICE and reinvoice', ['invoice']);
    expect(highlighted(result)).toEqual(['INVOICE']);
  });

  test('with no match in the text it shows its beginning', () => {
    const result = makeSnippet('Title matched, not the text. '.repeat(10), ['zebra'], 40);
    expect(result.snippet.startsWith('Title matched')).toBe(true);
    expect(result.matches).toEqual([]);
    expect(makeSnippet('', ['x'])).toEqual({ snippet: '', matches: [] });
  });
});
