import type { Worker as TesseractWorker } from 'tesseract.js';
import type { OcrLine } from '../../src/shared/results.ts';
import { cropRect, isDark, medianLuminance, withoutRects, type GrayImage, type Rect } from './grayImage.ts';
import { toPgm } from './pgm.ts';
import { flattenBars, inverted } from './bars.ts';
import { cleanLines } from './cleanLines.ts';
import { planScales } from './scalePlan.ts';
import { inReadingOrder, textOfLines } from './splice.ts';
import { doubled } from './textSize.ts';
import { withoutMissingGlyphs } from './missingGlyphs.ts';
import { linesFromTsv } from './tsvLines.ts';

/** Background rows added above and below a band: tesseract misses lines that touch the edge. */
const MARGIN = 12;

/** A line at a band's edge whose words average under this confidence is a sliver of a line cut off, not text. */
const CUT_LINE_CONFIDENCE = 50;
/** How close to a band's top or bottom a line must reach to be taken for one cut off there. */
const EDGE = 2;

/** What tesseract read in a picture or a band of it. */
export interface Reading {
  /** Tesseract's own text, blank lines and trailing spaces dropped. */
  text: string;
  confidence: number;
  /** In the pixels of the whole screen the band came from. */
  lines: OcrLine[];
}

/** Tesseract's text without its blank lines and trailing spaces; one line per line of the screen. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** `image` with `rows` rows of `value` added above and below. */
function withMargin(image: GrayImage, rows: number, value: number): GrayImage {
  const data = new Uint8Array(image.width * (image.height + 2 * rows)).fill(value);
  data.set(image.data, rows * image.width);
  return { width: image.width, height: image.height + 2 * rows, data };
}

function shifted(line: OcrLine, dx: number, dy: number): OcrLine {
  const move = (box: OcrLine['box']) => ({ ...box, left: box.left + dx, top: box.top + dy });
  return { text: line.text, box: move(line.box), words: line.words.map((word) => ({ ...word, box: move(word.box) })) };
}

const shrunk = (box: OcrLine['box'], k: number) => {
  const left = Math.floor(box.left / k);
  const top = Math.floor(box.top / k);
  return { left, top, width: Math.ceil((box.left + box.width) / k) - left, height: Math.ceil((box.top + box.height) / k) - top };
};

/** A line read in a picture `k` times the size, in the picture's own pixels. */
function scaledDown(line: OcrLine, k: number): OcrLine {
  return { text: line.text, box: shrunk(line.box, k), words: line.words.map((word) => ({ ...word, box: shrunk(word.box, k) })) };
}

const meanConfidence = (line: OcrLine) => line.words.reduce((sum, word) => sum + word.confidence, 0) / line.words.length;

/**
 * Reads a rectangle of a screen with tesseract at `scale`, handing it greyscale pixels as a PGM.
 * A dark picture is inverted first: the model reads dark text on light far better than the
 * reverse, and bars of another colour are redrawn dark on light (bars.ts). Lines of noise and a
 * font's missing-glyph boxes (missingGlyphs.ts) are dropped. Boxes come back in the whole
 * screen's pixels.
 */
async function readRect(reader: TesseractWorker, image: GrayImage, rect: Rect, scale: 1 | 2, signal: AbortSignal | undefined): Promise<Reading> {
  // Checked before every call: only terminating tesseract stops a call under way, so none starts after an abort.
  signal?.throwIfAborted();
  const whole = rect.top === 0 && rect.bottom === image.height && rect.left === 0 && rect.right === image.width;
  const crop = whole ? image : cropRect(image, rect);
  const invert = isDark(crop);
  const margin = whole ? 0 : MARGIN;
  const padded = margin === 0 ? crop : withMargin(crop, margin, medianLuminance(crop));
  const upright = invert ? inverted(padded) : padded;
  const flat = flattenBars(upright, medianLuminance(upright));
  const picture = scale === 1 ? flat : doubled(flat);
  // The bytes themselves: tesseract.js copies a Uint8Array once, where a Blob costs a copy into it
  // and a FileReader's read back out (0.5 s over the 12 samples' 134 calls).
  const pgm = toPgm(picture) as unknown as Buffer;
  const { data } = await reader.recognize(pgm, {}, { text: true, tsv: true });
  const offset = rect.top - margin;
  const read = linesFromTsv(data.tsv ?? '');
  const raw = withoutMissingGlyphs(read, picture);
  let lines = cleanLines(scale === 1 ? raw : raw.map((line) => scaledDown(line, scale)));
  const cleaned = lines.length !== read.length || lines.some((line, i) => line.text !== read[i]!.text);
  if (!whole) {
    // A band may hold the top or bottom of a line the screen's edge or a bar cuts off: the whole
    // screen's reading skips such a sliver, and so does a band's.
    const cut = (line: OcrLine) => line.box.top <= margin + EDGE || line.box.top + line.box.height >= margin + crop.height - EDGE;
    lines = lines.filter((line) => !cut(line) || meanConfidence(line) >= CUT_LINE_CONFIDENCE);
    lines = lines.map((line) => shifted(line, rect.left, offset));
  }
  // Tesseract's own text, unless cleaning changed its lines: then the text of the lines kept.
  if (!cleaned) return { text: tidy(data.text), confidence: Math.round(data.confidence * 10) / 10, lines };
  return { ...textOfLines(lines), lines };
}

/**
 * Reads a rectangle of a screen (the whole screen by default) with tesseract. A side column
 * (a sidebar) is read on its own, as tesseract joins its labels to the lines beside them. Small
 * text is read at twice its size, as tesseract misreads glyphs of a few pixels, and only small
 * text: a bigger picture costs tesseract time in proportion (scalePlan.ts). Bands of small lines
 * are read at 2× on their own and the rest of the rectangle at 1× with those bands and the side
 * columns blanked; a picture of mostly small text is read whole at 2×. Boxes come back in the
 * whole screen's pixels.
 */
export async function recognizeRect(
  reader: TesseractWorker,
  image: GrayImage,
  rect: Rect = { top: 0, bottom: image.height, left: 0, right: image.width },
  signal?: AbortSignal,
): Promise<Reading> {
  const whole = rect.top === 0 && rect.bottom === image.height && rect.left === 0 && rect.right === image.width;
  const plan = planScales(whole ? image : cropRect(image, rect));
  if (plan.kind === 'whole') return readRect(reader, image, rect, plan.scale, signal);
  const inScreen = (r: Rect) => ({ top: rect.top + r.top, bottom: rect.top + r.bottom, left: rect.left + r.left, right: rect.left + r.right });
  const columns = plan.columns.map((c) => ({ ...inScreen(c), scale: c.scale }));
  const main = withoutRects(image, columns);
  const small = plan.small.map((b) => inScreen({ top: b.top, bottom: b.bottom, left: 0, right: rect.right - rect.left }));
  const lines = [...(await readRect(reader, withoutRects(main, small), rect, plan.main, signal)).lines];
  for (const b of small) lines.push(...(await readRect(reader, main, b, 2, signal)).lines);
  for (const c of columns) lines.push(...(await readRect(reader, image, c, c.scale, signal)).lines);
  const ordered = inReadingOrder(lines);
  return { ...textOfLines(ordered), lines: ordered };
}
