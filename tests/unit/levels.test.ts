import { describe, expect, it } from 'vitest';
import { longestSilenceSec, loudnessDb, waveformOverview } from '../../workers/audio/levels.ts';

describe('audio levels', () => {
  it('loudnessDb() of a full-scale square wave is 0 dBFS, of half scale about -6, of silence the floor', () => {
    expect(loudnessDb(new Float32Array(100).fill(1))).toBeCloseTo(0);
    expect(loudnessDb(new Float32Array(100).fill(0.5))).toBeCloseTo(-6.02, 1);
    expect(loudnessDb(new Float32Array(100))).toBe(-100);
  });

  it('longestSilenceSec() counts the gaps before, between and after segments', () => {
    expect(longestSilenceSec([{ start: 1, end: 2 }, { start: 5, end: 6 }], 7)).toBe(3);
    expect(longestSilenceSec([{ start: 0, end: 2 }], 10)).toBe(8);
    expect(longestSilenceSec([], 4)).toBe(4);
  });

  it('waveformOverview() keeps the peak of each slice', () => {
    const samples = new Float32Array(1000);
    samples[10] = -0.8;
    samples[990] = 0.25;
    const overview = waveformOverview(samples, 10);
    expect(overview).toHaveLength(10);
    expect(overview[0]).toBe(0.8);
    expect(overview[9]).toBe(0.25);
    expect(overview.slice(1, 9).every((v) => v === 0)).toBe(true);
  });
});
