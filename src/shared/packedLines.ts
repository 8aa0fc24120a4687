import type { OcrLine, OcrWord, PackedLines, PixelBox } from './results.ts';

// A screen of text is some 40 lines of 8 words: as objects, some 760 per screen (a word and its box each), each one
// cloned into the main thread and again into IndexedDB. Packed, a screen is five values.

/** A whole number from `min` to `max` (-0 is not: an integer array gives it back as 0). */
const within = (min: number, max: number) => (value: number) => Number.isInteger(value) && value >= min && value <= max && !Object.is(value, -0);

// Cloning costs the main thread by the byte (serializing for IndexedDB most): the narrowest array that holds every value exactly.

/** Counts and lengths: in bytes when they fit, else in 16 or 32 bits. */
function counts(values: number[]): Uint8Array | Uint16Array | Uint32Array {
  if (values.every(within(0, 0xff))) return Uint8Array.from(values);
  return values.every(within(0, 0xffff)) ? Uint16Array.from(values) : Uint32Array.from(values);
}

/** Box coordinates: whole pixels in 16 bits (a screen of up to 32,767 px), else 32; any other number as a double. */
function coordinates(values: number[]): Int16Array | Int32Array | Float64Array {
  if (values.every(within(-0x8000, 0x7fff))) return Int16Array.from(values);
  return values.every(within(-0x80000000, 0x7fffffff)) ? Int32Array.from(values) : Float64Array.from(values);
}

/** A confidence a Uint16Array of tenths gives back as it is: OCR rounds to tenths (workers/ocr/tsvLines.ts). */
const isTenths = (value: number) => {
  const tenths = Math.round(value * 10);
  return tenths >= 0 && tenths <= 0xffff && tenths / 10 === value && !Object.is(value, -0);
};

/** `lines` packed into a few strings and typed arrays; `unpackLines` gives them back equal. */
export function packLines(lines: readonly OcrLine[]): PackedLines {
  const texts: string[] = [];
  const boxes: number[] = [];
  const confidences: number[] = [];
  const add = (text: string, box: PixelBox) => {
    texts.push(text);
    boxes.push(box.left, box.top, box.width, box.height);
  };
  for (const line of lines) {
    add(line.text, line.box);
    for (const word of line.words) {
      add(word.text, word.box);
      confidences.push(word.confidence);
    }
  }
  return {
    texts: texts.join(''),
    textLengths: counts(texts.map((text) => text.length)),
    wordCounts: counts(lines.map((line) => line.words.length)),
    boxes: coordinates(boxes),
    confidences: confidences.every(isTenths) ? Uint16Array.from(confidences, (c) => Math.round(c * 10)) : Float64Array.from(confidences),
  };
}

/** The lines `packLines` packed, as new objects. */
export function unpackLines(packed: PackedLines): OcrLine[] {
  const { texts, textLengths, wordCounts, boxes, confidences } = packed;
  const tenths = confidences instanceof Uint16Array;
  let item = 0;
  let at = 0;
  let wordAt = 0;
  // The next text and its box, in the order they were packed.
  const next = (): { text: string; box: PixelBox } => {
    const end = at + textLengths[item]!;
    const b = item * 4;
    const text = texts.slice(at, end);
    at = end;
    item++;
    return { text, box: { left: boxes[b]!, top: boxes[b + 1]!, width: boxes[b + 2]!, height: boxes[b + 3]! } };
  };
  const lines: OcrLine[] = [];
  for (const count of wordCounts) {
    const { text, box } = next();
    const words: OcrWord[] = [];
    for (let w = 0; w < count; w++, wordAt++) {
      const confidence = tenths ? confidences[wordAt]! / 10 : confidences[wordAt]!;
      words.push({ ...next(), confidence });
    }
    lines.push({ text, box, words });
  }
  return lines;
}
