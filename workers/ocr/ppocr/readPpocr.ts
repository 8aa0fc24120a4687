import type { OcrLine, OcrWord } from '../../../src/shared/results.ts';
import { inverted } from '../bars.ts';
import { cropRows, isDark, type GrayImage, type Rect } from '../grayImage.ts';
import type { Band } from '../readPlan.ts';
import type { Reading } from '../recognize.ts';
import { inReadingOrder, textOfLines } from '../splice.ts';
import { decodeCtc, type CtcChar } from './ctc.ts';
import { findTextBoxes } from './dbBoxes.ts';
import type { PpocrModel } from './model.ts';
import { detectorInput, lineBatch, lineWidth } from './tensors.ts';

/** Lines recognised per call: PaddleOCR's batch size. */
const BATCH = 6;
/** PaddleOCR's drop_score: a line read with a lower mean character probability is noise. */
const DROP_SCORE = 0.5;

/** Above this many pixels (1080p) the detector sees the picture at half size: its text is big enough, and the cost is in proportion to the pixels. */
const HALVE_ABOVE = 1920 * 1080;

/** `image` at half its width and height, each pixel the mean of four. */
function halved(image: GrayImage): GrayImage {
  const width = image.width >> 1;
  const height = image.height >> 1;
  const data = new Uint8Array(width * height);
  const d = image.data;
  for (let y = 0; y < height; y++) {
    const a = 2 * y * image.width;
    const b = a + image.width;
    for (let x = 0; x < width; x++) data[y * width + x] = (d[a + 2 * x]! + d[a + 2 * x + 1]! + d[b + 2 * x]! + d[b + 2 * x + 1]! + 2) >> 2;
  }
  return { width, height, data };
}

/** The text boxes PP-OCR's detector finds in `image`, as rectangles of its pixels. */
async function detect(model: PpocrModel, image: GrayImage): Promise<Rect[]> {
  const k = image.width * image.height > HALVE_ABOVE ? 2 : 1;
  const input = detectorInput(k === 1 ? image : halved(image));
  const feeds = { [model.detector.inputNames[0]!]: new model.ort.Tensor('float32', input.data, input.dims) };
  const output = (await model.detector.run(feeds))[model.detector.outputNames[0]!]!;
  const [, , height, width] = output.dims as [number, number, number, number];
  const boxes = findTextBoxes(output.data as Float32Array, width, height);
  return boxes
    .map((b) => ({ left: k * b.left, top: k * b.top, right: Math.min(image.width, k * (b.left + b.width)), bottom: Math.min(image.height, k * (b.top + b.height)) }))
    .filter((r) => r.right - r.left > 3 && r.bottom - r.top > 3);
}

/** A line's words from its characters, split at spaces; `toX` maps a time step to a column of the picture. */
function lineOf(rect: Rect, chars: CtcChar[], toX: (step: number) => number): OcrLine | null {
  const words: OcrWord[] = [];
  let run: CtcChar[] = [];
  const flush = (nextStep: number | null) => {
    if (run.length === 0) return;
    const left = Math.max(rect.left, Math.floor(toX(run[0]!.step - 0.5)));
    const right = Math.min(rect.right, Math.ceil(nextStep === null ? rect.right : toX(nextStep - 0.5)));
    const confidence = (run.reduce((sum, c) => sum + c.probability, 0) / run.length) * 100;
    words.push({ text: run.map((c) => c.char).join(''), box: { left, top: rect.top, width: Math.max(1, right - left), height: rect.bottom - rect.top }, confidence: Math.round(confidence * 10) / 10 });
    run = [];
  };
  for (const c of chars) {
    if (c.char === ' ') flush(c.step);
    else run.push(c);
  }
  flush(null);
  if (words.length === 0) return null;
  const left = words[0]!.box.left;
  const right = words.at(-1)!.box.left + words.at(-1)!.box.width;
  return { text: words.map((w) => w.text).join(' '), box: { left, top: rect.top, width: right - left, height: rect.bottom - rect.top }, words };
}

/** Recognises `rects` of `image` in batches of similar widths, as PaddleOCR does; lines below DROP_SCORE are dropped. */
async function recognize(model: PpocrModel, image: GrayImage, rects: Rect[]): Promise<OcrLine[]> {
  const order = rects.map((_, i) => i).sort((a, b) => lineWidth(rects[a]!) - lineWidth(rects[b]!));
  const lines: OcrLine[] = [];
  for (let start = 0; start < order.length; start += BATCH) {
    const batch = order.slice(start, start + BATCH).map((i) => rects[i]!);
    const input = lineBatch(image, batch);
    const feeds = { [model.recognizer.inputNames[0]!]: new model.ort.Tensor('float32', input.data, input.dims) };
    const output = (await model.recognizer.run(feeds))[model.recognizer.outputNames[0]!]!;
    const [, steps, classes] = output.dims as [number, number, number];
    const data = output.data as Float32Array;
    const batchWidth = input.dims[3];
    batch.forEach((rect, n) => {
      const chars = decodeCtc(data.subarray(n * steps * classes, (n + 1) * steps * classes), steps, classes, model.dictionary);
      if (chars.length === 0) return;
      const mean = chars.reduce((sum, c) => sum + c.probability, 0) / chars.length;
      if (mean < DROP_SCORE) return;
      // Step t covers columns t·(batch width / steps) of the scaled line; back to the picture's pixels.
      const scale = (rect.right - rect.left) / lineWidth(rect);
      const line = lineOf(rect, chars, (step) => rect.left + (step + 0.5) * (batchWidth / steps) * scale);
      if (line) lines.push(line);
    });
  }
  return lines;
}

/**
 * Reads rows top..bottom of a screen (the whole screen by default) with PP-OCRv4: the detector
 * finds text boxes in the picture (a dark one inverted first, as for tesseract), the recogniser
 * reads each box. Boxes come back in the whole screen's pixels, one line per box.
 */
export async function readWithPpocr(model: PpocrModel, image: GrayImage, band: Band = { top: 0, bottom: image.height }): Promise<Reading> {
  const whole = band.top === 0 && band.bottom === image.height;
  const crop = whole ? image : cropRows(image, band.top, band.bottom);
  const picture = isDark(crop) ? inverted(crop) : crop;
  const rects = await detect(model, picture);
  const lines = (await recognize(model, picture, rects)).map((line) => (band.top === 0 ? line : shifted(line, band.top)));
  const ordered = inReadingOrder(lines);
  return { ...textOfLines(ordered), lines: ordered };
}

function shifted(line: OcrLine, dy: number): OcrLine {
  const move = (box: OcrLine['box']) => ({ ...box, top: box.top + dy });
  return { text: line.text, box: move(line.box), words: line.words.map((word) => ({ ...word, box: move(word.box) })) };
}
