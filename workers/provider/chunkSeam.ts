import type { SpeechChunk } from './speechChunks.ts';

/** A word of a line, in seconds. */
export interface HeardLineWord {
  start: number;
  end: number;
  text: string;
}

/** A line of text over a stretch of time, in seconds; `words` when what heard it timed each word. */
export interface HeardLine {
  start: number;
  end: number;
  text: string;
  words?: HeardLineWord[];
}

/** A line ending this close after what was already heard only repeats it. */
const SEAM_SLACK_SEC = 0.1;

/**
 * A line's words moved by `shift` and cut to `from`..`to`: a word ending by `from` was heard by the
 * chunk before, so it goes, and with it its part of the text.
 */
function placeWords(line: HeardLine, shift: number, from: number, to: number): Pick<HeardLine, 'text' | 'words'> {
  if (!line.words) return { text: line.text };
  const words = line.words
    .map((w) => ({ start: Math.min(to, Math.max(from, shift + w.start)), end: Math.min(to, shift + w.end), text: w.text }))
    .filter((w) => w.end > from);
  const cut = words.length < line.words.length;
  return { text: cut ? words.map((w) => w.text).join(' ') : line.text, words };
}

/**
 * Places what one chunk heard (seconds from the chunk's start) on its recording's clock, after all
 * that the chunks before it heard (`heardUntil`, seconds from the recording's start). A chunk that
 * reaches back into the one before may hear its last words again: a line ending by then is
 * dropped, and one that straddles it starts there (without the words it already heard, when
 * words are timed), so the lines come out in order and never overlap. A line that starts after
 * the chunk's audio is dropped. Pure; returns the placed lines and how far they reach.
 */
export function placeChunkLines(chunk: SpeechChunk, heard: readonly HeardLine[], heardUntil: number): { lines: HeardLine[]; heardUntil: number } {
  const lines: HeardLine[] = [];
  let until = heardUntil;
  for (const line of heard) {
    const start = chunk.start + line.start;
    // Said after the chunk's audio ends, in the silence it was padded with: invented, not heard.
    if (start >= chunk.end) continue;
    const end = Math.min(chunk.end, chunk.start + line.end);
    if (end <= until + SEAM_SLACK_SEC) continue;
    const from = Math.max(start, until);
    const placed = placeWords(line, chunk.start, from, end);
    if (placed.text === '') continue;
    lines.push({ start: from, end, ...placed });
    until = end;
  }
  return { lines, heardUntil: until };
}
