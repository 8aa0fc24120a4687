import type { GrayImage, Rect } from '../grayImage.ts';

/** PP-OCR's detector takes sides that are multiples of this. */
const STRIDE = 32;
/** ImageNet mean and spread per channel, as PaddleOCR normalises the detector's input. */
const MEAN = [0.485, 0.456, 0.406] as const;
const STD = [0.229, 0.224, 0.225] as const;
/** The recogniser's line height. */
export const LINE_HEIGHT = 48;

/** A float tensor's data and shape [batch, channels, height, width]. */
export interface TensorData {
  data: Float32Array;
  dims: [number, number, number, number];
}

/**
 * The detector's input: the grey picture in three equal channels, normalised, padded right and
 * down (with its last column and row) to multiples of 32, not stretched, so boxes keep its pixels.
 */
export function detectorInput(image: GrayImage): TensorData {
  const width = Math.ceil(image.width / STRIDE) * STRIDE;
  const height = Math.ceil(image.height / STRIDE) * STRIDE;
  const plane = width * height;
  const data = new Float32Array(3 * plane);
  const lut = MEAN.map((mean, c) => Float32Array.from({ length: 256 }, (_, v) => (v / 255 - mean) / STD[c]!));
  for (let y = 0; y < height; y++) {
    const row = Math.min(y, image.height - 1) * image.width;
    for (let x = 0; x < width; x++) {
      const v = image.data[row + Math.min(x, image.width - 1)]!;
      const i = y * width + x;
      data[i] = lut[0]![v]!;
      data[plane + i] = lut[1]![v]!;
      data[2 * plane + i] = lut[2]![v]!;
    }
  }
  return { data, dims: [1, 3, height, width] };
}

/** The width a rectangle takes at the recogniser's line height. */
export function lineWidth(rect: Rect): number {
  return Math.max(8, Math.round(((rect.right - rect.left) * LINE_HEIGHT) / (rect.bottom - rect.top)));
}

/**
 * The recogniser's input for lines of a picture: each rectangle scaled (bilinear) to 48 rows,
 * grey in three channels normalised to -1..1, padded right with 0 to the widest, as PaddleOCR
 * batches them.
 */
export function lineBatch(image: GrayImage, rects: readonly Rect[]): TensorData {
  const widths = rects.map(lineWidth);
  const width = Math.max(...widths);
  const plane = LINE_HEIGHT * width;
  const data = new Float32Array(rects.length * 3 * plane);
  rects.forEach((rect, n) => {
    const w = widths[n]!;
    const sx = (rect.right - rect.left) / w;
    const sy = (rect.bottom - rect.top) / LINE_HEIGHT;
    const base = n * 3 * plane;
    for (let y = 0; y < LINE_HEIGHT; y++) {
      const fy = Math.min(rect.bottom - 1, Math.max(rect.top, rect.top + (y + 0.5) * sy - 0.5));
      const y0 = Math.floor(fy);
      const y1 = Math.min(rect.bottom - 1, y0 + 1);
      const ty = fy - y0;
      for (let x = 0; x < w; x++) {
        const fx = Math.min(rect.right - 1, Math.max(rect.left, rect.left + (x + 0.5) * sx - 0.5));
        const x0 = Math.floor(fx);
        const x1 = Math.min(rect.right - 1, x0 + 1);
        const tx = fx - x0;
        const d = image.data;
        const top = d[y0 * image.width + x0]! * (1 - tx) + d[y0 * image.width + x1]! * tx;
        const bottom = d[y1 * image.width + x0]! * (1 - tx) + d[y1 * image.width + x1]! * tx;
        const v = ((top * (1 - ty) + bottom * ty) / 255 - 0.5) / 0.5;
        const i = base + y * width + x;
        data[i] = v;
        data[i + plane] = v;
        data[i + 2 * plane] = v;
      }
    }
  });
  return { data, dims: [rects.length, 3, LINE_HEIGHT, width] };
}
