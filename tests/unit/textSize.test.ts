import { describe, expect, test } from 'vitest';
import type { GrayImage } from '../../workers/ocr/grayImage.ts';
import { doubled, hasSmallText, medianTextRows, SMALL_TEXT_ROWS } from '../../workers/ocr/textSize.ts';
import { mulberry32 } from '../../workers/samples/random.ts';

const WIDTH = 320;

/** A page of "lines of text": rows of `ink` px of random dark strokes every `pitch` px, a 1 px rule under each. */
function page(ink: number, pitch: number, height = 360): GrayImage {
  const random = mulberry32(ink * 100 + pitch);
  const data = new Uint8Array(WIDTH * height).fill(245);
  for (let top = 8; top + pitch < height; top += pitch) {
    for (let c = 10; c < WIDTH - 10; c++) {
      if (random() < 0.5) continue;
      for (let r = top; r < top + ink; r++) data[r * WIDTH + c] = 30;
    }
    // A rule spans the row evenly: no glyph edges, no text.
    data.fill(180, (top + ink + 2) * WIDTH, (top + ink + 3) * WIDTH);
  }
  return { width: WIDTH, height, data };
}

describe('text size', () => {
  test('measures the height of lines of text, leaving out rules', () => {
    expect(medianTextRows(page(12, 20))).toBe(12);
    expect(medianTextRows(page(28, 40))).toBe(28);
  });

  test('calls a 1× screen’s text small and the same at 2× not', () => {
    expect(hasSmallText(page(12, 20))).toBe(true);
    expect(hasSmallText(page(SMALL_TEXT_ROWS + 8, 40))).toBe(false);
  });

  test('a blank picture has no text to enlarge', () => {
    const blank = { width: WIDTH, height: 100, data: new Uint8Array(WIDTH * 100).fill(250) };
    expect(medianTextRows(blank)).toBeNull();
    expect(hasSmallText(blank)).toBe(false);
  });

  test('doubles a picture, keeping flat areas flat and edges between their sides', () => {
    const image = { width: 4, height: 2, data: Uint8Array.from([0, 0, 200, 200, 0, 0, 200, 200]) };
    const big = doubled(image);
    expect([big.width, big.height]).toEqual([8, 4]);
    const row = [...big.data.subarray(8, 16)];
    expect(row.slice(0, 3)).toEqual([0, 0, 0]);
    expect(row.slice(6)).toEqual([200, 200]);
    expect(row[3]! > 0 && row[3]! < 200 && row[4]! > row[3]!).toBe(true);
    expect([...big.data.subarray(0, 8)]).toEqual(row);
  });
});
