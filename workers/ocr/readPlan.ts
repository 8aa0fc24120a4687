import type { OcrLine } from '../../src/shared/results.ts';
import type { GrayImage, Rect } from './grayImage.ts';
import { findShift, type Region } from './verticalShift.ts';

/** Rows of a screen to read again, top inclusive, bottom exclusive, in the screen's pixels. */
export interface Band {
  top: number;
  bottom: number;
}

/**
 * How to read a screen, given the last screen read and its complete lines:
 * - `full`: read the whole picture (first screen, another size, or too much changed);
 * - `same`: nothing that holds text changed, the previous lines stand;
 * - `bands`: keep `carried` (the previous lines, moved by the scroll) and read only `bands`: rows,
 *   and of them only the columns that hold the change, so a sidebar beside an edited line stays carried.
 */
export type ReadPlan =
  | { kind: 'full' }
  | { kind: 'same' }
  | { kind: 'bands'; shift: number; bands: Rect[]; carried: OcrLine[] };

/** Horizontal windows a row is compared in: a changed letter moves a window's mean, noise does not. */
const WINDOW = 16;
/** Mean luminance difference (0..255) over a window above which that part of the row changed: a
 * glyph changed moves it by 60 or more, a video encoder's noise around the same glyph by under 20. */
const WINDOW_CHANGE = 28;
/** Above this share of the screen's height in bands, one full read costs less than many small ones. */
export const FULL_SHARE = 0.6;
/** Bands closer than this are read as one. */
const MERGE_GAP = 24;
/** Rows added around every band, so no glyph is cut at its edge. */
const PAD = 4;
/** How far a band grows, up and down, to end on a row without text. */
const MAX_GROW = 64;
/** A row whose luminance spread (max − min) is below this holds no text. */
const BLANK_SPREAD = 40;
/** A line this close to the edge of the scrolling area was cut by it: read it again. */
const EDGE = 3;
/** Blank columns that end a band sideways: wider than the space between two words. */
const GUTTER = 24;
/** Blank columns of a gutter kept beside a band's text: tesseract misses glyphs touching an edge. */
const SIDE_PAD = 8;

/** Whether row `a` of `x` and row `b` of `y` are the same over columns left..right (windowed). */
function sameRow(x: GrayImage, a: number, y: GrayImage, b: number, left: number, right: number): boolean {
  const w = x.width;
  const xa = a * w;
  const yb = b * w;
  for (let start = left; start < right; start += WINDOW) {
    const end = Math.min(right, start + WINDOW);
    let sum = 0;
    for (let c = start; c < end; c++) sum += Math.abs(x.data[xa + c]! - y.data[yb + c]!);
    if (sum > WINDOW_CHANGE * (end - start)) return false;
  }
  return true;
}

/** The rectangle holding every change between two screens of one size, or null when none. */
function changedRegion(previous: GrayImage, current: GrayImage): Region | null {
  const w = current.width;
  let top = -1;
  let bottom = -1;
  let left = w;
  let right = 0;
  for (let r = 0; r < current.height; r++) {
    const row = r * w;
    for (let start = 0; start < w; start += WINDOW) {
      const end = Math.min(w, start + WINDOW);
      let sum = 0;
      for (let c = start; c < end; c++) sum += Math.abs(current.data[row + c]! - previous.data[row + c]!);
      if (sum <= WINDOW_CHANGE * (end - start)) continue;
      if (top < 0) top = r;
      bottom = r + 1;
      left = Math.min(left, start);
      right = Math.max(right, end);
    }
  }
  return top < 0 ? null : { top, bottom, left, right };
}

/** Whether row `r` holds no text between columns left..right: its luminance barely varies there. */
function blankRow(image: GrayImage, r: number, left: number, right: number): boolean {
  let low = 255;
  let high = 0;
  const row = r * image.width;
  for (let c = left; c < right; c++) {
    const v = image.data[row + c]!;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return high - low < BLANK_SPREAD;
}

/** Whether column `c` holds no text between rows top..bottom. */
function blankColumn(image: GrayImage, c: number, top: number, bottom: number): boolean {
  let low = 255;
  let high = 0;
  for (let r = top; r < bottom; r++) {
    const v = image.data[r * image.width + c]!;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return high - low < BLANK_SPREAD;
}

function moved(line: OcrLine, dy: number): OcrLine {
  if (dy === 0) return line;
  return {
    text: line.text,
    box: { ...line.box, top: line.box.top - dy },
    words: line.words.map((word) => ({ ...word, box: { ...word.box, top: word.box.top - dy } })),
  };
}

const bottomOf = (line: OcrLine) => line.box.top + line.box.height;

/** `line` cut to the rows of `region`. */
function withinRows(line: OcrLine, region: Region): OcrLine {
  const top = Math.max(region.top, line.box.top);
  const bottom = Math.min(region.bottom, bottomOf(line));
  return { ...line, box: { ...line.box, top, height: bottom - top } };
}
const overlapsRows = (line: OcrLine, band: Band) => line.box.top < band.bottom && bottomOf(line) > band.top;
const overlaps = (line: OcrLine, band: Rect) => overlapsRows(line, band) && line.box.left < band.right && line.box.left + line.box.width > band.left;

/** Runs of marked rows, merged across small gaps, padded, spanning columns left..right. */
function runs(marked: Uint8Array, left: number, right: number): Rect[] {
  const bands: Rect[] = [];
  for (let r = 0; r < marked.length; r++) {
    if (!marked[r]) continue;
    const last = bands.at(-1);
    if (last && r - last.bottom <= MERGE_GAP) last.bottom = r + 1;
    else bands.push({ top: r, bottom: r + 1, left, right });
  }
  return bands.map((band) => ({ ...band, top: Math.max(0, band.top - PAD), bottom: Math.min(marked.length, band.bottom + PAD) }));
}

/** The column where a band's side ends, walking from `from` by `step` to a gutter or the picture's edge. */
function sideEdge(image: GrayImage, from: number, step: 1 | -1, top: number, bottom: number): number {
  let blank = 0;
  for (let c = from; c >= 0 && c < image.width; c += step) {
    blank = blankColumn(image, c, top, bottom) ? blank + 1 : 0;
    if (blank < GUTTER) continue;
    // `c` is GUTTER columns into the gutter: keep SIDE_PAD of them beside the text.
    const inner = c - step * (GUTTER - 1);
    return step < 0 ? Math.max(0, inner - SIDE_PAD + 1) : Math.min(image.width, inner + SIDE_PAD);
  }
  return step < 0 ? 0 : image.width;
}

/**
 * Grows a band up and down to rows without text in its columns, then sideways to a gutter (or the
 * edge), then up and down again for what the new columns hold: it cuts no line it does not hold.
 */
function grown(image: GrayImage, band: Rect): Rect {
  const rows = ({ top, bottom, left, right }: Rect): Rect => {
    for (let n = 0; top > 0 && n < MAX_GROW && !blankRow(image, top, left, right); n++) top--;
    for (let n = 0; bottom < image.height && n < MAX_GROW && !blankRow(image, bottom - 1, left, right); n++) bottom++;
    return { top, bottom, left, right };
  };
  const tall = rows(band);
  const wide = { ...tall, left: sideEdge(image, tall.left - 1, -1, tall.top, tall.bottom), right: sideEdge(image, tall.right, 1, tall.top, tall.bottom) };
  return rows({ ...wide, left: Math.min(wide.left, tall.left), right: Math.max(wide.right, tall.right) });
}

/** Bands sorted, those that overlap or nearly touch in rows joined into the rectangle holding both. */
function joined(bands: Rect[]): Rect[] {
  const out: Rect[] = [];
  for (const band of [...bands].sort((a, b) => a.top - b.top)) {
    const last = out.at(-1);
    if (!last || band.top > last.bottom + MERGE_GAP) {
      out.push({ ...band });
      continue;
    }
    last.bottom = Math.max(last.bottom, band.bottom);
    last.left = Math.min(last.left, band.left);
    last.right = Math.max(last.right, band.right);
  }
  return out;
}

/** `band` widened to hold every line of `lines` it overlaps in rows, padded. */
function holding(band: Rect, lines: readonly OcrLine[], height: number, width: number): Rect {
  const hit = lines.filter((line) => overlapsRows(line, band));
  if (hit.length === 0) return band;
  return {
    top: Math.min(band.top, ...hit.map((line) => Math.max(0, line.box.top - PAD))),
    bottom: Math.max(band.bottom, ...hit.map((line) => Math.min(height, bottomOf(line) + PAD))),
    left: Math.min(band.left, ...hit.map((line) => Math.max(0, line.box.left - SIDE_PAD))),
    right: Math.max(band.right, ...hit.map((line) => Math.min(width, line.box.left + line.box.width + SIDE_PAD))),
  };
}

/**
 * Decides how to read `current` after `previous`, whose text is `lines` (complete, in its pixels).
 * Finds the rectangle where the screens differ and the vertical scroll inside it; a line of the
 * previous screen is carried over, moved by the scroll, when every row it covers is the same in
 * both; all other rows that differ (the band a scroll reveals, a line typed) are read again, in
 * the columns that changed, grown to whole lines and sideways to a gutter: text beside them in other
 * columns (a sidebar, a second pane) stays carried. Pure, so that node tests cover it.
 */
export function planRead(previous: { image: GrayImage; lines: OcrLine[] } | null, current: GrayImage): ReadPlan {
  if (!previous || previous.image.width !== current.width || previous.image.height !== current.height) return { kind: 'full' };
  const before = previous.image;
  const region = changedRegion(before, current);
  if (!region) return { kind: 'same' };
  const dy = findShift(before, current, region);
  const height = current.height;
  // Rows outside the region did not change; inside it a row is kept when it is the previous row `dy` below.
  const carriedRow = new Uint8Array(height).fill(1);
  for (let r = region.top; r < region.bottom; r++) {
    const from = r + dy;
    const same = from >= region.top && from < region.bottom && sameRow(current, r, before, from, region.left, region.right);
    carriedRow[r] = same ? 1 : 0;
  }
  const marked = new Uint8Array(height);
  for (let r = 0; r < height; r++) marked[r] = carriedRow[r] ? 0 : 1;
  // Lines read again, where they are now: a band holds their columns too, beyond the changed ones.
  const reread: OcrLine[] = [];
  const mark = (line: OcrLine) => {
    marked.fill(1, Math.max(0, line.box.top), Math.min(height, bottomOf(line)));
    reread.push(line);
  };
  let carried: OcrLine[] = [];
  for (const line of previous.lines) {
    const { top, left, width } = line.box;
    const bottom = bottomOf(line);
    const outsideRows = bottom <= region.top || top >= region.bottom;
    const outsideColumns = left + width <= region.left || left >= region.right;
    if (outsideRows || outsideColumns) {
      carried.push(line);
      continue;
    }
    const inside = left >= region.left && left + width <= region.right;
    if (!inside && dy !== 0) {
      // Half still, half scrolling: wherever its parts are now, those rows are read again.
      mark(line);
      mark(moved(line, dy));
      continue;
    }
    const next = moved(line, dy);
    const nextBottom = bottomOf(next);
    // Scrolled out of view.
    if (nextBottom <= region.top || next.box.top >= region.bottom) continue;
    const cut = dy !== 0 && (top <= region.top + EDGE || bottom >= region.bottom - EDGE);
    let kept = !cut && next.box.top >= region.top && nextBottom <= region.bottom;
    for (let r = next.box.top; kept && r < nextBottom; r++) kept = carriedRow[r] === 1;
    if (kept) carried.push(next);
    // Only its rows inside the scrolling area: above or below it is what stayed still.
    else mark(withinRows(next, region));
  }
  let bands = joined(runs(marked, region.left, region.right).map((band) => grown(current, holding(band, reread, height, current.width))));
  // A carried line a band cuts into is read again with it, whole.
  for (;;) {
    const cutLines = carried.filter((line) => bands.some((band) => overlaps(line, band)));
    if (cutLines.length === 0) break;
    carried = carried.filter((line) => !cutLines.includes(line));
    bands = joined(bands.map((band) => holding(band, cutLines.filter((line) => overlaps(line, band)), height, current.width)));
  }
  if (bands.length === 0 && dy === 0) return { kind: 'same' };
  // Rows, not area: a new page of short lines is as much text to read as the whole screen.
  if (bands.reduce((sum, band) => sum + band.bottom - band.top, 0) > FULL_SHARE * height) return { kind: 'full' };
  return { kind: 'bands', shift: dy, bands, carried };
}

/**
 * Whether `current` will be read whole after `previous` whatever the previous screen's lines: its
 * lines only ever add rows to read (a line cut or moved is read again, a band grows to hold a line
 * it cuts), so when the changed pixels alone call for a full read, so does planRead with any lines.
 * `previous` null: the first screen, or the one before could not be read.
 */
export function surelyWhole(previous: GrayImage | null, current: GrayImage): boolean {
  return planRead(previous && { image: previous, lines: [] }, current).kind === 'full';
}
