// Renders a meeting's spoken lines as the transcript files people get: WebVTT with speaker tags
// and punctuation, SRT auto-captions without punctuation or speakers, and lowercase WebVTT
// captions with two-digit fractions of a second. Times come from a steady speaking rate.
import type { SpokenLine } from './meetings.ts';

export type TranscriptFormat = 'vtt-speakers' | 'srt-unpunctuated' | 'vtt-lowercase';

/** Seconds per spoken word (about 160 words a minute). */
const WORD_SEC = 0.38;
/** Pauses after a sentence, in turn: some under the 0.8 s a splitter may use, some over. */
const PAUSES = [0.3, 0.9, 0.5, 1.2, 0.4];

interface TimedWord {
  word: string;
  start: number;
  end: number;
  speaker: string;
  /** Index of its line. */
  line: number;
}

function timedWords(lines: readonly SpokenLine[]): TimedWord[] {
  const out: TimedWord[] = [];
  let t = 0.5;
  for (const [n, line] of lines.entries()) {
    for (const word of line.text.split(/\s+/)) {
      out.push({ word, start: t, end: t + WORD_SEC * 0.9, speaker: line.speaker, line: n });
      t += WORD_SEC;
    }
    t += PAUSES[n % PAUSES.length] ?? 0.5;
  }
  return out;
}

function stamp(seconds: number, mark: '.' | ',', digits: 2 | 3): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const fraction = digits === 3 ? pad(ms % 1000, 3) : pad(Math.floor((ms % 1000) / 10));
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${mark}${fraction}`;
}

/** Captioners start a new cue after a silence this long, as speech recognisers segment on silence. */
const CAPTION_SILENCE = 0.5;

/** Chunks of at most `size` words; with `perLine`, a chunk never spans two lines, else it breaks at silences. */
function chunks(words: readonly TimedWord[], size: number, perLine: boolean): TimedWord[][] {
  const out: TimedWord[][] = [];
  let current: TimedWord[] = [];
  for (const word of words) {
    const last = current.at(-1);
    const silence = last !== undefined && word.start - last.end >= CAPTION_SILENCE;
    if (current.length >= size || (perLine && current.length > 0 && current[0]?.line !== word.line) || (!perLine && silence)) {
      out.push(current);
      current = [];
    }
    current.push(word);
  }
  if (current.length > 0) out.push(current);
  return out;
}

const unpunctuated = (word: string) => word.replace(/[.,!?;:]/g, '');

/** The transcript file of `lines` in `format`: its name and text. */
export function renderTranscript(lines: readonly SpokenLine[], format: TranscriptFormat): { name: string; text: string } {
  const words = timedWords(lines);
  if (format === 'vtt-speakers') {
    const cues = chunks(words, 14, true).map((cue) => {
      const first = cue[0]!;
      return `${stamp(first.start, '.', 3)} --> ${stamp(cue.at(-1)!.end, '.', 3)}\n<v ${first.speaker}>${cue.map((w) => w.word).join(' ')}</v>`;
    });
    return { name: 'meeting.vtt', text: ['WEBVTT', ...cues].join('\n\n') + '\n' };
  }
  if (format === 'srt-unpunctuated') {
    const cues = chunks(words, 7, false).map(
      (cue, i) => `${i + 1}\n${stamp(cue[0]!.start, ',', 3)} --> ${stamp(cue.at(-1)!.end, ',', 3)}\n${cue.map((w) => unpunctuated(w.word)).join(' ')}`,
    );
    return { name: 'meeting.srt', text: cues.join('\n\n') + '\n' };
  }
  const cues = chunks(words, 7, false).map(
    (cue) => `${stamp(cue[0]!.start, '.', 2)} --> ${stamp(cue.at(-1)!.end, '.', 2)}\n${cue.map((w) => unpunctuated(w.word).toLowerCase()).join(' ')}`,
  );
  return { name: 'captions.vtt', text: ['WEBVTT', ...cues].join('\n\n') + '\n' };
}
