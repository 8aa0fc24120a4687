import { describe, expect, test } from 'vitest';
import { decodeCtc } from '../../workers/ocr/ppocr/ctc.ts';
import { findTextBoxes } from '../../workers/ocr/ppocr/dbBoxes.ts';

/** A probability map `width` × `height` at 0 with rectangles [left, top, right, bottom) at `p`. */
function map(width: number, height: number, rects: Array<[number, number, number, number]>, p = 0.9): Float32Array {
  const data = new Float32Array(width * height);
  for (const [l, t, r, b] of rects) for (let y = t; y < b; y++) data.fill(p, y * width + l, y * width + r);
  return data;
}

/** A CTC output that picks class `picks[t]` at step t, with probability 0.9. */
function ctcOutput(picks: number[], classes: number): Float32Array {
  const data = new Float32Array(picks.length * classes).fill(0.1 / (classes - 1));
  picks.forEach((c, t) => (data[t * classes + c] = 0.9));
  return data;
}

describe('findTextBoxes()', () => {
  test('two regions apart are two boxes, each grown by area × 1.5 / perimeter, in reading order', () => {
    // 20 × 4 region: grows by 20·4·1.5 / (2·24) = 2.5 pixels on every side.
    const boxes = findTextBoxes(map(100, 40, [[60, 20, 80, 24], [10, 10, 30, 14]]), 100, 40);
    expect(boxes.map(({ left, top, width, height }) => ({ left, top, width, height }))).toEqual([
      { left: 7, top: 7, width: 26, height: 10 },
      { left: 57, top: 17, width: 26, height: 10 },
    ]);
  });

  test('regions touching at a corner are one (8-connected)', () => {
    expect(findTextBoxes(map(60, 30, [[5, 5, 20, 10], [20, 10, 40, 15]]), 60, 30)).toHaveLength(1);
  });

  test('a region of low mean probability, or thinner than 3 pixels, is dropped', () => {
    expect(findTextBoxes(map(60, 30, [[5, 5, 40, 12]], 0.5), 60, 30)).toEqual([]);
    expect(findTextBoxes(map(60, 30, [[5, 5, 40, 7]]), 60, 30)).toEqual([]);
  });

  test('a grown box stays inside the map', () => {
    const [box] = findTextBoxes(map(50, 20, [[0, 0, 50, 6]]), 50, 20);
    expect(box).toMatchObject({ left: 0, top: 0, width: 50 });
  });
});

describe('decodeCtc()', () => {
  const dictionary = ['a', 'b', ' '];

  test('merges a class repeated on consecutive steps and drops blanks (class 0)', () => {
    const chars = decodeCtc(ctcOutput([1, 1, 0, 2, 2, 3, 1], 4), 7, 4, dictionary);
    expect(chars.map((c) => c.char).join('')).toBe('ab a');
    expect(chars.map((c) => c.step)).toEqual([0, 3, 5, 6]);
  });

  test('a blank between two equal classes keeps both', () => {
    expect(decodeCtc(ctcOutput([1, 0, 1], 4), 3, 4, dictionary).map((c) => c.char).join('')).toBe('aa');
  });

  test('class i ≥ 1 is dictionary[i − 1], with its probability', () => {
    const [c] = decodeCtc(ctcOutput([2], 4), 1, 4, dictionary);
    expect(c).toEqual({ char: 'b', step: 0, probability: expect.closeTo(0.9, 5) });
  });
});
