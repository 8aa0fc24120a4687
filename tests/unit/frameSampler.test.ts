import { describe, expect, test } from 'vitest';
import { CHANGE_SHARE, changedShare, FrameSampler, INTERVAL_SEC } from '../../workers/video/frameSampler.ts';

const gray = (cells: number, changed = 0) => Float32Array.from({ length: cells }, (_, i) => (i < changed ? 0 : 1));

describe('FrameSampler', () => {
  test('keeps the first frame, then one per interval while the picture stays', () => {
    const sampler = new FrameSampler();
    const kept = [0, 1, 2, 4.5, 5, 6, 9.9, 10].map((t) => sampler.offer(t, gray(1000)));
    expect(kept).toEqual(['interval', null, null, null, 'interval', null, null, 'interval']);
    expect(INTERVAL_SEC).toBe(5);
  });

  test('keeps a frame where the picture changes a lot, and compares later ones with it', () => {
    const sampler = new FrameSampler();
    sampler.offer(0, gray(1000));
    // Below the share (a caret blinking): nothing; above it (a new page): kept.
    expect(sampler.offer(0.5, gray(1000, Math.floor(1000 * CHANGE_SHARE) - 1))).toBeNull();
    expect(sampler.offer(1, gray(1000, 300))).toBe('change');
    expect(sampler.offer(1.5, gray(1000, 300))).toBeNull();
    expect(sampler.offer(6, gray(1000, 300))).toBe('interval');
    // lastChange: against the last kept frame, so the video stage can tell a repeat from an edit.
    expect(sampler.lastChange).toBe(0);
    sampler.offer(6.5, gray(1000, 310));
    expect(sampler.lastChange).toBe(0.01);
  });

  test('changedShare() counts cells that moved by more than a small step', () => {
    expect(changedShare(gray(4), gray(4, 1))).toBe(0.25);
    expect(changedShare(Float32Array.of(0.5), Float32Array.of(0.52))).toBe(0);
  });
});
