import { MAX_KEYWORD_WORD_CHARS } from './tokenize.ts';

/**
 * Words too common to tell one text from another: English function words, small number words
 * and greetings. Kept short on purpose: keywords are ranked by how distinctive they are anyway.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing done down during each eight etc few five for ' +
    'four from further get gets got had has have having he hello her here hers hi him his how i if in ' +
    'into is it its itself just let me more most my nine no nor not now of off on once one only or ' +
    'other our ours out over own per please same seven she should six so some such than thanks that the ' +
    'their theirs them then there these they this those three through to too two under until up us very ' +
    'via was we were what when where which while who whom why will with within without would yes yet you ' +
    'your yours'
  ).split(' '),
);

/** Shortest word kept: shorter tokens are mostly OCR noise or initials. */
const MIN_LENGTH = 3;

/**
 * The words of a text that carry meaning: lowercase, split on anything but letters, digits,
 * inner apostrophes and hyphens; stopwords and words under three characters left out, and so are
 * tokens with fewer than two letters (numbers, and OCR noise such as "e000") and runs too long to
 * be words (MAX_KEYWORD_WORD_CHARS).
 */
export function contentWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
  return words.filter((word) => word.length >= MIN_LENGTH && word.length <= MAX_KEYWORD_WORD_CHARS && /\p{L}.*\p{L}/u.test(word) && !STOPWORDS.has(word));
}

/**
 * The `count` keywords of each document, best first. A word scores by how often it occurs in its
 * document times how rare it is across the documents (tf·idf with idf = ln((N + 1) / df), never
 * zero), so words every document shares sink. Ties go to the word that comes first in the document.
 */
export function keywords(documents: readonly string[], count = 5): string[][] {
  const words = documents.map(contentWords);
  const documentFrequency = new Map<string, number>();
  for (const list of words) {
    for (const word of new Set(list)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  }
  return words.map((list) => {
    const frequency = new Map<string, number>();
    for (const word of list) frequency.set(word, (frequency.get(word) ?? 0) + 1);
    const score = (word: string) =>
      (frequency.get(word) ?? 0) * Math.log((documents.length + 1) / (documentFrequency.get(word) ?? 1));
    // Map keys keep first-occurrence order, and sort is stable: ties stay in text order.
    return [...frequency.keys()].sort((a, b) => score(b) - score(a)).slice(0, count);
  });
}
