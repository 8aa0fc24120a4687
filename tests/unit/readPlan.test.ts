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

  test('after a scroll, a line in the still title bar stays carried, whatever straddles the top of the scrolling area', () => {
    const title: OcrLine = { text: 'title', box: { left: 20, top: 6, width: 200, height: 18 }, words: [] };
    const withTitle = (shown: ReturnType<typeof view>) => {
      const data = shown.image.data.slice();
      for (let c = 20; c < 220; c += 2) for (let r = 6; r < 24; r++) data[r * WIDTH + c] = 230;
      return { image: { ...shown.image, data }, lines: [title, ...shown.lines] };
    };
    for (const scroll of [23, 30, 57]) {
      const before = withTitle(view(tall, 200));
      const after = withTitle(view(tall, 200 + scroll));
      const plan = planRead(before, after.image);
      if (plan.kind !== 'bands') throw new Error(`Expected bands after a scroll of ${scroll}, got ${plan.kind}`);
      expect(plan.carried).toContainEqual(title);
      for (const band of plan.bands) expect(band.top).toBeGreaterThanOrEqual(BAR - 8);
    }
  });

  test('a line edited in place is read again, and nothing else', () => {
    const before = view(tall, 400);
    const edited = { ...before.image, data: before.image.data.slice() };
    const target = before.lines[4]!;
    // Inside the line: a band holds only the columns a change is in, grown to a gutter.
    const from = target.box.left + 60;
    for (let c = from; c < from + 40; c++) for (let r = target.box.top; r < target.box.top + INK; r++) edited.data[r * WIDTH + c] = 0;
    const plan = planRead(before, edited);
    if (plan.kind !== 'bands') throw new Error(`Expected bands, got ${plan.kind}`);
    expect(plan.shift).toBe(0);
    expect(plan.bands).toHaveLength(1);
    expect(plan.bands[0]!.top).toBeLessThanOrEqual(target.box.top);
    expect(plan.bands[0]!.bottom).toBeGreaterThanOrEqual(target.box.top + INK);
    expect(plan.bands[0]!.bottom - plan.bands[0]!.top).toBeLessThan(2 * LINE);
    // The whole line, not just the changed columns.
    expect(plan.bands[0]!.left).toBeLessThanOrEqual(target.box.left);
    expect(plan.bands[0]!.right).toBeGreaterThanOrEqual(target.box.left + target.box.width);
    expect(plan.carried.map((line) => line.text)).toEqual(before.lines.filter((line) => line !== target).map((line) => line.text));
  });

  test('a line edited beside a sidebar whose labels sit at other heights reads that line, not the sidebar', () => {
    // A sidebar of labels every 44 rows (columns 8..100) beside a pane of lines every 40 (from column 160).
    const data = new Uint8Array(WIDTH * HEIGHT).fill(250);
    const pane = new Uint8Array(WIDTH * HEIGHT).fill(250);
    const paneLines = drawStrokeLines(pane, WIDTH, 5, 12, HEIGHT).map((line) => {
      const box = { ...line.box, left: line.box.left + 140, width: Math.min(line.box.width, WIDTH - 160 - 8) };
      return { ...line, box, words: line.words.map((word) => ({ ...word, box })) };
    });
    for (let r = 0; r < HEIGHT; r++) data.set(pane.subarray(r * WIDTH + 20, r * WIDTH + 20 + WIDTH - 160 - 8), r * WIDTH + 160);
    const labels: OcrLine[] = [];
    for (let top = 20; top + 16 < HEIGHT; top += 44) {
      for (let c = 8; c < 100; c += 3) for (let r = top; r < top + 16; r++) data[r * WIDTH + c] = 30;
      const box = { left: 8, top, width: 92, height: 16 };
      labels.push({ text: `label ${top}`, box, words: [{ text: `label${top}`, box, confidence: 90 }] });
    }
    const before = { image: { width: WIDTH, height: HEIGHT, data }, lines: [...labels, ...paneLines] };
    const edited = { ...before.image, data: data.slice() };
    const target = paneLines[4]!;
    for (let c = 300; c < 340; c++) for (let r = target.box.top; r < target.box.top + INK; r++) edited.data[r * WIDTH + c] = 0;
    const plan = planRead(before, edited);
    if (plan.kind !== 'bands') throw new Error(`Expected bands, got ${plan.kind}`);
    expect(plan.bands).toHaveLength(1);
    const band = plan.bands[0]!;
    // The edited line, whole, and no more than a line's height besides.
    expect(band.top).toBeLessThanOrEqual(target.box.top);
    expect(band.bottom).toBeGreaterThanOrEqual(target.box.top + INK);
    expect(band.bottom - band.top).toBeLessThan(2 * LINE);
    expect(band.left).toBeLessThanOrEqual(target.box.left);
    expect(band.right).toBeGreaterThanOrEqual(target.box.left + target.box.width);
    // The sidebar is not read again: every label is carried, unmoved.
    expect(band.left).toBeGreaterThanOrEqual(100);
    expect(plan.carried.filter((line) => line.text.startsWith('label'))).toEqual(labels);
    expect(plan.carried.map((line) => line.text)).not.toContain(target.text);
  });

  test('a new page is read whole', () => {
    const before = view(tall, 0);
    const other = view(page(4, 3000), 0);
    expect(planRead(before, other.image)).toEqual({ kind: 'full' });
  });
});
