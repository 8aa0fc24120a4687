import type { SpeechSegment } from '../../src/shared/results.ts';

/** Turning the voice model's per-frame probabilities into segments. Every field is optional. */
export interface VadSegmentOptions {
  /**
   * A frame at or above this probability starts (or keeps) speech.
   * @default 0.5
   */
  readonly threshold?: number;
  /**
   * Speech ends only below this probability: the gap to `threshold` keeps a wavering frame
   * from cutting a sentence in two (Silero's own `get_speech_timestamps` uses threshold − 0.15).
   * @default 0.35
   */
  readonly negativeThreshold?: number;
  /**
   * Quiet shorter than this stays inside the segment; the same 0.3 s the energy detector merges
   * over, so both detectors cut sentences, not words.
   * @default 0.3
   */
  readonly minSilenceSec?: number;
  /**
   * Segments shorter than this are dropped as a cough or a click.
   * @default 0.25
   */
  readonly minSpeechSec?: number;
  /**
   * Added on both sides of a segment: the model answers for a whole frame, so a soft onset is
   * often inside the frame before the first confident one.
   * @default 0.03
   */
  readonly padSec?: number;
}

/**
 * Speech segments from probabilities of consecutive frames of `frameSec` each, in seconds from
 * the start and clamped to `durationSec`. Pure; follows the hysteresis of Silero's reference
 * `get_speech_timestamps`.
 */
export function vadSegments(
  probabilities: Float32Array,
  frameSec: number,
  durationSec: number,
  options: VadSegmentOptions = {},
): SpeechSegment[] {
  const { threshold = 0.5, negativeThreshold = 0.35, minSilenceSec = 0.3, minSpeechSec = 0.25, padSec = 0.03 } = options;
  const raw: SpeechSegment[] = [];
  let start = -1;
  // The first quiet frame of the current dip, or -1 while the speech goes on.
  let quietFrom = -1;
  for (let f = 0; f < probabilities.length; f++) {
    const p = probabilities[f]!;
    if (start < 0) {
      if (p >= threshold) start = f;
      continue;
    }
    if (p >= threshold) {
      quietFrom = -1;
    } else if (p < negativeThreshold) {
      if (quietFrom < 0) quietFrom = f;
      if ((f + 1 - quietFrom) * frameSec >= minSilenceSec) {
        raw.push({ start: start * frameSec, end: quietFrom * frameSec });
        start = -1;
        quietFrom = -1;
      }
    }
  }
  if (start >= 0) raw.push({ start: start * frameSec, end: (quietFrom >= 0 ? quietFrom : probabilities.length) * frameSec });
  return raw
    .filter((segment) => segment.end - segment.start >= minSpeechSec)
    .map((segment) => ({ start: Math.max(0, segment.start - padSec), end: Math.min(durationSec, segment.end + padSec) }));
}
