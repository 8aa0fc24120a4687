import { describe, expect, test } from 'vitest';
import { CHANGE_SHARE, changedShare, FrameSampler, INTERVAL_SEC, type ScrollFrom } from '../../workers/video/frameSampler.ts';

const gray = (cells: number, changed = 0) => Float32Array.from({ length: cells }, (_, i) => (i < changed ? 0 : 1));

/** The frame's decision as one word: what the video stage does with it. */
function offered(sampler: FrameSampler, t: number, picture: Float32Array, scroll: ScrollFrom = 'none'): string {
  const { keepHeld, frame } = sampler.offer(t, picture, () => scroll);
  return `${keepHeld ? 'held+' : ''}${frame ?? '-'}`;
}

describe('FrameSampler', () => {
  test('keeps the first frame, then one per interval while the picture stays', () => {
    const sampler = new FrameSampler();
    const kept = [0, 1, 2, 4.5, 5, 6, 9.9, 10].map((t) => sampler.offer(t, gray(1000)).frame);
    expect(kept).toEqual(['interval', null, null, null, 'interval', null, null, 'interval']);
    expect(INTERVAL_SEC).toBe(5);
  });

  test('keeps a frame where the picture changes a lot, and compares later ones with it', () => {
    const sampler = new FrameSampler();
    sampler.offer(0, gray(1000));
    // Below the share (a caret blinking): nothing; above it (a new page): kept.
    expect(sampler.offer(0.5, gray(1000, Math.floor(1000 * CHANGE_SHARE) - 1)).frame).toBeNull();
    expect(sampler.offer(1, gray(1000, 300)).frame).toBe('change');
    expect(sampler.offer(1.5, gray(1000, 300)).frame).toBeNull();
    expect(sampler.offer(6, gray(1000, 300)).frame).toBe('interval');
    // lastChange: against the last kept frame, so the video stage can tell a repeat from an edit.
    expect(sampler.lastChange).toBe(0);
    sampler.offer(6.5, gray(1000, 310));
    expect(sampler.lastChange).toBe(0.01);
  });

  test('a short scroll is held, not kept, until it becomes a long one', () => {
    const sampler = new FrameSampler();
    const steps = [
      offered(sampler, 0, gray(1000)),
      offered(sampler, 0.5, gray(1000, 100), 'short'),
      offered(sampler, 1, gray(1000, 200), 'short'),
      offered(sampler, 1.5, gray(1000, 300), 'long'),
      offered(sampler, 2, gray(1000, 400), 'short'),
    ];
    expect(steps).toEqual(['interval', 'hold', 'hold', 'change', 'hold']);
  });

  test('where a scroll stops, the resting place is kept', () => {
    const sampler = new FrameSampler();
    offered(sampler, 0, gray(1000));
    expect(offered(sampler, 0.5, gray(1000, 100), 'short')).toBe('hold');
    expect(offered(sampler, 1, gray(1000, 150), 'short')).toBe('hold');
    expect(offered(sampler, 1.5, gray(1000, 150), 'short')).toBe('change');
    expect(offered(sampler, 2, gray(1000, 150))).toBe('-');
    expect(sampler.finish()).toBe(false);
  });

  test('a jump away from a scroll keeps the held frame first; a long scroll does not need it', () => {
    const jump = new FrameSampler();
    offered(jump, 0, gray(1000));
    offered(jump, 0.5, gray(1000, 100), 'short');
    expect(offered(jump, 1, gray(1000, 900), 'none')).toBe('held+change');

    const long = new FrameSampler();
    offered(long, 0, gray(1000));
    offered(long, 0.5, gray(1000, 100), 'short');
    expect(offered(long, 1, gray(1000, 600), 'long')).toBe('change');
  });

  test('a scroll that comes back to the kept frame keeps where it had reached', () => {
    const sampler = new FrameSampler();
    offered(sampler, 0, gray(1000));
    offered(sampler, 0.5, gray(1000, 100), 'short');
    expect(offered(sampler, 1, gray(1000))).toBe('held+-');
    // Later frames are compared with the held frame, kept now: the same picture again is not kept twice.
    expect(offered(sampler, 1.5, gray(1000, 100), 'short')).toBe('-');
  });

  test('the video ends mid-scroll: finish() asks for the held frame once', () => {
    const sampler = new FrameSampler();
    offered(sampler, 0, gray(1000));
    offered(sampler, 0.5, gray(1000, 100), 'short');
    expect(sampler.finish()).toBe(true);
    expect(sampler.finish()).toBe(false);
  });

  test('changedShare() counts cells that moved by more than a small step', () => {
    expect(changedShare(gray(4), gray(4, 1))).toBe(0.25);
    expect(changedShare(Float32Array.of(0.5), Float32Array.of(0.52))).toBe(0);
  });
});
