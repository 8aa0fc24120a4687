import type { GrayImage } from './grayImage.ts';

/** A step in luminance between neighbouring pixels at least this big is a glyph's edge. */
const EDGE_STEP = 40;
/** A row with at least this many edges crosses text; fewer is a rule, a border or noise. */
const TEXT_ROW_EDGES = 4;
/**
 * Under this median height of a run of text rows, tesseract reads the text poorly: 1280×720
 * screens of 13–16 px text give runs of 10–15 rows, the same screens at 2× runs of 23–31 (eval corpus).
 */
export const SMALL_TEXT_ROWS = 20;

/**
 * The median height in rows of the runs of rows that cross text (a line of text, roughly its
 * cap-to-descender height), or null when no row crosses any. Pure, for node tests.
 */
export function medianTextRows(image: GrayImage): number | null {
  const { width, height, data } = image;
  const runs: number[] = [];
  let start = -1;
  for (let r = 0; r <= height; r++) {
    let edges = 0;
    if (r < height) {
      const row = r * width;
      for (let c = row + 1; c < row + width && edges < TEXT_ROW_EDGES; c++) if (Math.abs(data[c]! - data[c - 1]!) > EDGE_STEP) edges++;
    }
    const text = edges >= TEXT_ROW_EDGES;
    if (text && start < 0) start = r;
    if (!text && start >= 0) {
      runs.push(r - start);
      start = -1;
    }
  }
  if (runs.length === 0) return null;
  runs.sort((a, b) => a - b);
  return runs[runs.length >> 1]!;
}

/** Whether the picture's text is small enough that reading it at twice its size pays. */
export function hasSmallText(image: GrayImage): boolean {
  const rows = medianTextRows(image);
  return rows !== null && rows < SMALL_TEXT_ROWS;
}

/** The picture at twice its width and height, bilinear (a glyph's edges stay smooth for the LSTM). */
export function doubled(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const out = new Uint8Array(width * height * 4);
  const W = width * 2;
  for (let y = 0; y < height * 2; y++) {
    // Source coordinate of the output pixel's centre: (y + 0.5) / 2 − 0.5, clamped.
    const sy = Math.max(0, (y - 0.5) / 2);
    const y0 = Math.min(height - 1, Math.floor(sy));
    const y1 = Math.min(height - 1, y0 + 1);
    const fy = sy - y0;
    const r0 = y0 * width;
    const r1 = y1 * width;
    for (let x = 0; x < W; x++) {
      const sx = Math.max(0, (x - 0.5) / 2);
      const x0 = Math.min(width - 1, Math.floor(sx));
      const x1 = Math.min(width - 1, x0 + 1);
      const fx = sx - x0;
      const top = data[r0 + x0]! + (data[r0 + x1]! - data[r0 + x0]!) * fx;
      const bottom = data[r1 + x0]! + (data[r1 + x1]! - data[r1 + x0]!) * fx;
      out[y * W + x] = Math.round(top + (bottom - top) * fy);
    }
  }
  return { width: W, height: height * 2, data: out };
}
