import type { SpeechSegment } from '../../src/shared/results.ts';

/** Quietest level reported, so silence is a number and not -Infinity. */
const FLOOR_DB = -100;

/** Root-mean-square level of the whole recording in dBFS (0 = full scale). */
export function loudnessDb(samples: Float32Array): number {
  if (samples.length === 0) return FLOOR_DB;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  return rms > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(rms)) : FLOOR_DB;
}

/** The longest stretch without speech, in seconds, including before the first and after the last segment. */
export function longestSilenceSec(segments: readonly SpeechSegment[], durationSec: number): number {
  let longest = 0;
  let previousEnd = 0;
  for (const segment of segments) {
    longest = Math.max(longest, segment.start - previousEnd);
    previousEnd = segment.end;
  }
  return Math.max(longest, durationSec - previousEnd);
}

/** Peak level per bucket, 0..1 rounded to 3 decimals: enough to draw a waveform, small to store. */
export function waveformOverview(samples: Float32Array, buckets = 240): number[] {
  if (samples.length === 0) return [];
  const count = Math.min(buckets, samples.length);
  const out = new Array<number>(count);
  for (let b = 0; b < count; b++) {
    const from = Math.floor((b * samples.length) / count);
    const to = Math.floor(((b + 1) * samples.length) / count);
    let peak = 0;
    for (let i = from; i < to; i++) peak = Math.max(peak, Math.abs(samples[i]!));
    out[b] = Math.round(Math.min(1, peak) * 1000) / 1000;
  }
  return out;
}
