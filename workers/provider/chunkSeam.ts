import type { SpeechChunk } from './speechChunks.ts';

/** A line of text over a stretch of time, in seconds. */
export interface HeardLine {
  start: number;
  end: number;
  text: string;
}

/** A line ending this close after what was already heard only repeats it. */
const SEAM_SLACK_SEC = 0.1;

/**
 * Places what one chunk heard (seconds from the chunk's start) on its recording's clock, after all
 * that the chunks before it heard (`heardUntil`, seconds from the recording's start). A chunk that
 * reaches back into the one before may hear its last words again: a line ending by then is
 * dropped, and one that straddles it starts there, so the lines come out in order and never
 * overlap. A line that starts after the chunk's audio is dropped. Pure; returns the placed lines and how far they reach.
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
    lines.push({ start: Math.max(start, until), end, text: line.text });
    until = end;
  }
  return { lines, heardUntil: until };
}
