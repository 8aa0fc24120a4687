import { describe, expect, test } from 'vitest';
import type { OcrLine } from '../../src/shared/results.ts';
import { isHollowBox, isRowOfHollowBoxes, withoutMissingGlyphs } from '../../workers/ocr/missingGlyphs.ts';

const SIZE = 40;

/** A white picture with `ink(x, y)` drawn dark in a 7×13 cell at (10, 10), as a 1× screen draws a glyph. */
function glyph(ink: (x: number, y: number) => boolean) {
  const data = new Uint8Array(SIZE * SIZE).fill(250);
  for (let y = 0; y < 13; y++) for (let x = 0; x < 7; x++) if (ink(x, y)) data[(10 + y) * SIZE + 10 + x] = 40;
  return { width: SIZE, height: SIZE, data };
}

/** Tesseract's box around the cell, with a pixel of margin. */
const BOX = { left: 9, top: 9, width: 9, height: 15 };

/** The frame Chromium draws for a character the font lacks (an emoji in a monospace editor). */
const frame = glyph((x, y) => x === 0 || x === 6 || y === 0 || y === 12);
/** "O": the same size, round at its corners. */
const letterO = glyph((x, y) => Math.abs(Math.hypot((x - 3) / 3.5, (y - 6) / 6.5) - 0.85) < 0.2);
/** "D": straight on the left only. */
const letterD = glyph((x, y) => x === 0 || ((y === 0 || y === 12) && x < 4) || (x >= 4 && Math.abs(Math.hypot((x - 3) / 3.5, (y - 6) / 6.5) - 0.9) < 0.2));
/** "0" of a code font: a frame-like oval with a slash through it. */
const zero = glyph((x, y) => x === 0 || x === 6 || ((y === 0 || y === 12) && x > 0 && x < 6) || Math.abs(x - 6 + y / 2) < 0.5);

describe('missing glyphs', () => {
  test('isHollowBox() - a missing glyph’s frame is one; "O", "D" and a slashed "0" are not', () => {
    expect(isHollowBox(frame, BOX)).toBe(true);
    expect(isHollowBox(letterO, BOX)).toBe(false);
    expect(isHollowBox(letterD, BOX)).toBe(false);
    expect(isHollowBox(zero, BOX)).toBe(false);
  });

  test('withoutMissingGlyphs() - drops the frame read as "O" and keeps the line’s words', () => {
    const line: OcrLine = {
      text: '| O |',
      box: { left: 0, top: 9, width: 30, height: 15 },
      words: [
        { text: '|', box: { left: 0, top: 9, width: 2, height: 15 }, confidence: 80 },
        { text: 'O', box: BOX, confidence: 88 },
        { text: '|', box: { left: 26, top: 9, width: 2, height: 15 }, confidence: 80 },
      ],
    };
    const [kept] = withoutMissingGlyphs([line], frame);
    expect(kept!.text).toBe('| |');
    expect(kept!.words.map((word) => word.text)).toEqual(['|', '|']);
    expect(withoutMissingGlyphs([line], letterO)).toEqual([line]);
  });

  test('isRowOfHollowBoxes() - two frames side by side (read as "io") are dropped; two letters are not', () => {
    /** Two 7×13 cells at (10, 10) and (20, 10), drawn by `ink`. */
    const pair = (ink: (x: number, y: number) => boolean) => {
      const data = new Uint8Array(SIZE * SIZE).fill(250);
      for (const at of [10, 20]) for (let y = 0; y < 13; y++) for (let x = 0; x < 7; x++) if (ink(x, y)) data[(10 + y) * SIZE + at + x] = 40;
      return { width: SIZE, height: SIZE, data };
    };
    const frames = pair((x, y) => x === 0 || x === 6 || y === 0 || y === 12);
    const letters = pair((x, y) => Math.abs(Math.hypot((x - 3) / 3.5, (y - 6) / 6.5) - 0.85) < 0.2);
    const box = { left: 9, top: 9, width: 19, height: 15 };
    expect(isHollowBox(frames, box)).toBe(false);
    expect(isRowOfHollowBoxes(frames, box)).toBe(true);
    expect(isRowOfHollowBoxes(letters, box)).toBe(false);
    const line: OcrLine = { text: '| io |', box: { left: 0, top: 9, width: 34, height: 15 }, words: [
      { text: '|', box: { left: 0, top: 9, width: 2, height: 15 }, confidence: 80 },
      { text: 'io', box, confidence: 70 },
      { text: '|', box: { left: 32, top: 9, width: 2, height: 15 }, confidence: 80 },
    ] };
    expect(withoutMissingGlyphs([line], frames)[0]!.text).toBe('| |');
    expect(withoutMissingGlyphs([line], letters)).toEqual([line]);
    // A table's bar and a box, read as "Io"; two bars alone ("ll") are no box.
    const barred = pair((x, y) => x === 0 || x === 6 || y === 0 || y === 12);
    for (let y = 10; y < 23; y++) barred.data[y * SIZE + 6] = 40;
    expect(isRowOfHollowBoxes(barred, { left: 5, top: 9, width: 23, height: 15 })).toBe(true);
    const bars = pair((x) => x === 3);
    expect(isRowOfHollowBoxes(bars, box)).toBe(false);
  });
});
