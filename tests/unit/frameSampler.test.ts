import { describe, expect, test } from 'vitest';
import { CHANGE_SHARE, changedShare, FrameSampler, INTERVAL_SEC, PROBE_SEC, type ScrollFrom } from '../../workers/video/frameSampler.ts';
import { mulberry32 } from '../../workers/samples/random.ts';

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

  describe('cells that keep changing (a webcam tile, a spinner, a video playing)', () => {
    const CELLS = 14_400; // the video stage's 160×90 probe
    /** A still page with a tile of `tile` cells (the first ones) redrawn with noise at every probe. */
    const withTile = (random: () => number, tile: number, page: Float32Array = gray(CELLS)) => {
      const picture = Float32Array.from(page);
      for (let i = 0; i < tile; i++) picture[i] = random();
      return picture;
    };
    /** Offers `seconds` of probes from `from`, the picture from `picture(t)`; returns the times kept and why. */
    const run = (sampler: FrameSampler, from: number, seconds: number, picture: (t: number) => Float32Array) => {
      const kept: string[] = [];
      for (let t = from; t < from + seconds - 1e-9; t += PROBE_SEC) {
        const { frame } = sampler.offer(t, picture(t));
        if (frame) kept.push(`${t}:${frame}`);
      }
      return kept;
    };

    test('a tile of 3% of the picture changing at every probe keeps no frame of its own once it is seen to be busy', () => {
      const random = mulberry32(1);
      const sampler = new FrameSampler();
      // 432 cells: a 320×180 webcam tile in a 1920×1080 call is 2.8% of the picture.
      const kept = run(sampler, 0, 60, () => withTile(random, 432));
      const changes = kept.filter((k) => k.endsWith('change'));
      const intervals = kept.filter((k) => k.endsWith('interval'));
      // Before: a frame at every probe (120). Now the interval frames, and changes only while the tile was new (< 4 s).
      expect(intervals).toHaveLength(12);
      expect(changes.length).toBeLessThanOrEqual(2);
      expect(changes.every((k) => Number(k.split(':')[0]) < 4)).toBe(true);
      // An interval frame where only the tile moved repeats the last one: OCR copies its text.
      expect(sampler.lastChange).toBe(0);
    });

    test('an edit elsewhere on the page is still kept at once while the tile is busy', () => {
      const random = mulberry32(2);
      const sampler = new FrameSampler();
      run(sampler, 0, 18, () => withTile(random, 432));
      // A line typed at 18 s: 150 cells elsewhere (a line of text) change once and stay.
      const edited = gray(CELLS, 0).map((v, i) => (i >= 5000 && i < 5150 ? 0 : v));
      expect(sampler.offer(18, withTile(random, 432, edited)).frame).toBe('change');
      expect(sampler.offer(18.5, withTile(random, 432, edited)).frame).toBeNull();
    });

    test('a scroll over the whole picture is not taken for a busy region: it is still held and kept by the scroll rule', () => {
      const sampler = new FrameSampler();
      sampler.offer(0, gray(CELLS));
      // Every cell changes at every probe for 6 s (a long scroll): the busy share passes the limit, nothing is left out.
      const random = mulberry32(3);
      const steps: string[] = [];
      for (let t = 0.5; t <= 6; t += PROBE_SEC) steps.push(offered(sampler, t, withTile(random, CELLS), t % 2 === 0 ? 'long' : 'short'));
      expect(steps.filter((s) => s === 'change').length).toBeGreaterThanOrEqual(3);
      expect(steps.filter((s) => s === 'hold').length).toBeGreaterThanOrEqual(3);
    });

    describe("the rules of before issue 16 ('every-change', the bench's baseline)", () => {
      test('a scroll keeps a frame at every probe, where the current rules hold most of them', () => {
        const probes = Array.from({ length: 12 }, (_, i) => ({ t: (i + 1) * PROBE_SEC, picture: gray(1000, 100 + 50 * i), scroll: (i % 3 === 2 ? 'long' : 'short') as ScrollFrom }));
        const keptBy = (sampler: FrameSampler) => {
          offered(sampler, 0, gray(1000));
          return probes.map(({ t, picture, scroll }) => offered(sampler, t, picture, scroll)).filter((step) => step === 'change').length;
        };
        expect(keptBy(new FrameSampler(160, 'every-change'))).toBe(12);
        expect(keptBy(new FrameSampler())).toBe(4);
      });

      test('a busy tile keeps a frame at every probe, as the issue measured', () => {
        const random = mulberry32(1);
        const sampler = new FrameSampler(160, 'every-change');
        let kept = 0;
        for (let t = 0; t < 60 - 1e-9; t += PROBE_SEC) if (sampler.offer(t, withTile(random, 432)).frame) kept++;
        expect(kept).toBe(120);
      });
    });
  });
});
