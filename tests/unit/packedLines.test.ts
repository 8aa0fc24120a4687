import { describe, expect, test } from 'vitest';
import { packLines, unpackLines } from '../../src/shared/packedLines.ts';
import type { OcrLine, OcrWord, PixelBox } from '../../src/shared/results.ts';
import { hasWords, linesOf, storedLines } from '../../src/shared/screenLines.ts';

const box = (left: number, top: number, width = 40, height = 18): PixelBox => ({ left, top, width, height });
const word = (text: string, left: number, top: number, confidence = 91.3): OcrWord => ({ text, box: box(left, top), confidence });
const line = (words: OcrWord[], text = words.map((w) => w.text).join(' ')): OcrLine => ({
  text,
  box: box(words[0]?.box.left ?? 0, words[0]?.box.top ?? 0, 300, 20),
  words,
});

/** Packed and unpacked again, through a structured clone as IndexedDB and postMessage make one. */
const roundTrip = (lines: OcrLine[]) => unpackLines(structuredClone(packLines(lines)));

describe('packLines() and unpackLines()', () => {
  test('give back equal lines: texts, boxes, confidences and the words of each line', () => {
    const lines = [
      line([word('Quarterly', 24, 30, 96.4), word('invoice', 140, 30, 0), word('review', 240, 30, 100)]),
      line([word('Refunds', 24, 70, 55.5), word('go', 120, 70, 12.1)], 'Refunds  go'),
    ];
    expect(roundTrip(lines)).toEqual(lines);
  });

  test('an empty array, and lines with no words', () => {
    expect(roundTrip([])).toEqual([]);
    const empty = [line([], ''), line([word('x', 1, 2)]), line([], 'no words here')];
    expect(roundTrip(empty)).toEqual(empty);
  });

  test('texts with spaces, tabs, newlines, unicode beyond the BMP and nothing at all', () => {
    const lines = [
      line([word('a b', 0, 0), word('', 10, 0), word('tab\there', 20, 0), word('new\nline', 30, 0)], 'a b  tab\there new\nline'),
      line([word('Zoë', 0, 40), word('日本語', 50, 40), word('👩‍💻🎉', 90, 40), word('\u0000', 120, 40), word('\ud83d', 130, 40)]),
    ];
    const back = roundTrip(lines);
    expect(back).toEqual(lines);
    expect(back[1]!.words.map((w) => w.text)).toEqual(['Zoë', '日本語', '👩‍💻🎉', '\u0000', '\ud83d']);
  });

  test('negative, fractional and huge coordinates, and -0, come back as they were', () => {
    const odd: OcrLine = {
      text: 'odd',
      box: { left: -12, top: -0.5, width: 1e10, height: 2 ** 31 },
      words: [{ text: 'odd', box: { left: 1 / 3, top: -0, width: 0.1, height: -7 }, confidence: 50 }],
    };
    const back = roundTrip([odd]);
    expect(back).toEqual([odd]);
    expect(Object.is(back[0]!.words[0]!.box.top, -0)).toBe(true);
    // Whole pixels, the OCR's own boxes, keep the compact arrays.
    expect(packLines([line([word('a', -3, 4)])]).boxes).toBeInstanceOf(Int16Array);
    const wide = [line([word('far', 40_000, -40_000)])];
    expect(packLines(wide).boxes).toBeInstanceOf(Int32Array);
    expect(roundTrip(wide)).toEqual(wide);
    expect(packLines([odd]).boxes).toBeInstanceOf(Float64Array);
  });

  test('long texts and long lines widen the arrays of lengths and counts, and still come back', () => {
    const long = [line([word('x'.repeat(300), 0, 0), word('y'.repeat(70_000), 0, 0)])];
    expect(packLines(long).textLengths).toBeInstanceOf(Uint32Array);
    expect(roundTrip(long)).toEqual(long);
    const many = [line(Array.from({ length: 300 }, (_, i) => word(`w${i}`, i, 0)))];
    expect(packLines(many).wordCounts).toBeInstanceOf(Uint16Array);
    expect(packLines(many).textLengths).toBeInstanceOf(Uint16Array);
    expect(roundTrip(many)).toEqual(many);
    expect(packLines([line([word('ok', 0, 0)])]).textLengths).toBeInstanceOf(Uint8Array);
  });

  test('confidences in tenths, as OCR rounds them, and any other number exactly', () => {
    const tenths = [0, 0.1, 33.3, 66.7, 99.9, 100].map((c, i) => word(`w${i}`, i * 10, 0, c));
    expect(packLines([line(tenths)]).confidences).toBeInstanceOf(Uint16Array);
    expect(roundTrip([line(tenths)])).toEqual([line(tenths)]);
    // Each alone, so no other value sends the line to doubles in its stead.
    for (const odd of [91.25, -1, 1 / 3, 6553.6, Number.NaN]) {
      const other = [line([word('a', 0, 0, 50), word('b', 10, 0, odd)])];
      expect(packLines(other).confidences).toBeInstanceOf(Float64Array);
      expect(roundTrip(other)).toEqual(other);
    }
  });

  test('a screen of 40 lines of 8 words is five values, not an object per word', () => {
    const lines = Array.from({ length: 40 }, (_, l) => line(Array.from({ length: 8 }, (_, w) => word(`word${l}-${w}`, w * 60, l * 24, (l * 8 + w) % 1001 / 10))));
    const packed = packLines(lines);
    expect(Object.keys(packed)).toHaveLength(5);
    expect([...packed.wordCounts]).toEqual(Array(40).fill(8));
    expect(roundTrip(lines)).toEqual(lines);
  });
});

describe('linesOf()', () => {
  const lines = [line([word('Contact', 24, 130), word('dana@example.org', 140, 130)])];

  test('reads packed lines and lines stored as objects before packing alike', () => {
    expect(linesOf({ ...storedLines(lines) })).toEqual(lines);
    expect(linesOf({ lines })).toEqual(lines);
  });

  test('is undefined for a screen with no lines: nothing read, or stored before there were boxes', () => {
    expect(storedLines([])).toEqual({});
    expect(linesOf({})).toBeUndefined();
  });

  test('hasWords() tells a screen with words from one without, in either form, without unpacking', () => {
    expect(hasWords(storedLines(lines))).toBe(true);
    expect(hasWords({ lines })).toBe(true);
    expect(hasWords(storedLines([line([], 'a line of no words')]))).toBe(false);
    expect(hasWords({ lines: [line([], 'a line of no words')] })).toBe(false);
    expect(hasWords({})).toBe(false);
  });
});
