import { describe, expect, it } from 'vitest';
import { AUDIBLE_RMS, audibleFrames } from '../../workers/audio/audibleFrames.ts';

const FRAME = 512;

/** Frames of a constant-amplitude square wave: its RMS is the amplitude. */
function signal(levels: number[]): Float32Array {
  const out = new Float32Array(levels.length * FRAME);
  levels.forEach((level, f) => {
    for (let i = 0; i < FRAME; i++) out[f * FRAME + i] = i % 2 ? level : -level;
  });
  return out;
}

describe('audibleFrames', () => {
  it('keeps frames at or above the floor and their neighbours, drops long near-silence', () => {
    const quiet = AUDIBLE_RMS / 2;
    const levels = Array.from({ length: 40 }, () => quiet);
    levels[20] = 0.1;
    const keep = Array.from(audibleFrames(signal(levels), FRAME, AUDIBLE_RMS, 3));
    expect(keep).toEqual(levels.map((_, f) => (f >= 17 && f <= 23 ? 1 : 0)));
  });

  it('keeps everything when the floor itself is loud (noise beds) and nothing in digital silence', () => {
    expect(Array.from(audibleFrames(signal(Array(8).fill(0.01)), FRAME))).toEqual(Array(8).fill(1));
    expect(Array.from(audibleFrames(new Float32Array(8 * FRAME), FRAME))).toEqual(Array(8).fill(0));
  });

  it('judges a short last frame as the model sees it, padded with silence', () => {
    const samples = new Float32Array(FRAME + 16).fill(AUDIBLE_RMS * 1.01);
    expect(Array.from(audibleFrames(samples, FRAME, AUDIBLE_RMS, 0))).toEqual([1, 0]);
  });
});
