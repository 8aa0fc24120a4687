/** Quieter than this is digital silence, not a level worth reporting. */
const FLOOR_DB = -120;

const toDb = (meanSquare: number): number | null => {
  const db = 10 * Math.log10(meanSquare);
  return db > FLOOR_DB ? Math.round(db * 10) / 10 : null;
};

/**
 * The RMS level of several recordings played one after another, in dBFS, from each one's own
 * level: their powers averaged by duration. Null when there is nothing to average.
 */
export function combinedLoudness(parts: ReadonlyArray<{ durationSec: number; loudnessDb: number }>): number | null {
  const seconds = parts.reduce((sum, part) => sum + part.durationSec, 0);
  if (!(seconds > 0)) return null;
  const power = parts.reduce((sum, part) => sum + part.durationSec * 10 ** (part.loudnessDb / 10), 0);
  return toDb(power / seconds);
}

/**
 * Measures the RMS level of recordings from their samples, in dBFS (a full-scale sine is -3):
 * for results stored before the audio stage measured loudness itself.
 */
export class LoudnessMeter {
  private sumSquares = 0;
  private count = 0;

  /** Adds one recording's mono samples, -1..1. */
  add(samples: Float32Array): void {
    for (const sample of samples) this.sumSquares += sample * sample;
    this.count += samples.length;
  }

  /** The level so far, to a tenth of a dB; null when nothing (or only silence) was measured. */
  get db(): number | null {
    return this.count === 0 ? null : toDb(this.sumSquares / this.count);
  }
}
