import type { GrayImage } from './grayImage.ts';

/**
 * The picture as a binary PGM (P5), which tesseract's leptonica reads as is: no PNG to encode or
 * decode, one byte a pixel. `invert` turns light text on dark into dark on light, as the LSTM
 * model reads best.
 */
export function toPgm(image: GrayImage, invert: boolean): Uint8Array<ArrayBuffer> {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header);
  if (!invert) {
    out.set(image.data, header.length);
  } else {
    for (let i = 0; i < image.data.length; i++) out[header.length + i] = 255 - image.data[i]!;
  }
  return out;
}
