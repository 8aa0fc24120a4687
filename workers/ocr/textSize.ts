import type { GrayImage } from './grayImage.ts';

/** A step in luminance between neighbouring pixels at least this big is a glyph's edge. */
export const EDGE_STEP = 40;
/** A row with at least this many edges crosses text; fewer is a rule, a border or noise. */
const TEXT_ROW_EDGES = 4;

/** Under this x-height, a run is a rule, a row of dots or noise: not a line of text. */
export const MIN_X_HEIGHT = 5;

/** A run of rows that cross text (a line of text, or lines side by side in columns). */
export interface TextRun {
  /** First row, inclusive. */
  top: number;
  /** Last row, exclusive. */
  bottom: number;
  /**
   * Rows holding at least half the run's densest row's edges: the body of lowercase letters (their
   * x-height), which ascenders and descenders cross only here and there.
   */
  xHeight: number;
}

/** How many glyph edges cross each row between columns left and right. */
function rowEdges(image: GrayImage, left: number, right: number): Uint16Array {
  const { width, height, data } = image;
  const edges = new Uint16Array(height);
  for (let r = 0; r < height; r++) {
    const row = r * width;
    let n = 0;
    for (let c = row + left + 1; c < row + right; c++) if (Math.abs(data[c]! - data[c - 1]!) > EDGE_STEP) n++;
    edges[r] = n;
  }
  return edges;
}

/**
 * The runs of rows that cross text, top to bottom, from one pass of row projection over columns
 * left..right (exclusive; the whole width by default). Pure.
 */
export function textRuns(image: GrayImage, left = 0, right = image.width): TextRun[] {
  const edges = rowEdges(image, left, right);
  const runs: TextRun[] = [];
  let start = -1;
  for (let r = 0; r <= image.height; r++) {
    const text = r < image.height && edges[r]! >= TEXT_ROW_EDGES;
    if (text && start < 0) start = r;
    if (text || start < 0) continue;
    let densest = 0;
    for (let k = start; k < r; k++) densest = Math.max(densest, edges[k]!);
    let xHeight = 0;
    for (let k = start; k < r; k++) if (edges[k]! * 2 >= densest) xHeight++;
    runs.push({ top: start, bottom: r, xHeight });
    start = -1;
  }
  return runs;
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
