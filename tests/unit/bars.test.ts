import { describe, expect, test } from 'vitest';
import type { GrayImage } from '../../workers/ocr/grayImage.ts';
import { flattenBars, inverted } from '../../workers/ocr/bars.ts';

const WIDTH = 100;

/** Rows of `background` with a "glyph" of `ink` over columns 10..19 in each. */
function rows(count: number, background: number, ink: number): Uint8Array {
  const data = new Uint8Array(WIDTH * count).fill(background);
  for (let r = 0; r < count; r++) data.fill(ink, r * WIDTH + 10, r * WIDTH + 20);
  return data;
}

/** A light page (text 30 on 240) over a blue-ish status bar (white text on 95), with blank rows around its text. */
function screen(): GrayImage {
  const data = new Uint8Array(WIDTH * 30);
  data.set(rows(20, 240, 30));
  // The bar: blank rows above and below its line of text.
  data.fill(95, WIDTH * 20, WIDTH * 30);
  data.set(rows(6, 95, 255), WIDTH * 22);
  return { width: WIDTH, height: 30, data };
}

describe('flattenBars', () => {
  test('redraws a bar of another colour as dark text on white, leaving the page as it is', () => {
    const image = screen();
    const flat = flattenBars(image, 240);
    expect(flat.data.subarray(0, WIDTH * 20)).toEqual(image.data.subarray(0, WIDTH * 20));
    const barRow = flat.data.subarray(WIDTH * 25, WIDTH * 26);
    expect(barRow[0]).toBe(255);
    expect(barRow[15]).toBe(0);
  });

  test('leaves rows through dense text alone: they start and end on no blank row of another colour', () => {
    // Half of each row anti-aliased ink of many greys, half white: the median falls among the greys.
    const data = new Uint8Array(WIDTH * 3).fill(255);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 60; c++) data[r * WIDTH + c] = (c * 37) % 200;
    const dense = { width: WIDTH, height: 3, data };
    expect(flattenBars(dense, 255)).toBe(dense);
  });

  test('redraws a line of text inside a bar whole, or not at all', () => {
    // A dark panel whose text line covers so much of a row that its median changes: no blank row
    // of the panel's colour bounds that run, so no row of the line is redrawn.
    const data = new Uint8Array(WIDTH * 12).fill(240);
    data.fill(20, WIDTH * 2, WIDTH * 12);
    for (let r = 5; r < 8; r++) data.fill(130, r * WIDTH, r * WIDTH + 70);
    const flat = flattenBars({ width: WIDTH, height: 12, data }, 240);
    const changed = (r: number) => flat.data[r * WIDTH + 90] !== data[r * WIDTH + 90];
    // The blank rows of the panel around it may be redrawn; the line's rows are kept, all of them.
    expect([changed(5), changed(6), changed(7)]).toEqual([false, false, false]);
  });

  test('returns a picture with no bar unchanged', () => {
    const page = { width: WIDTH, height: 20, data: rows(20, 240, 30) };
    expect(flattenBars(page, 240)).toBe(page);
  });

  test('inverts light text on dark', () => {
    expect([...inverted({ width: 2, height: 1, data: Uint8Array.from([0, 200]) }).data]).toEqual([255, 55]);
  });
});
