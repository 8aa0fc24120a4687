import { describe, expect, test } from 'vitest';
import type { SpeechSegment } from '../../src/shared/results.ts';
import { findSpeechSegments } from '../../workers/audio/speech.ts';
import { mulberry32 } from '../../workers/samples/random.ts';
import { VOICE_RATE, planSpeech, renderSpeech } from '../../workers/samples/voice.ts';

/** One analysis frame: how far an edge may move when the signal starts mid-frame. */
const FRAME = 0.02;

/** A plain tone at `level` (0..1 peak) over each of the spans, silence elsewhere. */
function tones(durationSec: number, spans: SpeechSegment[], level = 0.3): Float32Array {
  const out = new Float32Array(Math.round(durationSec * VOICE_RATE));
  for (const { start, end } of spans) {
    for (let i = Math.round(start * VOICE_RATE); i < Math.round(end * VOICE_RATE); i++) {
      out[i] = level * Math.sin((2 * Math.PI * 180 * i) / VOICE_RATE);
    }
  }
  return out;
}

function expectMatches(found: SpeechSegment[], expected: SpeechSegment[], tolerance: number): void {
  expect(found).toHaveLength(expected.length);
  for (const [i, burst] of expected.entries()) {
    expect(Math.abs((found[i]?.start ?? Infinity) - burst.start)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs((found[i]?.end ?? Infinity) - burst.end)).toBeLessThanOrEqual(tolerance);
  }
}

describe('findSpeechSegments', () => {
  test('finds synthetic speech bursts over a -60 dBFS floor within 0.25 s', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = mulberry32(seed);
      const plan = planSpeech(random);
      const found = findSpeechSegments(renderSpeech(plan, random), VOICE_RATE);
      expectMatches(found, plan.bursts, 0.25);
    }
  });

  test('pure digital silence has no speech', () => {
    expect(findSpeechSegments(new Float32Array(VOICE_RATE * 5), VOICE_RATE)).toEqual([]);
  });

  test('a steady noise floor alone has no speech', () => {
    const random = mulberry32(9);
    const noise = renderSpeech({ durationSec: 10, bursts: [] }, random);
    expect(findSpeechSegments(noise, VOICE_RATE)).toEqual([]);
  });

  test('no samples, no speech', () => {
    expect(findSpeechSegments(new Float32Array(0), VOICE_RATE)).toEqual([]);
  });

  test('the hangover bridges a dip shorter than itself', () => {
    const spans = [
      { start: 1, end: 2 },
      { start: 2.15, end: 3 },
    ];
    const samples = tones(4, spans);
    const bridged = findSpeechSegments(samples, VOICE_RATE, { mergeGapSec: 0 });
    expectMatches(bridged, [{ start: 1, end: 3 }], FRAME);
    const split = findSpeechSegments(samples, VOICE_RATE, { mergeGapSec: 0, hangoverSec: 0 });
    expectMatches(split, spans, FRAME);
  });

  test('gaps shorter than mergeGapSec are merged, longer ones are kept', () => {
    const samples = tones(6, [
      { start: 1, end: 2 },
      { start: 2.25, end: 3 },
      { start: 4, end: 5 },
    ]);
    const found = findSpeechSegments(samples, VOICE_RATE, { hangoverSec: 0 });
    const expected = [
      { start: 1, end: 3 },
      { start: 4, end: 5 },
    ];
    expectMatches(found, expected, FRAME);
  });

  test('a click shorter than minSpeechSec is dropped', () => {
    expect(findSpeechSegments(tones(3, [{ start: 1, end: 1.04 }]), VOICE_RATE)).toEqual([]);
  });
});
