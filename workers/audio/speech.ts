import type { SpeechSegment } from '../../src/shared/results.ts';

/** Tuning of {@link findSpeechSegments}. Every field is optional. */
export interface SpeechOptions {
  /**
   * Analysis frame length, in seconds.
   * @default 0.02
   */
  readonly frameSec?: number;
  /**
   * Which quantile (0..1) of the frame energies is taken as the noise floor. Low, because a
   * recording of a conversation is mostly speech, but rarely less than a tenth pauses.
   * @default 0.1
   */
  readonly noiseQuantile?: number;
  /**
   * How far above the noise floor, in dB, a frame must be to count as speech.
   * @default 12
   */
  readonly marginDb?: number;
  /**
   * The threshold never drops below this level, in dBFS, so digital silence (whose floor is
   * minus infinity) or a near-silent floor does not turn every faint sound into speech.
   * @default -50
   */
  readonly minThresholdDb?: number;
  /**
   * Speech stays on for this long after the energy drops, so dips between syllables do not
   * split a segment. The reported end is the last loud frame, not the end of the hangover.
   * @default 0.2
   */
  readonly hangoverSec?: number;
  /**
   * Segments separated by a gap shorter than this are merged.
   * @default 0.3
   */
  readonly mergeGapSec?: number;
  /**
   * Segments shorter than this (after merging) are dropped as clicks and knocks.
   * @default 0.1
   */
  readonly minSpeechSec?: number;
}

/** Below any real signal: the level given to frames of digital silence. */
const SILENCE_DB = -120;

/** RMS level of each frame, in dBFS (a full-scale square wave is 0 dB). */
function frameLevels(samples: Float32Array, frameLength: number): Float32Array {
  const count = Math.ceil(samples.length / frameLength);
  const levels = new Float32Array(count);
  for (let f = 0; f < count; f++) {
    const from = f * frameLength;
    const to = Math.min(samples.length, from + frameLength);
    let sum = 0;
    for (let i = from; i < to; i++) {
      const s = samples[i] ?? 0;
      sum += s * s;
    }
    const power = sum / (to - from);
    levels[f] = power > 0 ? Math.max(SILENCE_DB, 10 * Math.log10(power)) : SILENCE_DB;
  }
  return levels;
}

function quantile(values: Float32Array, q: number): number {
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] ?? SILENCE_DB;
}

/**
 * Finds the stretches of speech in a mono recording by frame energy against an adaptive
 * threshold: `max(noise floor + marginDb, minThresholdDb)`, where the noise floor is a low
 * quantile of the frame levels. Pure; times are in seconds from the start.
 */
export function findSpeechSegments(
  samples: Float32Array,
  sampleRate: number,
  options: SpeechOptions = {},
): SpeechSegment[] {
  const {
    frameSec = 0.02,
    noiseQuantile = 0.1,
    marginDb = 12,
    minThresholdDb = -50,
    hangoverSec = 0.2,
    mergeGapSec = 0.3,
    minSpeechSec = 0.1,
  } = options;
  if (samples.length === 0 || sampleRate <= 0) return [];
  const frameLength = Math.max(1, Math.round(frameSec * sampleRate));
  const levels = frameLevels(samples, frameLength);
  const threshold = Math.max(quantile(levels, noiseQuantile) + marginDb, minThresholdDb);
  const hangoverFrames = Math.round(hangoverSec / (frameLength / sampleRate));
  const toSec = (frame: number) => Math.min(samples.length, frame * frameLength) / sampleRate;

  // Runs of loud frames, where a run survives up to `hangoverFrames` quiet frames.
  const runs: Array<{ first: number; last: number }> = [];
  let current: { first: number; last: number } | null = null;
  for (let f = 0; f < levels.length; f++) {
    if ((levels[f] ?? SILENCE_DB) < threshold) continue;
    if (current && f - current.last - 1 <= hangoverFrames) {
      current.last = f;
    } else {
      current = { first: f, last: f };
      runs.push(current);
    }
  }

  const merged: SpeechSegment[] = [];
  for (const run of runs) {
    const start = toSec(run.first);
    const end = toSec(run.last + 1);
    const previous = merged.at(-1);
    if (previous && start - previous.end < mergeGapSec) previous.end = end;
    else merged.push({ start, end });
  }
  return merged.filter((segment) => segment.end - segment.start >= minSpeechSec);
}
