/** Longest phrase, in words, looked for as a loop. */
const MAX_PHRASE = 8;
/** A phrase said this many times in a row is a decoding loop, not speech. */
const LOOP_TIMES = 3;

/**
 * The text with every phrase of 1–8 words repeated three or more times in a row kept once: Whisper
 * falls into such loops ("thank you. thank you. thank you. …") on unclear audio. Twice stays: people
 * do say "no, no". Words compare without case and punctuation. Pure.
 */
export function dropRepeatedPhrases(text: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const key = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    let skipped = false;
    for (let n = 1; n <= MAX_PHRASE && i + n * LOOP_TIMES <= words.length; n++) {
      const phrase = words.slice(i, i + n).map(key).join(' ');
      let times = 1;
      while (i + (times + 1) * n <= words.length && words.slice(i + times * n, i + (times + 1) * n).map(key).join(' ') === phrase) times++;
      if (times >= LOOP_TIMES) {
        out.push(...words.slice(i, i + n));
        i += times * n;
        skipped = true;
        break;
      }
    }
    if (!skipped) out.push(words[i++]!);
  }
  return out.join(' ');
}
