import { describe, expect, test } from 'vitest';
import { vadSegments } from '../../workers/audio/vadSegments.ts';

/** 32 ms frames, as Silero v5 at 16 kHz. */
const FRAME = 0.032;

/** Probabilities: `high` inside the frame ranges [from, to), `low` elsewhere. */
function probabilities(frames: number, spans: Array<[number, number]>, high = 0.9, low = 0.05): Float32Array {
  const out = new Float32Array(frames).fill(low);
  for (const [from, to] of spans) out.fill(high, from, to);
  return out;
}

describe('vadSegments', () => {
  test('one segment per run of confident frames, padded by padSec', () => {
    const found = vadSegments(probabilities(200, [[20, 60], [100, 150]]), FRAME, 200 * FRAME);
    expect(found).toHaveLength(2);
    expect(found[0]!.start).toBeCloseTo(20 * FRAME - 0.03, 6);
    expect(found[0]!.end).toBeCloseTo(60 * FRAME + 0.03, 6);
    expect(found[1]!.start).toBeCloseTo(100 * FRAME - 0.03, 6);
    expect(found[1]!.end).toBeCloseTo(150 * FRAME + 0.03, 6);
  });

  test('a dip shorter than minSilenceSec stays inside the segment, a longer one splits it', () => {
    // 5 frames = 0.16 s of quiet: bridged. 12 frames = 0.384 s: split.
    expect(vadSegments(probabilities(200, [[20, 60], [65, 100]]), FRAME, 200 * FRAME)).toHaveLength(1);
    expect(vadSegments(probabilities(200, [[20, 60], [72, 100]]), FRAME, 200 * FRAME)).toHaveLength(2);
  });

  test('frames between the two thresholds neither start nor end speech', () => {
    const p = probabilities(200, [[20, 60]]);
    p.fill(0.4, 60, 120); // under 0.5, over 0.35: the segment goes on
    p.fill(0.4, 150, 190); // never reached 0.5: no segment
    const found = vadSegments(p, FRAME, 200 * FRAME);
    expect(found).toHaveLength(1);
    expect(found[0]!.end).toBeCloseTo(120 * FRAME + 0.03, 6);
  });

  test('a blip shorter than minSpeechSec is dropped', () => {
    expect(vadSegments(probabilities(100, [[40, 45]]), FRAME, 100 * FRAME)).toEqual([]);
  });

  test('segments are clamped to the recording', () => {
    const found = vadSegments(probabilities(50, [[0, 50]]), FRAME, 50 * FRAME);
    expect(found).toEqual([{ start: 0, end: 50 * FRAME }]);
  });
});
