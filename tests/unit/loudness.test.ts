import { describe, expect, test } from 'vitest';
import { combinedLoudness, LoudnessMeter } from '../../workers/export/loudness.ts';

const RATE = 8000;
const sine = (seconds: number, amplitude: number) => Float32Array.from({ length: seconds * RATE }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / RATE));

describe('LoudnessMeter', () => {
  test('a full-scale sine is about -3 dBFS; half amplitude is 6 dB quieter', () => {
    const full = new LoudnessMeter();
    full.add(sine(1, 1));
    expect(full.db).toBe(-3);
    const half = new LoudnessMeter();
    half.add(sine(1, 0.5));
    expect(half.db).toBe(-9);
  });

  test('recordings count together, silence included; nothing or only silence gives null', () => {
    const meter = new LoudnessMeter();
    expect(meter.db).toBeNull();
    meter.add(new Float32Array(RATE));
    expect(meter.db).toBeNull();
    meter.add(sine(1, 1));
    expect(meter.db).toBe(-6);
  });
});

describe('combinedLoudness()', () => {
  test('averages the recordings’ powers by duration, as if they were measured as one', () => {
    expect(combinedLoudness([{ durationSec: 6, loudnessDb: -12.3 }])).toBe(-12.3);
    // One second at -3 dBFS and one of near-silence: half the power, 3 dB down.
    expect(combinedLoudness([{ durationSec: 1, loudnessDb: -3 }, { durationSec: 1, loudnessDb: -200 }])).toBe(-6);
    expect(combinedLoudness([])).toBeNull();
  });
});
