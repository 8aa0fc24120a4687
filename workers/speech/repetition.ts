/** Longest phrase, in words, looked for as a loop. */
const MAX_PHRASE = 8;
/** A phrase said this many times in a row is a decoding loop, not speech. */
const LOOP_TIMES = 3;

/** Words compare without case and punctuation. */
const key = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');

/**
 * `words` with every phrase of 1–8 words repeated three or more times in a row kept once: Whisper
 * falls into such loops ("thank you. thank you. thank you. …") on unclear audio. Twice stays: people
 * do say "no, no". `text` gives each item's word, so timed words keep their times. Pure.
 */
export function dropRepeatedWords<T>(words: readonly T[], text: (word: T) => string): T[] {
  const keys = words.map((w) => key(text(w)));
  const phraseAt = (at: number, n: number) => keys.slice(at, at + n).join(' ');
  const out: T[] = [];
  let i = 0;
  while (i < words.length) {
    let skipped = false;
    for (let n = 1; n <= MAX_PHRASE && i + n * LOOP_TIMES <= words.length; n++) {
      const phrase = phraseAt(i, n);
      let times = 1;
      while (i + (times + 1) * n <= words.length && phraseAt(i + times * n, n) === phrase) times++;
      if (times >= LOOP_TIMES) {
        out.push(...words.slice(i, i + n));
        i += times * n;
        skipped = true;
        break;
      }
    }
    if (!skipped) out.push(words[i++]!);
  }
  return out;
}

/** The text with phrases looped three or more times kept once (dropRepeatedWords on its words). Pure. */
export function dropRepeatedPhrases(text: string): string {
  return dropRepeatedWords(text.trim().split(/\s+/).filter(Boolean), (w) => w).join(' ');
}
