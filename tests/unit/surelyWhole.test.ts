import { describe, expect, test } from 'vitest';
import type { OcrLine } from '../../src/shared/results.ts';
import type { GrayImage } from '../../workers/ocr/grayImage.ts';
import { planRead, surelyWhole } from '../../workers/ocr/readPlan.ts';
import { mulberry32 } from '../../workers/samples/random.ts';
import { drawStrokeLines } from './fixtures/strokeLines.ts';

const WIDTH = 480;
const HEIGHT = 360;

/** A screen of "text" lines (random dark strokes) from `from` to `to`, `seed` choosing them, and its lines. */
function screen(seed: number, from = 12, to = HEIGHT): { image: GrayImage; lines: OcrLine[] } {
  const data = new Uint8Array(WIDTH * HEIGHT).fill(250);
  const lines = drawStrokeLines(data, WIDTH, seed, from, to);
  return { image: { width: WIDTH, height: HEIGHT, data }, lines };
}

/** `base` with rows top..bottom taken from `other`: an edit of part of the screen. */
function patched(base: GrayImage, other: GrayImage, top: number, bottom: number): GrayImage {
  const data = base.data.slice();
  data.set(other.data.subarray(top * WIDTH, bottom * WIDTH), top * WIDTH);
  return { ...base, data };
}

/** `image` scrolled up by `dy` rows, the rows revealed at the bottom taken from `below`. */
function scrolled(image: GrayImage, below: GrayImage, dy: number): GrayImage {
  const data = new Uint8Array(WIDTH * HEIGHT);
  data.set(image.data.subarray(dy * WIDTH));
  data.set(below.data.subarray(0, dy * WIDTH), (HEIGHT - dy) * WIDTH);
  return { ...image, data };
}

describe('surelyWhole', () => {
  test('the first screen, one after an unreadable screen, and one of another size are read whole', () => {
    const first = screen(1).image;
    expect(surelyWhole(null, first)).toBe(true);
    const smaller = { width: WIDTH, height: HEIGHT - 10, data: first.data.subarray(0, WIDTH * (HEIGHT - 10)) };
    expect(surelyWhole(first, smaller)).toBe(true);
  });

  test('another page is read whole; a line typed or a short scroll is not known to be', () => {
    const a = screen(1);
    const b = screen(2);
    expect(surelyWhole(a.image, b.image)).toBe(true);
    expect(surelyWhole(a.image, patched(a.image, b.image, 130, 180))).toBe(false);
    expect(surelyWhole(a.image, scrolled(a.image, b.image, 40))).toBe(false);
  });

  test('whenever it says whole, planRead with the previous screen\'s lines says full too', () => {
    const random = mulberry32(7);
    let whole = 0;
    let notFull = 0;
    for (let i = 0; i < 300; i++) {
      const previous = screen(100 + i, 12 + Math.floor(random() * 30));
      const other = screen(1000 + i).image;
      const kind = Math.floor(random() * 3);
      let current: GrayImage;
      if (kind === 0) {
        // An edit of a band of rows, up to the whole screen: around the 60 % line both ways.
        const top = Math.floor(random() * HEIGHT * 0.5);
        current = patched(previous.image, other, top, Math.min(HEIGHT, top + Math.floor(random() * HEIGHT)));
      } else if (kind === 1) {
        current = scrolled(previous.image, other, 1 + Math.floor(random() * (HEIGHT - 1)));
      } else {
        // A scroll and an edit together.
        const moved = scrolled(previous.image, other, 1 + Math.floor(random() * 200));
        const top = Math.floor(random() * HEIGHT * 0.7);
        current = patched(moved, other, top, Math.min(HEIGHT, top + Math.floor(random() * 150)));
      }
      if (!surelyWhole(previous.image, current)) continue;
      whole++;
      if (planRead(previous, current).kind !== 'full') notFull++;
    }
    // Enough of both kinds for the rule to be tested, and never a whole read the chain would not make.
    expect(whole).toBeGreaterThan(30);
    expect(whole).toBeLessThan(300);
    expect(notFull).toBe(0);
  });
});
