import type { GrayImage } from './grayImage.ts';

/** The picture as a binary PGM (P5), which tesseract's leptonica reads as is: no PNG to encode or decode, one byte a pixel. */
export function toPgm(image: GrayImage): Uint8Array<ArrayBuffer> {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header);
  out.set(image.data, header.length);
  return out;
}
