import { StageFailure } from '../stage.ts';
import { damagedImage } from './imageSize.ts';
import type { ImageSize } from './imageSize.ts';
import { pixelsOnWhite } from './canvas.ts';

/**
 * Finds whether one screen is the previous one scrolled: part of its picture is the previous
 * picture moved up or down. Works on "row images": each row of the screen shrunk to COLUMNS
 * luminance values, at most MAX_ROWS rows, so that a scroll moves whole rows.
 */

/** Luminance values per row: enough to tell one line of text from another. */
const COLUMNS = 96;
export const ROW_COLUMNS = COLUMNS;
/** Rows kept; taller screens are shrunk by a whole factor, so a scroll stays a whole number of rows. */
const MAX_ROWS = 720;
/** A column or row whose mean change is below this has not changed (0..1 luminance). */
const STILL = 0.004;
/** A row with less spread than this over the moving columns is blank: it would match anywhere. */
const INK = 0.04;
/** Difference, as a share of a row's own detail, under which two rows are the same row of text. */
const SAME_ROW = 0.35;
/** Shifts tried in full, found first by the rows' votes. */
const CANDIDATES = 24;
/** How close two rows' mean luminance must be for a vote. */
const SUMMARY = 0.01;
/** Fewest text rows two screens must share at a shift for it to count. */
const MIN_ROWS = 12;
/** Least share of the changed text rows a shift must overlap to count. */
const MIN_OVERLAP = 1 / 6;

export interface RowImage {
  rows: number;
  data: Float32Array;
}

/** Rows of the row image of a picture `height` pixels tall: shrunk by a whole factor, so a scroll moves whole rows. */
function rowCount(height: number): number {
  return Math.max(1, Math.round(height / Math.ceil(height / MAX_ROWS)));
}

/** The row image of RGBA pixels already shrunk to ROW_COLUMNS × `rows`. */
export function rowImageOfPixels(rgba: Uint8ClampedArray, rows: number): RowImage {
  const data = new Float32Array(ROW_COLUMNS * rows);
  for (let i = 0; i < data.length; i++) {
    data[i] = (0.299 * (rgba[i * 4] ?? 0) + 0.587 * (rgba[i * 4 + 1] ?? 0) + 0.114 * (rgba[i * 4 + 2] ?? 0)) / 255;
  }
  return { rows, data };
}

/** Decodes an image into its row image (row-major, ROW_COLUMNS values per row, 0..1). */
export async function rowImage(source: Blob | ImageBitmap, size: ImageSize, name: string): Promise<RowImage> {
  const rows = rowCount(size.height);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(source, { resizeWidth: COLUMNS, resizeHeight: rows, resizeQuality: 'medium' });
  } catch {
    throw new StageFailure('permanent', damagedImage(name));
  }
  return rowImageOfPixels(pixelsOnWhite(bitmap), rows);
}

/** Column differences left out of a row comparison: a scrollbar, a caret or a pointer moves too. */
const OUTLIERS = 3;

/** Mean absolute difference of row a of `x` and row b of `y` over `columns`, the OUTLIERS largest left out. */
function rowDifference(x: Float32Array, a: number, y: Float32Array, b: number, columns: number[]): number {
  const diffs = columns.map((c) => Math.abs((x[a * COLUMNS + c] ?? 0) - (y[b * COLUMNS + c] ?? 0)));
  const kept = diffs.sort((p, q) => p - q).slice(0, Math.max(1, diffs.length - OUTLIERS));
  return kept.reduce((sum, d) => sum + d, 0) / kept.length;
}

/**
 * Whether row a of `x` is row b of `y`: their difference is small against the row's own
 * detail (its mean distance from its average), so a sparse row ("}") needs a near-exact match.
 */
function sameRow(x: Float32Array, a: number, y: Float32Array, b: number, columns: number[]): boolean {
  let average = 0;
  for (const c of columns) average += x[a * COLUMNS + c] ?? 0;
  average /= columns.length;
  let detail = 0;
  for (const c of columns) detail += Math.abs((x[a * COLUMNS + c] ?? 0) - average);
  detail /= columns.length;
  return rowDifference(x, a, y, b, columns) < SAME_ROW * Math.max(detail, 0.01);
}

/** Spread (max − min) of each row over `columns`: text rows have ink, blank rows none. */
function rowInk(image: RowImage, columns: number[]): Float32Array {
  const ink = new Float32Array(image.rows);
  for (let r = 0; r < image.rows; r++) {
    let low = 1;
    let high = 0;
    for (const c of columns) {
      const v = image.data[r * COLUMNS + c] ?? 0;
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
    ink[r] = high - low;
  }
  return ink;
}

/** A row's mean and spread over the moving columns: cheap to compare, so every pair of rows can vote. */
function rowMeans(image: RowImage, columns: number[]): Float32Array {
  const mean = new Float32Array(image.rows);
  for (let r = 0; r < image.rows; r++) {
    let sum = 0;
    for (const c of columns) sum += image.data[r * COLUMNS + c] ?? 0;
    mean[r] = sum / columns.length;
  }
  return mean;
}

/**
 * The shifts (previous row − current row) that most changed rows agree on: each changed row votes
 * for every offset of a previous row with nearly its mean and spread. The true scroll gets a
 * vote from nearly every row; chance look-alikes spread theirs.
 */
function candidateShifts(changed: number[], before: { mean: Float32Array; ink: Float32Array }, now: { mean: Float32Array; ink: Float32Array }): number[] {
  const rows = now.mean.length;
  const votes = new Int32Array(2 * rows + 1);
  for (const r of changed) {
    const m = now.mean[r] ?? 0;
    const k = now.ink[r] ?? 0;
    for (let p = 0; p < rows; p++) {
      if (p === r) continue;
      if (Math.abs((before.mean[p] ?? 0) - m) < SUMMARY && Math.abs((before.ink[p] ?? 0) - k) < 2 * SUMMARY) {
        const i = p - r + rows;
        votes[i] = (votes[i] ?? 0) + 1;
      }
    }
  }
  return [...votes.keys()]
    .filter((i) => (votes[i] ?? 0) > 0)
    .sort((a, b) => (votes[b] ?? 0) - (votes[a] ?? 0))
    .slice(0, CANDIDATES)
    .map((i) => i - rows);
}

/** How one screen follows another: `share` of its changed text rows are rows of the other moved by `shift` rows. */
export interface ScrollMatch {
  share: number;
  /** Previous row − current row: positive when the page moved up (scrolled down). 0 when nothing moved. */
  shift: number;
}

/**
 * The share (0..1) of the current screen's changed text rows that are rows of the previous
 * screen moved by one vertical offset: near 1 after a scroll, near 0 after a new page. Parts
 * that did not change (title bar, sidebar, status bar) are left out. Returns 1 when nothing
 * but blank rows changed, and 0 for screens of different sizes.
 */
export function scrolledOverlap(previous: RowImage, current: RowImage): number {
  return scrollMatch(previous, current).share;
}

/** scrolledOverlap() with the shift that matched best. */
export function scrollMatch(previous: RowImage, current: RowImage): ScrollMatch {
  if (previous.rows !== current.rows) return { share: 0, shift: 0 };
  const rows = current.rows;
  const moving: number[] = [];
  for (let c = 0; c < COLUMNS; c++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += Math.abs((current.data[r * COLUMNS + c] ?? 0) - (previous.data[r * COLUMNS + c] ?? 0));
    if (sum / rows > STILL) moving.push(c);
  }
  if (moving.length === 0) return { share: 1, shift: 0 };
  const inkNow = rowInk(current, moving);
  const inkBefore = rowInk(previous, moving);
  const changed: number[] = [];
  // Rows the same on both screens (a title bar across the whole width): nothing scrolls into them.
  const still = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    still[r] = rowDifference(current.data, r, previous.data, r, moving) <= STILL ? 1 : 0;
    if ((inkNow[r] ?? 0) >= INK && !still[r]) changed.push(r);
  }
  if (changed.length < MIN_ROWS) return { share: 1, shift: 0 };
  let best: ScrollMatch = { share: 0, shift: 0 };
  const summaries = {
    // The scrollbar, if any, is the right edge of what moves: left out of the votes.
    before: { mean: rowMeans(previous, moving.slice(0, -2)), ink: inkBefore },
    now: { mean: rowMeans(current, moving.slice(0, -2)), ink: inkNow },
  };
  for (const shift of candidateShifts(changed, summaries.before, summaries.now)) {
    let overlap = 0;
    let same = 0;
    for (const r of changed) {
      if (r + shift < 0 || r + shift >= rows || still[r + shift]) continue;
      overlap++;
      if (sameRow(current.data, r, previous.data, r + shift, moving)) same++;
    }
    // A sliver of overlap proves nothing: a few rows match by chance.
    if (overlap >= Math.max(MIN_ROWS, changed.length * MIN_OVERLAP) && same / overlap > best.share) best = { share: same / overlap, shift };
  }
  return best;
}
