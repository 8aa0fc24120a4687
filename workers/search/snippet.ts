import { tokens } from '../text/tokenize.ts';

/** Snippet length in characters, about two lines of a result list. */
export const SNIPPET_CHARS = 160;
/** Context kept before the first match of a snippet. */
const LEAD_CHARS = 40;

/**
 * A window of `text` around the words that matched (`terms`, lowercase), with the ranges of those
 * words in it. Picks the window that holds the most matches (the earliest on ties), cuts at word
 * boundaries and marks cut ends with "…". Whitespace is collapsed first.
 */
export function makeSnippet(
  source: string,
  terms: readonly string[],
  width = SNIPPET_CHARS,
): { snippet: string; matches: Array<[number, number]> } {
  const text = source.replace(/\s+/g, ' ').trim();
  const all = tokens(text);
  const wanted = new Set(terms.map((term) => term.toLowerCase()));
  const hits = all.filter((token) => wanted.has(token.word));
  let from = 0;
  if (hits.length > 0 && text.length > width) {
    let best = -1;
    for (const hit of hits) {
      const start = Math.max(0, hit.start - LEAD_CHARS);
      const count = hits.filter((h) => h.start >= start && h.end <= start + width).length;
      if (count > best) {
        best = count;
        from = start;
      }
    }
  }
  // Start and end on word boundaries.
  const first = all.find((token) => token.start >= from);
  const start = from === 0 || !first ? 0 : first.start;
  let end = text.length;
  if (end - start > width) {
    const last = all.filter((token) => token.end <= start + width).at(-1);
    end = last && last.end > start ? last.end : start + width;
  }
  const prefix = start > 0 ? '…' : '';
  const snippet = `${prefix}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  const matches: Array<[number, number]> = hits
    .filter((hit) => hit.start >= start && hit.end <= end)
    .map((hit) => [hit.start - start + prefix.length, hit.end - start + prefix.length]);
  return { snippet, matches };
}
