/** Longest sentence, in characters: longer ones (speech without punctuation) are cut. */
export const MAX_SENTENCE_CHARS = 300;

/** How good a place it is to cut before a word: the higher, the better. */
export const CUT = {
  /** Inside a run of words. */
  word: 0,
  /** Before a conjunction: "… and", "… but", "… so". */
  conjunction: 1,
  /** After a comma, colon or dash. */
  clause: 2,
  /** Between two cues of a transcript (more for a longer gap, up to the pause that ends a sentence). */
  cue: 3,
} as const;

/** A word to be cut into pieces: its text, whether it joins the previous one without a space, and `cut`. */
export interface CapWord {
  text: string;
  /** How good a place it is to cut before this word (CUT; higher is better). */
  cut: number;
  /** Part of a longer word cut apart: joins the previous one without a space. */
  glue?: boolean;
}

const CONJUNCTIONS = new Set(['and', 'but', 'so', 'because', 'then', 'which', 'or', 'when', 'while', 'although', 'though', 'whereas']);

/** How good a place it is to cut between `previous` and `word`, from their text alone. */
export function textCut(previous: string | undefined, word: string): number {
  if (previous !== undefined && /[,:–—-]$/.test(previous)) return CUT.clause;
  if (CONJUNCTIONS.has(word.toLowerCase())) return CUT.conjunction;
  return CUT.word;
}

/** The text of some words, as they were written. */
export function joinWords(words: readonly CapWord[]): string {
  return words.map((word, i) => (i === 0 || word.glue ? word.text : ` ${word.text}`)).join('');
}

/** Words longer than `max` cut into glued parts, so that a cut can always be made. */
export function splitLongWords<T extends CapWord>(words: readonly T[], max: number, part: (word: T, from: number, to: number) => T): T[] {
  return words.flatMap((word) => {
    if (word.text.length <= max) return [word];
    const parts: T[] = [];
    for (let from = 0; from < word.text.length; from += max) parts.push(part(word, from, Math.min(word.text.length, from + max)));
    return parts;
  });
}

/**
 * A sentence cut into pieces of at most `max` characters, each cut at the best place in reach:
 * a cue boundary before a clause boundary before a conjunction before any space, and among equally
 * good places the one that makes the pieces most even. Words must be at most `max` long
 * (splitLongWords). Returns the sentence whole when it is short enough.
 */
export function capWords<T extends CapWord>(words: readonly T[], max = MAX_SENTENCE_CHARS): T[][] {
  const pieces: T[][] = [];
  // The rest is words[start..], `total` characters long. Kept as an index and a count, not sliced
  // and joined again at every cut: a line of a megabyte has thousands of cuts.
  let start = 0;
  let total = joinWords(words).length;
  while (total > max) {
    const target = total / Math.ceil(total / max);
    let best = -1;
    let bestCut = -1;
    let bestDistance = Infinity;
    let bestLength = 0;
    let length = words[start]?.text.length ?? 0;
    for (let k = start + 1; k < words.length; k++) {
      const word = words[k]!;
      // The left piece is words [start, k): its length before word k joins.
      if (length > max) break;
      const distance = Math.abs(length - target);
      if (word.cut > bestCut || (word.cut === bestCut && distance < bestDistance)) {
        [best, bestCut, bestDistance, bestLength] = [k, word.cut, distance, length];
      }
      length += (word.glue ? 0 : 1) + word.text.length;
    }
    if (best < 0) break;
    pieces.push(words.slice(start, best));
    // The space before the first word of the rest goes with the cut.
    total -= bestLength + (words[best]!.glue ? 0 : 1);
    start = best;
  }
  if (start < words.length) pieces.push(words.slice(start));
  return pieces;
}

/** A sentence of prose (notes) cut into pieces of at most `max` characters at its best places. */
export function capSentence(sentence: string, max = MAX_SENTENCE_CHARS): string[] {
  if (sentence.length <= max) return [sentence];
  const raw = sentence.split(/\s+/).filter((w) => w !== '');
  const words: CapWord[] = raw.map((text, i) => ({ text, cut: textCut(raw[i - 1], text) }));
  const parts = splitLongWords(words, max, (word, from, to) => ({ text: word.text.slice(from, to), cut: from === 0 ? word.cut : CUT.word, glue: from > 0 }));
  return capWords(parts, max).map(joinWords);
}
