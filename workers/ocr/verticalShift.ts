import type { GrayImage } from './grayImage.ts';

/** A rectangle of a screen: rows top..bottom and columns left..right, ends exclusive. */
export interface Region {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Each row of the region is summarised as this many column means: enough to tell lines of text apart. */
const BINS = 48;
/** Rows of the current screen compared at each shift: a sample keeps a 1080p frame cheap. */
const SAMPLE_ROWS = 240;
/** A row whose bins spread less than this (0..255) is blank: it would match anywhere. */
const INK = 24;
/** Fewest sampled rows that must overlap at a shift for it to count. */
const MIN_OVERLAP = 8;
/** A shift must beat no shift by this factor: a still screen with a small edit is not a scroll. */
const BETTER = 0.5;

/** Per row of the region, BINS column means (row-major). */
function profiles(image: GrayImage, region: Region): Float32Array {
  const width = region.right - region.left;
  const bins = Math.min(BINS, width);
  const out = new Float32Array(image.height * bins);
  for (let r = region.top; r < region.bottom; r++) {
    const row = r * image.width;
    for (let b = 0; b < bins; b++) {
      const from = region.left + Math.floor((b * width) / bins);
      const to = region.left + Math.floor(((b + 1) * width) / bins);
      let sum = 0;
      for (let c = from; c < to; c++) sum += image.data[row + c]!;
      out[r * bins + b] = sum / Math.max(1, to - from);
    }
  }
  return out;
}

/**
 * The vertical scroll from `previous` to `current` inside `region`: the `dy` for which row r of
 * `current` best matches row r + dy of `previous` (positive when the content moved up, as when
 * reading down a page); 0 when no shift matches clearly better than none.
 */
export function findShift(previous: GrayImage, current: GrayImage, region: Region): number {
  const width = region.right - region.left;
  const bins = Math.min(BINS, width);
  const before = profiles(previous, region);
  const now = profiles(current, region);
  const rows: number[] = [];
  for (let r = region.top; r < region.bottom; r++) {
    let low = 255;
    let high = 0;
    for (let b = 0; b < bins; b++) {
      const v = now[r * bins + b]!;
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
    if (high - low >= INK) rows.push(r);
  }
  if (rows.length < MIN_OVERLAP) return 0;
  const step = Math.max(1, rows.length / SAMPLE_ROWS);
  const sample: number[] = [];
  for (let i = 0; i < rows.length; i += step) sample.push(rows[Math.floor(i)]!);
  const minOverlap = Math.max(MIN_OVERLAP, sample.length / 4);
  /** The mean difference at `dy`; Infinity when too few rows overlap, or as soon as it is sure to exceed `bound`. */
  const cost = (dy: number, bound = Infinity): number => {
    let count = 0;
    for (const r of sample) if (r + dy >= region.top && r + dy < region.bottom) count++;
    if (count < minOverlap) return Infinity;
    // Most shifts are far off: stopping once the sum passes the best so far leaves the answer as it
    // was and skips most of the work (the margin keeps rounding from stopping a tie early).
    const limit = bound * count * bins * (1 + 1e-9);
    let sum = 0;
    for (const r of sample) {
      const from = r + dy;
      if (from < region.top || from >= region.bottom) continue;
      for (let b = 0; b < bins; b++) sum += Math.abs(now[r * bins + b]! - before[from * bins + b]!);
      if (sum > limit) return Infinity;
    }
    return sum / (count * bins);
  };
  const still = cost(0);
  let best = 0;
  let bestCost = still;
  const reach = region.bottom - region.top - 1;
  for (let dy = -reach; dy <= reach; dy++) {
    if (dy === 0) continue;
    const c = cost(dy, bestCost);
    if (c < bestCost) {
      best = dy;
      bestCost = c;
    }
  }
  return best !== 0 && bestCost < BETTER * still ? best : 0;
}
