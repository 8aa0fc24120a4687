import { describe, expect, test } from 'vitest';
import type { OcrLine } from '../../src/shared/results.ts';
import type { GrayImage } from '../../workers/ocr/grayImage.ts';
import { planRead } from '../../workers/ocr/readPlan.ts';
import { drawStrokeLines, LINE_INK as INK, LINE_PITCH as LINE } from './fixtures/strokeLines.ts';

const WIDTH = 480;
const HEIGHT = 360;
/** A still title bar at the top of every view: it never scrolls. */
const BAR = 30;

/** A tall page of "text": every LINE px a row of random dark strokes, INK px high, `seed` choosing them. */
function page(seed: number, height: number): { data: Uint8Array; lines: OcrLine[] } {
  const data = new Uint8Array(WIDTH * height).fill(250);
  return { data, lines: drawStrokeLines(data, WIDTH, seed, 12, height) };
}

/** The view of the page scrolled to `offset`, under the title bar, and the lines wholly in it, in its pixels. */
function view(tall: ReturnType<typeof page>, offset: number): { image: GrayImage; lines: OcrLine[] } {
  const data = new Uint8Array(WIDTH * HEIGHT).fill(40);
  data.set(tall.data.subarray((offset + BAR) * WIDTH, (offset + HEIGHT) * WIDTH), BAR * WIDTH);
  const lines = tall.lines
    .filter((line) => line.box.top - offset >= BAR && line.box.top + line.box.height - offset <= HEIGHT)
    .map((line) => {
      const box = { ...line.box, top: line.box.top - offset };
      return { ...line, box, words: line.words.map((word) => ({ ...word, box })) };
    });
  return { image: { width: WIDTH, height: HEIGHT, data }, lines };
}

describe('planRead', () => {
  const tall = page(3, 3000);

  test('reads the first screen, or one of another size, whole', () => {
    const first = view(tall, 0);
    expect(planRead(null, first.image)).toEqual({ kind: 'full' });
    const smaller = { width: WIDTH, height: HEIGHT - 10, data: first.image.data.subarray(0, WIDTH * (HEIGHT - 10)) };
    expect(planRead(first, smaller)).toEqual({ kind: 'full' });
  });

  test('the same picture needs no reading', () => {
    const first = view(tall, 0);
    expect(planRead(first, { ...first.image, data: first.image.data.slice() })).toEqual({ kind: 'same' });
  });

  test('after a scroll, carries the lines still on screen, moved, and reads only the band it revealed', () => {
    for (const scroll of [23, 57, 110]) {
      const before = view(tall, 200);
      const after = view(tall, 200 + scroll);
      const plan = planRead(before, after.image);
      if (plan.kind !== 'bands') throw new Error(`Expected bands after a scroll of ${scroll}, got ${plan.kind}`);
      expect(plan.shift).toBe(scroll);
      const read = plan.bands.reduce((sum, band) => sum + band.bottom - band.top, 0);
      // The revealed rows, grown to whole lines, and no more than a line or two besides.
      expect(read).toBeGreaterThanOrEqual(scroll);
      expect(read).toBeLessThanOrEqual(scroll + 3 * LINE);
      // Every line of the new view is either carried, where it is now, or inside a band.
      for (const line of after.lines) {
        const carried = plan.carried.find((c) => c.text === line.text);
        const inBand = plan.bands.some((band) => band.top <= line.box.top && band.bottom >= line.box.top + line.box.height);
        if (carried) expect(carried.box).toEqual(line.box);
        expect(Boolean(carried) || inBand).toBe(true);
        // Never both: the band would read it a second time.
        expect(Boolean(carried) && inBand).toBe(false);
      }
      // Nothing scrolled off the screen is carried.
      for (const line of plan.carried) expect(line.box.top).toBeGreaterThanOrEqual(0);
    }
  });

  test('a line edited in place is read again, and nothing else', () => {
    const before = view(tall, 400);
    const edited = { ...before.image, data: before.image.data.slice() };
    const target = before.lines[4]!;
    for (let c = 300; c < 340; c++) for (let r = target.box.top; r < target.box.top + INK; r++) edited.data[r * WIDTH + c] = 0;
    const plan = planRead(before, edited);
    if (plan.kind !== 'bands') throw new Error(`Expected bands, got ${plan.kind}`);
    expect(plan.shift).toBe(0);
    expect(plan.bands).toHaveLength(1);
    expect(plan.bands[0]!.top).toBeLessThanOrEqual(target.box.top);
    expect(plan.bands[0]!.bottom).toBeGreaterThanOrEqual(target.box.top + INK);
    expect(plan.bands[0]!.bottom - plan.bands[0]!.top).toBeLessThan(2 * LINE);
    expect(plan.carried.map((line) => line.text)).toEqual(before.lines.filter((line) => line !== target).map((line) => line.text));
  });

  test('a new page is read whole', () => {
    const before = view(tall, 0);
    const other = view(page(4, 3000), 0);
    expect(planRead(before, other.image)).toEqual({ kind: 'full' });
  });
});
