import { context2d, drawOnWhite } from '../images/canvas.ts';

/** A picture as 8-bit luminance, row-major: what every OCR step after decoding works on. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Decodes an image once into its luminance (Rec. 601, 0..255); transparent areas count as white.
 * @throws when the browser cannot decode the blob.
 */
export async function decodeGray(blob: Blob): Promise<GrayImage> {
  const bitmap = await createImageBitmap(blob);
  try {
    return grayOf(bitmap);
  } finally {
    bitmap.close();
  }
}

/** Past this many pixels (4K UHD) a picture gets a canvas of its own, not kept: 4 bytes a pixel. */
const KEEP_CANVAS_PIXELS = 3840 * 2160;

/**
 * One canvas for the worker's life, resized to each picture: a fresh canvas costs about as much
 * as reading its pixels back (~23 ms at 1920×1080 on 2 cores, ~30% of a screen's decode).
 */
let kept: OffscreenCanvasRenderingContext2D | null = null;

function canvasFor(width: number, height: number): OffscreenCanvasRenderingContext2D {
  if (width * height > KEEP_CANVAS_PIXELS) return context2d(new OffscreenCanvas(width, height));
  if (!kept) kept = context2d(new OffscreenCanvas(width, height));
  else if (kept.canvas.width !== width || kept.canvas.height !== height) {
    kept.canvas.width = width;
    kept.canvas.height = height;
  }
  return kept;
}

/** The luminance of a decoded picture (Rec. 601, 0..255); transparent areas count as white. */
export function grayOf(bitmap: ImageBitmap): GrayImage {
  const { width, height } = bitmap;
  const context = canvasFor(width, height);
  drawOnWhite(context, bitmap, width, height);
  const rgba = context.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height);
  // A pixel a load: ImageData is R, G, B, A in memory, so R is the low byte on the little-endian
  // machines browsers run on. Three times faster than reading the bytes one by one.
  const pixels = new Uint32Array(rgba.buffer, rgba.byteOffset, data.length);
  for (let i = 0; i < data.length; i++) {
    const p = pixels[i]!;
    // Integer weights of 0.299, 0.587, 0.114 over 1024.
    data[i] = (306 * (p & 0xff) + 601 * ((p >>> 8) & 0xff) + 117 * ((p >>> 16) & 0xff)) >> 10;
  }
  return { width, height, data };
}

/** A rectangle of a picture: rows top..bottom and columns left..right, ends exclusive. */
export interface Rect {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The pixels of `rect` of `image`, sharing no memory with it. */
export function cropRect(image: GrayImage, rect: Rect): GrayImage {
  const width = rect.right - rect.left;
  const data = new Uint8Array(width * (rect.bottom - rect.top));
  for (let r = rect.top; r < rect.bottom; r++) data.set(image.data.subarray(r * image.width + rect.left, r * image.width + rect.right), (r - rect.top) * width);
  return { width, height: rect.bottom - rect.top, data };
}

/** `image` with each of `rects` painted over in its own median: nothing left there to read. */
export function withoutRects(image: GrayImage, rects: readonly Rect[]): GrayImage {
  if (rects.length === 0) return image;
  const data = image.data.slice();
  for (const rect of rects) {
    const value = medianLuminance(cropRect(image, rect));
    for (let r = rect.top; r < rect.bottom; r++) data.fill(value, r * image.width + rect.left, r * image.width + rect.right);
  }
  return { width: image.width, height: image.height, data };
}

/** The median luminance, from a sample of at most about 64k pixels. */
export function medianLuminance(image: GrayImage): number {
  const histogram = new Uint32Array(256);
  const step = Math.max(1, Math.floor(image.data.length / 65_536));
  let count = 0;
  for (let i = 0; i < image.data.length; i += step, count++) histogram[image.data[i]!]!++;
  let seen = 0;
  for (let value = 0; value < 256; value++) {
    seen += histogram[value]!;
    if (seen * 2 >= count) return value;
  }
  return 255;
}

/** Whether the picture is mostly dark (light text on a dark background). */
export function isDark(image: GrayImage): boolean {
  return medianLuminance(image) < 110;
}

/**
 * A 64-bit fingerprint of the pixels (two 32-bit FNV-1a lanes over 32-bit words) with the size:
 * equal pictures get equal fingerprints, whatever file they came from.
 */
export function fingerprint(image: GrayImage): string {
  // A 32-bit view needs an aligned start: copy the rare view that does not have one.
  const data = image.data.byteOffset % 4 === 0 ? image.data : image.data.slice();
  const words = data.length >> 2;
  const view = new Uint32Array(data.buffer, data.byteOffset, words);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ data.length;
  for (let i = 0; i < words; i++) {
    const w = view[i]!;
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ (w >>> 16) ^ (w << 16), 0x01000193) + i;
  }
  for (let i = words << 2; i < data.length; i++) a = Math.imul(a ^ data[i]!, 0x01000193);
  return `${image.width}x${image.height}:${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}`;
}
