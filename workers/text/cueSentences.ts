import { capWords, CUT, joinWords, MAX_SENTENCE_CHARS, splitLongWords, textCut, type CapWord } from './sentenceCap.ts';
import { isBareNounPhrase, startsClause } from './clauseStarts.ts';
import { endsSentence } from './tokenize.ts';

export { MAX_SENTENCE_CHARS };

/**
 * A silence between cues at least this long ends a sentence: people pause between sentences
 * longer than between words.
 */
export const PAUSE_SEC = 0.8;

/**
 * In a transcript without punctuation (most auto-captions) the pauses are all there is to go by,
 * so a shorter one ends a sentence: captioners start a cue mid-sentence with no gap at all, and a
 * pause of a third of a second is already longer than any between words of one sentence.
 */
export const UNPUNCTUATED_PAUSE_SEC = 0.3;

/** Fewer sentence ends than one per this many words: the transcript is not punctuated. */
const WORDS_PER_SENTENCE_END = 40;

function isUnpunctuated(words: readonly CapWord[]): boolean {
  const ends = words.filter((word) => endsSentence(word.text)).length;
  return words.length >= WORDS_PER_SENTENCE_END / 2 && ends * WORDS_PER_SENTENCE_END < words.length;
}

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
function timedWords(cues: readonly TimedText[], pauseSec: number): TimedWord[] {
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
      if (i === 0 && previousCue) cut = Math.max(cut, CUT.cue + Math.min(pauseSec, Math.max(0, cue.start - previousCue.end)));
      out.push({ text: word, start: at(offset), end: next >= text.length ? cue.end : at(next), cut, cue: n, ...(cue.speaker ? { speaker: cue.speaker } : {}) });
      offset = next;
    }
  }
  return out;
}

/** Whether a sentence ends between `previous` and `word`: punctuation, a pause, another speaker. */
function breaksBefore(previous: TimedWord, word: TimedWord, pauseSec: number): boolean {
  if (endsSentence(previous.text)) return true;
  if (word.cue === previous.cue) return false;
  return word.start - previous.end >= pauseSec || (word.speaker ?? '') !== (previous.speaker ?? '');
}

/** A clause opening with a condition: its main clause ("if the vendor says no we need to …") stays with it. */
const CONDITIONAL = /^(?:if|unless|when|whether|once)$/i;

/** A sentence of unpunctuated speech cut before each clause it runs into (clauseStarts.ts). */
function splitAtClauses(sentence: TimedWord[], cased: boolean): TimedWord[][] {
  const texts = sentence.map((word) => word.text);
  const out: TimedWord[][] = [];
  let keepsMainClause = false;
  for (const [i, word] of sentence.entries()) {
    // "the cluster | upgrade will start …": a noun phrase alone is no sentence, its last word no name.
    const starts = i === 0 || (!word.glue && startsClause(texts, i, cased) && !isBareNounPhrase(out.at(-1)!.map((w) => w.text)));
    if (starts && keepsMainClause) {
      keepsMainClause = false;
      out.at(-1)!.push(word);
    } else if (starts) {
      out.push([word]);
      keepsMainClause = CONDITIONAL.test(word.text);
    } else {
      out.at(-1)!.push(word);
    }
  }
  return out;
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
  const untimed = cues.flatMap((cue) => cue.text.split(/\s+/).filter((text) => text !== '').map((text) => ({ text, cut: 0 })));
  const unpunctuated = isUnpunctuated(untimed);
  const pauseSec = unpunctuated ? UNPUNCTUATED_PAUSE_SEC : PAUSE_SEC;
  const words = splitLongWords(timedWords(cues, pauseSec), max, (word, from, to) => {
    const at = (offset: number) => word.start + ((word.end - word.start) * offset) / word.text.length;
    return { ...word, text: word.text.slice(from, to), start: at(from), end: at(to), cut: from === 0 ? word.cut : CUT.word, glue: from > 0 };
  });
  const sentences: TimedWord[][] = [];
  for (const [i, word] of words.entries()) {
    const previous = words[i - 1];
    if (!previous || (!word.glue && breaksBefore(previous, word, pauseSec))) sentences.push([word]);
    else sentences.at(-1)!.push(word);
  }
  if (unpunctuated) {
    // Pauses a captioner kept inside one cue are lost: the words say where a clause starts.
    const cased = words.some((word) => /\p{Lu}/u.test(word.text.slice(1)) || (/^\p{Lu}/u.test(word.text) && word.text !== 'I'));
    return sentences.flatMap((sentence) => splitAtClauses(sentence, cased)).flatMap((sentence) => capWords(sentence, max)).map(sentenceOf);
  }
  return sentences.flatMap((sentence) => capWords(sentence, max)).map(sentenceOf);
}
