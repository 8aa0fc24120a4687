import { capWords, CUT, joinWords, MAX_SENTENCE_CHARS, splitLongWords, textCut, type CapWord } from './sentenceCap.ts';
import { endsSentence } from './tokenize.ts';

export { MAX_SENTENCE_CHARS };

/**
 * A silence between cues at least this long ends a sentence: most auto-captions have no
 * punctuation, and people pause between sentences longer than between words.
 */
export const PAUSE_SEC = 0.8;

/** A timed piece of a transcript: seconds, on whatever clock the caller uses. */
export interface TimedText {
  text: string;
  start: number;
  end: number;
  speaker?: string;
}

/** A sentence of a transcript, with its time (on the cues' clock) and the index of its first cue. */
export interface SpokenSentence extends TimedText {
  cue: number;
}

interface TimedWord extends CapWord {
  start: number;
  end: number;
  speaker?: string;
  cue: number;
}

/** The words of the cues, each with a time in proportion to where it sits in its cue. */
function timedWords(cues: readonly TimedText[]): TimedWord[] {
  const out: TimedWord[] = [];
  for (const [n, cue] of cues.entries()) {
    const text = cue.text.replace(/\s+/g, ' ').trim();
    const at = (offset: number) => cue.start + ((cue.end - cue.start) * offset) / Math.max(1, text.length);
    const previousCue = cues[n - 1];
    let offset = 0;
    for (const [i, word] of text.split(' ').entries()) {
      if (word === '') continue;
      const next = offset + word.length + 1;
      let cut = textCut(out.at(-1)?.text, word);
      if (i === 0 && previousCue) cut = Math.max(cut, CUT.cue + Math.min(PAUSE_SEC, Math.max(0, cue.start - previousCue.end)));
      out.push({ text: word, start: at(offset), end: next >= text.length ? cue.end : at(next), cut, cue: n, ...(cue.speaker ? { speaker: cue.speaker } : {}) });
      offset = next;
    }
  }
  return out;
}

/** Whether a sentence ends between `previous` and `word`: punctuation, a pause, another speaker. */
function breaksBefore(previous: TimedWord, word: TimedWord): boolean {
  if (endsSentence(previous.text)) return true;
  if (word.cue === previous.cue) return false;
  return word.start - previous.end >= PAUSE_SEC || (word.speaker ?? '') !== (previous.speaker ?? '');
}

function sentenceOf(words: readonly TimedWord[]): SpokenSentence {
  const first = words[0]!;
  return { text: joinWords(words), start: first.start, end: words.at(-1)!.end, cue: first.cue, ...(first.speaker ? { speaker: first.speaker } : {}) };
}

/**
 * The sentences of a transcript, cue-aware: a sentence ends at `.`, `!`, `?` or `;`, and also
 * where one cue ends and the next starts after a pause (PAUSE_SEC) or with another speaker; a
 * sentence over MAX_SENTENCE_CHARS is cut at its best places (sentenceCap.ts). Each keeps its
 * start and end (on the clock of the cues' times), its speaker and its first cue.
 */
export function cueSentences(cues: readonly TimedText[], max = MAX_SENTENCE_CHARS): SpokenSentence[] {
  const words = splitLongWords(timedWords(cues), max, (word, from, to) => {
    const at = (offset: number) => word.start + ((word.end - word.start) * offset) / word.text.length;
    return { ...word, text: word.text.slice(from, to), start: at(from), end: at(to), cut: from === 0 ? word.cut : CUT.word, glue: from > 0 };
  });
  const sentences: TimedWord[][] = [];
  for (const [i, word] of words.entries()) {
    const previous = words[i - 1];
    if (!previous || (!word.glue && breaksBefore(previous, word))) sentences.push([word]);
    else sentences.at(-1)!.push(word);
  }
  return sentences.flatMap((sentence) => capWords(sentence, max)).map(sentenceOf);
}
