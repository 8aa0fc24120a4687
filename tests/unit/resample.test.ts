import { describe, expect, test } from 'vitest';
import { resample } from '../../workers/audio/resample.ts';

function sine(rate: number, seconds: number, hz: number): Float32Array {
  return Float32Array.from({ length: rate * seconds }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate));
}

describe('resample', () => {
  test('the same array when the rates match', () => {
    const samples = sine(16_000, 1, 200);
    expect(resample(samples, 16_000, 16_000)).toBe(samples);
  });

  test.each([
    [48_000, 16_000],
    [44_100, 16_000],
    [8_000, 16_000],
    [22_050, 16_000],
  ])('%i Hz to %i Hz keeps the length in seconds and a 200 Hz tone', (from, to) => {
    const out = resample(sine(from, 2, 200), from, to);
    expect(Math.abs(out.length - 2 * to)).toBeLessThanOrEqual(1);
    const expected = sine(to, 2, 200);
    let error = 0;
    for (let i = 0; i < out.length; i++) error = Math.max(error, Math.abs(out[i]! - expected[i]!));
    // The box filter of a downsampling shifts the tone by under half an input sample.
    expect(error).toBeLessThan(0.08);
  });
});
