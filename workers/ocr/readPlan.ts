import type { OcrLine } from '../../src/shared/results.ts';
import type { GrayImage } from './grayImage.ts';
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
 * - `bands`: keep `carried` (the previous lines, moved by the scroll) and read only `bands`.
 */
export type ReadPlan =
  | { kind: 'full' }
  | { kind: 'same' }
  | { kind: 'bands'; shift: number; bands: Band[]; carried: OcrLine[] };

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

/** Whether a row holds no text: its luminance barely varies across the screen. */
function blankRow(image: GrayImage, r: number): boolean {
  let low = 255;
  let high = 0;
  const row = r * image.width;
  for (let c = 0; c < image.width; c++) {
    const v = image.data[row + c]!;
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
const overlaps = (line: OcrLine, band: Band) => line.box.top < band.bottom && bottomOf(line) > band.top;

/** Runs of marked rows, merged across small gaps, padded. */
function runs(marked: Uint8Array): Band[] {
  const bands: Band[] = [];
  for (let r = 0; r < marked.length; r++) {
    if (!marked[r]) continue;
    const last = bands.at(-1);
    if (last && r - last.bottom <= MERGE_GAP) last.bottom = r + 1;
    else bands.push({ top: r, bottom: r + 1 });
  }
  return bands.map((band) => ({ top: Math.max(0, band.top - PAD), bottom: Math.min(marked.length, band.bottom + PAD) }));
}

/** Grows a band up and down to rows without text, so that it cuts no line it does not hold. */
function grown(image: GrayImage, band: Band): Band {
  let { top, bottom } = band;
  for (let n = 0; top > 0 && n < MAX_GROW && !blankRow(image, top); n++) top--;
  for (let n = 0; bottom < image.height && n < MAX_GROW && !blankRow(image, bottom - 1); n++) bottom++;
  return { top, bottom };
}

/** Sorted, overlapping bands joined. */
function joined(bands: Band[]): Band[] {
  const out: Band[] = [];
  for (const band of [...bands].sort((a, b) => a.top - b.top)) {
    const last = out.at(-1);
    if (last && band.top <= last.bottom + MERGE_GAP) last.bottom = Math.max(last.bottom, band.bottom);
    else out.push({ ...band });
  }
  return out;
}

/**
 * Decides how to read `current` after `previous`, whose text is `lines` (complete, in its pixels).
 * Finds the rectangle where the screens differ and the vertical scroll inside it; a line of the
 * previous screen is carried over, moved by the scroll, when every row it covers is the same in
 * both; all other rows that differ (the band a scroll reveals, a line typed) are read again, grown
 * to whole lines. Pure, so that node tests cover it.
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
  const mark = (top: number, bottom: number) => marked.fill(1, Math.max(0, top), Math.min(height, bottom));
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
      mark(top, bottom);
      mark(top - dy, bottom - dy);
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
    else mark(Math.max(region.top, next.box.top), Math.min(region.bottom, nextBottom));
  }
  let bands = joined(runs(marked).map((band) => grown(current, band)));
  // A carried line a band cuts into is read again with it, whole.
  for (let changed = true; changed; ) {
    changed = false;
    const cutLines = carried.filter((line) => bands.some((band) => overlaps(line, band)));
    if (cutLines.length === 0) break;
    carried = carried.filter((line) => !cutLines.includes(line));
    const wider = bands.map((band) => {
      const hit = cutLines.filter((line) => overlaps(line, band));
      const top = Math.min(band.top, ...hit.map((line) => Math.max(0, line.box.top - PAD)));
      const bottom = Math.max(band.bottom, ...hit.map((line) => Math.min(height, bottomOf(line) + PAD)));
      if (top !== band.top || bottom !== band.bottom) changed = true;
      return { top, bottom };
    });
    bands = joined(wider);
  }
  if (bands.length === 0 && dy === 0) return { kind: 'same' };
  const rows = bands.reduce((sum, band) => sum + band.bottom - band.top, 0);
  if (rows > FULL_SHARE * height) return { kind: 'full' };
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
