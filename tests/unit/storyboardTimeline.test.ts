import { describe, expect, test } from 'vitest';
import { chooseScenes, fitInside, thumbnailCells, PLOT_WIDTH, STORYBOARD } from '../../workers/storyboard/layout.ts';
import { buildTimeline, RECORDING_DRIFT_MS, xOf } from '../../workers/storyboard/timeline.ts';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;

describe('buildTimeline()', () => {
  test('screenshots and a recording with agreeing times share one clock axis', () => {
    const timeline = buildTimeline({
      screens: [s(5), s(65), s(125)],
      recordings: [{ at: s(0), durationSec: 6, segments: [{ start: 0.5, end: 2 }, { start: 3, end: 5 }] }],
    });
    expect(timeline.clock).toBe(true);
    expect(timeline.start).toBe(s(0));
    // The last screenshot lasts as long as the typical gap between screenshots.
    expect(timeline.end).toBe(s(185));
    expect(timeline.screens).toEqual([s(5), s(65), s(125)]);
    expect(timeline.recorded).toEqual([{ start: s(0), end: s(6) }]);
    expect(timeline.speech).toEqual([
      { start: s(0.5), end: s(2) },
      { start: s(3), end: s(5) },
    ]);
  });

  test('a recording whose time is far from the screenshots (a file date) starts with them', () => {
    const farAway = s(2 * 86_400);
    const timeline = buildTimeline({ screens: [s(5), s(190)], recordings: [{ at: farAway, durationSec: 4, segments: [{ start: 1, end: 3 }] }] });
    expect(timeline.recorded).toEqual([{ start: s(5), end: s(9) }]);
    expect(timeline.speech).toEqual([{ start: s(6), end: s(8) }]);
    expect(timeline.end).toBe(s(375));
    const near = buildTimeline({ screens: [s(0)], recordings: [{ at: s(0) + RECORDING_DRIFT_MS, durationSec: 1, segments: [] }] });
    expect(near.recorded[0]?.start).toBe(s(0) + RECORDING_DRIFT_MS);
  });

  test('without any time, screenshots spread over the recordings, which follow one another', () => {
    const timeline = buildTimeline({
      screens: [null, null, null, null],
      recordings: [
        { at: null, durationSec: 30, segments: [{ start: 29, end: 40 }] },
        { at: null, durationSec: 10, segments: [] },
      ],
    });
    expect(timeline.clock).toBe(false);
    expect(timeline.recorded).toEqual([
      { start: 0, end: 30_000 },
      { start: 30_000, end: 40_000 },
    ]);
    // Speech past the end of its recording is cut to it.
    expect(timeline.speech).toEqual([{ start: 29_000, end: 30_000 }]);
    expect(timeline.screens).toEqual([0, 10_000, 20_000, 30_000]);
    expect(timeline.end).toBe(40_000);
  });

  test('screenshots without a time take their neighbour’s; nothing at all still gives an axis', () => {
    expect(buildTimeline({ screens: [null, s(10), null, s(20)], recordings: [] }).screens).toEqual([s(10), s(10), s(10), s(20)]);
    const empty = buildTimeline({ screens: [], recordings: [] });
    expect(empty.end).toBeGreaterThan(empty.start);
    expect(buildTimeline({ screens: [null, null], recordings: [] }).screens).toEqual([0, 5000]);
  });

  test('xOf() - maps the axis onto the plot', () => {
    const timeline = buildTimeline({ screens: [s(0), s(100)], recordings: [] });
    expect(xOf(timeline, s(0), 24, 1000)).toBe(24);
    expect(xOf(timeline, s(100), 24, 1000)).toBe(524);
  });
});

describe('storyboard layout', () => {
  test('chooseScenes() - every chapter when they fit, else evenly spaced ones with the first and last', () => {
    expect(chooseScenes(3)).toEqual([0, 1, 2]);
    const picked = chooseScenes(40);
    expect(picked).toHaveLength(Math.floor(PLOT_WIDTH / 96));
    expect(picked[0]).toBe(0);
    expect(picked.at(-1)).toBe(39);
    expect(new Set(picked).size).toBe(picked.length);
  });

  test('thumbnailCells() - each cell sits at its chapter when it can, never overlapping nor leaving the plot', () => {
    const [a, b] = thumbnailCells([57, 856]);
    expect([a?.x, b?.x]).toEqual([57, 856]);
    const crowded = thumbnailCells([24, 30, 40, 1250]);
    for (const [i, cell] of crowded.entries()) {
      expect(cell.x).toBeGreaterThanOrEqual(STORYBOARD.left);
      expect(cell.x + cell.width).toBeLessThanOrEqual(STORYBOARD.right);
      if (i > 0) expect(cell.x).toBeGreaterThanOrEqual(crowded[i - 1]!.x + crowded[i - 1]!.width);
    }
    const many = thumbnailCells(Array.from({ length: 12 }, () => 1000));
    expect(many[0]!.x).toBeGreaterThanOrEqual(STORYBOARD.left);
    expect(many.at(-1)!.x + many.at(-1)!.width).toBeLessThanOrEqual(STORYBOARD.right);
  });

  test('fitInside() - pictures keep their shape inside their cell', () => {
    const box = fitInside(1280, 720, thumbnailCells([24, 600])[0]!);
    expect(box.width / box.height).toBeCloseTo(16 / 9, 1);
    expect(box.height).toBeLessThanOrEqual(STORYBOARD.thumbnails.height);
  });
});
