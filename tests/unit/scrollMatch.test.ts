import { describe, expect, test } from 'vitest';
import { scrolledOverlap, type RowImage } from '../../workers/images/scrollMatch.ts';
import { mulberry32 } from '../../workers/samples/random.ts';

const COLUMNS = 96;
const ROWS = 300;

/** A page of "text": 6-row lines of random ink on white, 3-row gaps, `seed` choosing the words. */
function page(seed: number, height: number): Float32Array {
  const random = mulberry32(seed);
  const data = new Float32Array(COLUMNS * height).fill(1);
  for (let top = 0; top + 6 < height; top += 9) {
    const length = 20 + Math.floor(random() * 70);
    for (let c = 4; c < length; c++) {
      const ink = 0.3 + random() * 0.6;
      for (let r = top; r < top + 6; r++) data[r * COLUMNS + c] = ink;
    }
  }
  return data;
}

/** The rows [top, top + ROWS) of a tall page under a fixed 20-row title bar. */
function view(tall: Float32Array, top: number): RowImage {
  const data = new Float32Array(COLUMNS * ROWS);
  data.set(tall.subarray((top + 20) * COLUMNS, (top + ROWS) * COLUMNS), 20 * COLUMNS);
  data.fill(0.2, 0, 20 * COLUMNS);
  return { rows: ROWS, data };
}

describe('scrolledOverlap', () => {
  const tall = page(1, 1200);

  test('a screen scrolled down or up is found in the previous one', () => {
    expect(scrolledOverlap(view(tall, 0), view(tall, 180))).toBeGreaterThan(0.9);
    expect(scrolledOverlap(view(tall, 400), view(tall, 250))).toBeGreaterThan(0.9);
  });

  test('another page in the same app is not', () => {
    expect(scrolledOverlap(view(tall, 0), view(page(2, 1200), 0))).toBeLessThan(0.5);
  });

  test('the same picture, or screens of different sizes', () => {
    expect(scrolledOverlap(view(tall, 0), view(tall, 0))).toBe(1);
    expect(scrolledOverlap(view(tall, 0), { rows: 10, data: new Float32Array(COLUMNS * 10) })).toBe(0);
  });
});
