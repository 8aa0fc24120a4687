import type { SpeechSegment } from '../../src/shared/results.ts';

/** A stretch of a recording sent in one request, in seconds from the recording's start. */
export interface SpeechChunk {
  start: number;
  end: number;
}

export interface SpeechChunkOptions {
  /** Longest chunk, in seconds: speech-to-text servers work on 30 s windows. @default 30 */
  readonly maxSec?: number;
  /** Kept around each stretch of speech, so no word is cut at its edge. @default 0.25 */
  readonly padSec?: number;
  /** How far a chunk reaches back into the one before when one stretch of speech is split. @default 1 */
  readonly overlapSec?: number;
  /** The longest silence sent inside a chunk: a longer pause starts a new one. @default 2 */
  readonly bridgeSec?: number;
}

/**
 * The speech of a recording in chunks of at most `maxSec`: padded speech segments merged across
 * pauses of at most `bridgeSec` while they fit, longer silences left out; a stretch longer than a chunk is cut into windows that
 * overlap by `overlapSec`, so a word on a cut is heard whole in one of them. Pure.
 */
export function speechChunks(segments: readonly SpeechSegment[], durationSec: number, options: SpeechChunkOptions = {}): SpeechChunk[] {
  const { maxSec = 30, padSec = 0.25, overlapSec = 1, bridgeSec = 2 } = options;
  const padded = segments
    .map((s) => ({ start: Math.max(0, s.start - padSec), end: Math.min(durationSec, s.end + padSec) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  // Long stretches first become windows of at most maxSec.
  const pieces: SpeechChunk[] = [];
  for (const s of padded) {
    let start = s.start;
    while (s.end - start > maxSec) {
      pieces.push({ start, end: start + maxSec });
      start += maxSec - overlapSec;
    }
    pieces.push({ start, end: s.end });
  }
  // Then neighbours join across short pauses while the chunk stays within maxSec.
  const chunks: SpeechChunk[] = [];
  for (const piece of pieces) {
    const last = chunks.at(-1);
    if (last && piece.start - last.end <= bridgeSec && piece.end - last.start <= maxSec) last.end = Math.max(last.end, piece.end);
    else chunks.push({ ...piece });
  }
  return chunks;
}
