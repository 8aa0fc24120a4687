import { isStopword } from './stopwords.ts';
import { MAX_KEYWORD_WORD_CHARS, tokens } from './tokenize.ts';

/** Longest keyword, in words. */
const MAX_PHRASE_WORDS = 3;

/** Runs of content words between stopwords and punctuation, as RAKE splits text. */
function runs(text: string): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  let lastEnd = -1;
  const close = () => {
    if (run.length > 0) out.push(run);
    run = [];
  };
  for (const token of tokens(text)) {
    // Anything but spaces between two words (a comma, a colon, a dash) ends a run.
    if (lastEnd >= 0 && !/^\s*$/.test(text.slice(lastEnd, token.start))) close();
    lastEnd = token.end;
    const word = token.word;
    if (isStopword(word) || word.length < 2 || word.length > MAX_KEYWORD_WORD_CHARS || /^\d+$/.test(word)) close();
    else run.push(word);
  }
  close();
  return out;
}

/**
 * Keywords of a set of texts, RAKE-style (Rose et al., 2010). Text is cut into runs of content
 * words at stopwords and punctuation; a word scores its degree (the run lengths, capped at three,
 * summed over its occurrences: it favours words that occur often and in phrases). Unlike plain
 * RAKE, where verbs glue long one-off runs together, the candidates are the 1–3-word stretches
 * of the runs, each scored by how often it occurs times the sum of its words' degrees, so a
 * phrase said twice beats a longer one said once. Returns up to `limit` lowercase phrases, best
 * first, leaving out a phrase that holds or is held by a better one. Deterministic: ties go to
 * the phrase seen first.
 */
export function rakeKeywords(texts: readonly string[], limit = 8): string[] {
  const degree = new Map<string, number>();
  const phrases = new Map<string, { words: string[]; first: number; count: number }>();
  let seen = 0;
  for (const text of texts) {
    for (const run of runs(text)) {
      const length = Math.min(run.length, MAX_PHRASE_WORDS);
      for (const word of run) degree.set(word, (degree.get(word) ?? 0) + length);
      for (let size = 1; size <= length; size++) {
        for (let i = 0; i + size <= run.length; i++) {
          const words = run.slice(i, i + size);
          const key = words.join(' ');
          const known = phrases.get(key);
          if (known) known.count++;
          else phrases.set(key, { words, first: seen++, count: 1 });
        }
      }
    }
  }
  const ranked = [...phrases.entries()]
    .map(([phrase, { words, first, count }]) => ({
      phrase,
      first,
      score: count * words.reduce((sum, word) => sum + (degree.get(word) ?? 0), 0),
    }))
    .sort((a, b) => b.score - a.score || a.first - b.first);
  const picked: string[] = [];
  for (const { phrase } of ranked) {
    if (picked.length >= limit) break;
    const overlaps = (better: string) => ` ${better} `.includes(` ${phrase} `) || ` ${phrase} `.includes(` ${better} `);
    if (picked.some(overlaps)) continue;
    picked.push(phrase);
  }
  return picked;
}
