import type { OcrLine, OcrWord } from '../../src/shared/results.ts';
import type { GrayImage } from './grayImage.ts';

/** A pixel this much darker than the lightest of its word's box is ink. */
const INK_STEP = 80;
/** Share of a side of the box that must be ink for the side to be a straight stroke. */
const SIDE_SHARE = 0.9;
/** Share of the inside (the box less its outline) that may be ink: a missing glyph's box is hollow. */
const HOLLOW_SHARE = 0.08;
/** How far in from each side the inside starts: a side doubled for a 2× reading is two pixels thick. */
const INSET = 2;
/** Longest word tested for missing-glyph boxes: tesseract reads a run of a few of them as "1111". */
const MAX_BOXES_WORD = 6;
/** Smaller boxes than this (in pixels) are dots and dashes, not glyphs. */
const MIN_SIZE = 6;

/** `box` clamped to the image, and its lightest value: ink is what is darker than that by INK_STEP. */
function boxArea(image: GrayImage, box: OcrWord['box']): { left: number; top: number; right: number; bottom: number; light: number } {
  const { width, data } = image;
  const left = Math.max(0, box.left);
  const top = Math.max(0, box.top);
  const right = Math.min(width, box.left + box.width);
  const bottom = Math.min(image.height, box.top + box.height);
  let light = 0;
  for (let r = top; r < bottom; r++) for (let c = left; c < right; c++) light = Math.max(light, data[r * width + c]!);
  return { left, top, right, bottom, light };
}

/**
 * Whether the pixels of `box` are a hollow rectangle: a font's "missing glyph" box (an emoji or a
 * symbol the font lacks, drawn as an empty frame), which tesseract reads as "O", "0" or "D". Real
 * letters are never four straight strokes around nothing: "O" and "0" are round at the corners,
 * "D" on one side.
 */
export function isHollowBox(image: GrayImage, box: OcrWord['box']): boolean {
  const { width, data } = image;
  const { left, top, right, bottom, light } = boxArea(image, box);
  const ink = (r: number, c: number) => data[r * width + c]! < light - INK_STEP;
  // The ink's own bounds: tesseract's box may have a pixel of margin.
  let [t, b, l, rr] = [bottom, top, right, left];
  for (let r = top; r < bottom; r++) {
    for (let c = left; c < right; c++) {
      if (!ink(r, c)) continue;
      [t, b, l, rr] = [Math.min(t, r), Math.max(b, r + 1), Math.min(l, c), Math.max(rr, c + 1)];
    }
  }
  if (b - t < MIN_SIZE || rr - l < MIN_SIZE) return false;
  // Each side straight: ink on the outermost row or column of the ink, nearly all along it.
  let sides = 0;
  for (let r = t; r < b; r++) sides += (ink(r, l) ? 1 : 0) + (ink(r, rr - 1) ? 1 : 0);
  for (let c = l; c < rr; c++) sides += (ink(t, c) ? 1 : 0) + (ink(b - 1, c) ? 1 : 0);
  if (sides < SIDE_SHARE * 2 * (b - t + rr - l)) return false;
  let inside = 0;
  let area = 0;
  for (let r = t + INSET; r < b - INSET; r++) {
    for (let c = l + INSET; c < rr - INSET; c++, area++) if (ink(r, c)) inside++;
  }
  return area > 0 && inside <= HOLLOW_SHARE * area;
}

/**
 * Whether the ink of `box` is one or more missing-glyph boxes side by side and nothing else but
 * bars: a run of emoji the font lacks, which tesseract reads as "1111" or "l/l", or a table's bar
 * and box read as "Io". The ink is cut into runs of columns with ink; each run as wide as a glyph
 * must be a hollow box (isHollowBox), narrower runs are bars.
 */
export function isRowOfHollowBoxes(image: GrayImage, box: OcrWord['box']): boolean {
  const { width, data } = image;
  const { left, top, right, bottom, light } = boxArea(image, box);
  const inkIn = (c: number) => {
    for (let r = top; r < bottom; r++) if (data[r * width + c]! < light - INK_STEP) return true;
    return false;
  };
  const runs: Array<[number, number]> = [];
  for (let c = left; c < right; c++) {
    if (!inkIn(c)) continue;
    const last = runs.at(-1);
    if (last && last[1] === c) last[1] = c + 1;
    else runs.push([c, c + 1]);
  }
  // A narrow run is a table's bar beside the boxes ("| ▯" read as "Io"): allowed, but not alone.
  const boxes = runs.filter(([l, r]) => r - l >= MIN_SIZE);
  return boxes.length > 0 && boxes.every(([l, r]) => isHollowBox(image, { left: l, top: box.top, width: r - l, height: box.height }));
}

function union(a: OcrWord['box'], b: OcrWord['box']): OcrWord['box'] {
  const left = Math.min(a.left, b.left);
  const top = Math.min(a.top, b.top);
  return { left, top, width: Math.max(a.left + a.width, b.left + b.width) - left, height: Math.max(a.top + a.height, b.top + b.height) - top };
}

/**
 * The lines without words that are missing glyphs' boxes and nothing else (isRowOfHollowBoxes), in the
 * pixels of `image` (dark text on light, as tesseract read it). A line left with no word is dropped. Pure.
 */
export function withoutMissingGlyphs(lines: OcrLine[], image: GrayImage): OcrLine[] {
  const out: OcrLine[] = [];
  for (const line of lines) {
    // Only short words: a box drawn in a word of letters is read as part of it, and kept.
    const words = line.words.filter((word) => word.text.length > MAX_BOXES_WORD || !isRowOfHollowBoxes(image, word.box));
    if (words.length === line.words.length) out.push(line);
    else if (words.length > 0) out.push({ text: words.map((word) => word.text).join(' '), box: words.map((word) => word.box).reduce(union), words });
  }
  return out;
}
