import type { OcrLine, OcrWord, PackedLines, PixelBox } from './results.ts';

// A screen of text is some 40 lines of 8 words: as objects, over a thousand per screen, each one
// cloned into the main thread and again into IndexedDB. Packed, a screen is five values.

/** A whole number an Int32Array holds as it is (-0 is not: it would come back as 0). */
const isInt32 = (value: number) => (value | 0) === value && !Object.is(value, -0);

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
    textLengths: Uint32Array.from(texts, (text) => text.length),
    wordCounts: Uint32Array.from(lines, (line) => line.words.length),
    // Exact whatever the numbers: the compact arrays when every value fits them, else doubles.
    boxes: boxes.every(isInt32) ? Int32Array.from(boxes) : Float64Array.from(boxes),
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

/** How many words the packed lines hold, without unpacking them. */
export function packedWordCount(packed: PackedLines): number {
  return packed.wordCounts.reduce((sum, count) => sum + count, 0);
}
