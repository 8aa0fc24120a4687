import type { GrayImage } from './grayImage.ts';

/** A row whose background is this far (0..255) from the picture's is part of a bar of another colour. */
const BAR_CONTRAST = 40;
/** Ink in a flattened bar: twice its distance from the bar's background, so faint text turns dark. */
const INK_GAIN = 2;

/** The median of a row's luminance: its background wherever text covers under half of it. */
function rowBackground(data: Uint8Array, start: number, width: number, histogram: Uint32Array): number {
  histogram.fill(0);
  for (let c = start; c < start + width; c++) histogram[data[c]!]!++;
  let seen = 0;
  for (let value = 0; value < 256; value++) {
    seen += histogram[value]!;
    if (seen * 2 >= width) return value;
  }
  return 255;
}

/**
 * Dark text on light everywhere, bars included. A bar of another colour across the screen (an
 * editor's blue status bar, a dark header over a light page) is taken by tesseract's layout
 * analysis for a picture and skipped. Each row whose background differs from the picture's
 * (`background`, its median) is redrawn as its ink on white: 255 minus twice each pixel's
 * distance from the row's background, whatever the text's colour. Other rows are kept. Pure.
 */
export function flattenBars(image: GrayImage, background: number): GrayImage {
  const { width, height } = image;
  let data = image.data;
  const histogram = new Uint32Array(256);
  for (let r = 0; r < height; r++) {
    const start = r * width;
    const bar = rowBackground(image.data, start, width, histogram);
    if (Math.abs(bar - background) <= BAR_CONTRAST) continue;
    if (data === image.data) data = image.data.slice();
    for (let c = start; c < start + width; c++) data[c] = 255 - Math.min(255, INK_GAIN * Math.abs(image.data[c]! - bar));
  }
  return data === image.data ? image : { width, height, data };
}

/** Light for dark: light text on a dark screen becomes dark text on light, as the model reads best. */
export function inverted(image: GrayImage): GrayImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - image.data[i]!;
  return { width: image.width, height: image.height, data };
}
