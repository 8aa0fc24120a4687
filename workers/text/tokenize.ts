/**
 * Longest keyword word, in characters: longer runs of letters are base64, hashes or minified code
 * pasted in the notes, not words ("Donaudampfschifffahrtsgesellschaft" is 34).
 */
export const MAX_KEYWORD_WORD_CHARS = 40;

/** A word: letters and digits, with inner apostrophes or hyphens ("don't", "check-in"). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** One word of a text, with where it sits (UTF-16 offsets, end exclusive). */
export interface Token {
  /** Lowercase, with straight apostrophes. */
  word: string;
  start: number;
  end: number;
}

/** The words of a text, with their offsets. */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    out.push({ word: match[0].toLowerCase().replace(/’/g, "'"), start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/** The lowercase words of a text. */
export function words(text: string): string[] {
  return tokens(text).map((token) => token.word);
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'vs', 'mr', 'mrs', 'ms', 'dr', 'approx', 'incl', 'fig']);

/** Whether a word ends a sentence: it ends in `.`, `!`, `?` or `;` (and maybe a closing quote or bracket), and is no abbreviation. */
export function endsSentence(word: string): boolean {
  const match = /([.!?;]+)["'”’)\]]*$/.exec(word);
  if (!match) return false;
  return !(match[1] === '.' && ABBREVIATIONS.has(word.slice(0, match.index).toLowerCase()));
}

/**
 * Splits prose into sentences at `.`, `!`, `?` or `;` followed by a space, and at line breaks.
 * Keeps abbreviations ("e.g. the invoice") and decimals ("1.5") whole.
 */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    let start = 0;
    for (const match of line.matchAll(/[.!?;]+(?=\s+|$)/g)) {
      const end = match.index + match[0].length;
      const before = line.slice(start, match.index).split(/\s/).at(-1)?.toLowerCase() ?? '';
      if (match[0] === '.' && ABBREVIATIONS.has(before)) continue;
      out.push(line.slice(start, end));
      start = end;
    }
    out.push(line.slice(start));
  }
  return out.map((s) => s.trim()).filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/**
 * A crude stem so that "invoices", "invoiced" and "invoicing" meet: enough to compare sentences,
 * not to show to anyone.
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  let base = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (base.endsWith('ies') && base.length > 4) return `${base.slice(0, -3)}y`;
  if (base.endsWith('sses') || /(?:ch|sh|x)es$/.test(base)) base = base.slice(0, -2);
  else if (base.endsWith('s') && !/(?:ss|us|is)$/.test(base)) base = base.slice(0, -1);
  if (base.endsWith('ing') && base.length > 5) base = base.slice(0, -3);
  else if (base.endsWith('ed') && base.length > 4) base = base.slice(0, -2);
  // "release", "released" and "releasing" all end as "releas".
  return base.length > 4 && base.endsWith('e') ? base.slice(0, -1) : base;
}
