/** A text box found by the detector, in the pixels of the picture it was given. */
export interface TextBox {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Mean text probability over the box's pixels, 0..1. */
  score: number;
}

/** Options of PaddleOCR's DB post-processing, with its defaults. */
export interface DbOptions {
  /** A pixel is text above this probability. @default 0.3 */
  readonly threshold?: number;
  /** A region is kept when its mean probability is at least this. @default 0.6 */
  readonly boxThreshold?: number;
  /** How far a region grows: area × ratio / perimeter (DB shrinks text regions by that much in training). @default 1.5 */
  readonly unclipRatio?: number;
  /** Regions with a shorter side are noise. @default 3 */
  readonly minSide?: number;
}

/**
 * The text boxes of a DB probability map (`width` × `height`, row-major), as PaddleOCR's
 * DBPostProcess finds them, for upright text only: screens hold no rotated text, so a region's
 * bounding rectangle stands in for its minimum-area rectangle and growing it is a plain offset
 * (no polygon clipping, no OpenCV). Boxes are clamped to the map and in reading order.
 */
export function findTextBoxes(prob: Float32Array, width: number, height: number, options: DbOptions = {}): TextBox[] {
  const { threshold = 0.3, boxThreshold = 0.6, unclipRatio = 1.5, minSide = 3 } = options;
  const seen = new Uint8Array(width * height);
  const stack = new Int32Array(width * height);
  const boxes: TextBox[] = [];
  for (let start = 0; start < prob.length; start++) {
    if (seen[start] || prob[start]! <= threshold) continue;
    // One 8-connected region of text pixels, flood-filled.
    let top = height;
    let bottom = -1;
    let left = width;
    let right = -1;
    let sum = 0;
    let count = 0;
    let size = 0;
    stack[size++] = start;
    seen[start] = 1;
    while (size > 0) {
      const p = stack[--size]!;
      const x = p % width;
      const y = (p - x) / width;
      sum += prob[p]!;
      count++;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      if (x < left) left = x;
      if (x > right) right = x;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (seen[q] || prob[q]! <= threshold) continue;
          seen[q] = 1;
          stack[size++] = q;
        }
      }
    }
    const w = right - left + 1;
    const h = bottom - top + 1;
    if (Math.min(w, h) < minSide) continue;
    const score = sum / count;
    if (score < boxThreshold) continue;
    const grow = (w * h * unclipRatio) / (2 * (w + h));
    const x0 = Math.max(0, Math.floor(left - grow));
    const y0 = Math.max(0, Math.floor(top - grow));
    const x1 = Math.min(width, Math.ceil(right + 1 + grow));
    const y1 = Math.min(height, Math.ceil(bottom + 1 + grow));
    if (Math.min(x1 - x0, y1 - y0) < minSide + 2) continue;
    boxes.push({ left: x0, top: y0, width: x1 - x0, height: y1 - y0, score });
  }
  return boxes.sort((a, b) => a.top - b.top || a.left - b.left);
}
