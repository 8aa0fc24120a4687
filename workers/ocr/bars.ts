import type { GrayImage } from './grayImage.ts';

/** A row whose background is this far (0..255) from the picture's is part of a bar of another colour. */
const BAR_CONTRAST = 40;
/** A bar's background is flat: this share of its row is within BACKGROUND_SPREAD of the median.
 * A row through a line of dense text, whose median is a glyph's grey, is not. */
const FLAT_SHARE = 0.6;
const BACKGROUND_SPREAD = 6;
/** Ink in a flattened bar: twice its distance from the bar's background, so faint text turns dark. */
const INK_GAIN = 2;

/** The median of a row's luminance when most of the row is that one flat colour, else null. */
function flatBackground(data: Uint8Array, start: number, width: number, histogram: Uint32Array): number | null {
  histogram.fill(0);
  for (let c = start; c < start + width; c++) histogram[data[c]!]!++;
  let seen = 0;
  let median = 255;
  for (let value = 0; value < 256; value++) {
    seen += histogram[value]!;
    if (seen * 2 >= width) {
      median = value;
      break;
    }
  }
  let near = 0;
  for (let value = Math.max(0, median - BACKGROUND_SPREAD); value <= Math.min(255, median + BACKGROUND_SPREAD); value++) near += histogram[value]!;
  return near >= FLAT_SHARE * width ? median : null;
}

/**
 * Dark text on light everywhere, bars included. A bar of another colour across the screen (an
 * editor's blue status bar, a dark header over a light page) is taken by tesseract's layout
 * analysis for a picture and skipped. Each row of a flat background that differs from the
 * picture's (`background`, its median) is redrawn as its ink on white: 255 minus twice each pixel's
 * distance from the row's background, whatever the text's colour. Other rows are kept. Pure.
 */
export function flattenBars(image: GrayImage, background: number): GrayImage {
  const { width, height } = image;
  let data = image.data;
  const histogram = new Uint32Array(256);
  for (let r = 0; r < height; r++) {
    const start = r * width;
    const bar = flatBackground(image.data, start, width, histogram);
    if (bar === null || Math.abs(bar - background) <= BAR_CONTRAST) continue;
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
