import type { GrayImage } from './grayImage.ts';

/** A row whose background is this far (0..255) from the picture's is part of a bar of another colour. */
const BAR_CONTRAST = 40;
/** A blank row: this share of it within BACKGROUND_SPREAD of its median. */
const BLANK_SHARE = 0.97;
const BACKGROUND_SPREAD = 6;
/** Ink in a flattened bar: twice its distance from the bar's background, so faint text turns dark. */
const INK_GAIN = 2;

/** Each row's median luminance, and whether it is blank: nearly all of it that one colour. */
function rowBackgrounds(image: GrayImage): { median: Uint8Array; blank: Uint8Array } {
  const { width, height, data } = image;
  const median = new Uint8Array(height);
  const blank = new Uint8Array(height);
  const histogram = new Uint32Array(256);
  for (let r = 0; r < height; r++) {
    histogram.fill(0);
    for (let c = r * width; c < (r + 1) * width; c++) histogram[data[c]!]!++;
    let seen = 0;
    let value = 0;
    for (; value < 255; value++) {
      seen += histogram[value]!;
      if (seen * 2 >= width) break;
    }
    median[r] = value;
    let near = 0;
    for (let v = Math.max(0, value - BACKGROUND_SPREAD); v <= Math.min(255, value + BACKGROUND_SPREAD); v++) near += histogram[v]!;
    blank[r] = near >= BLANK_SHARE * width ? 1 : 0;
  }
  return { median, blank };
}

/**
 * Dark text on light everywhere, bars included. A bar of another colour across the screen (an
 * editor's blue status bar, a dark header over a light page) is taken by tesseract's layout
 * analysis for a picture and skipped. A bar is a run of rows whose median is one colour far from
 * the picture's (`background`, its median), starting and ending on a blank row: so a line of text
 * is in it whole or not at all. Its rows are redrawn as their ink on white: 255 minus twice each
 * pixel's distance from the bar's colour, whatever the text's colour. Other rows are kept. Pure.
 */
export function flattenBars(image: GrayImage, background: number): GrayImage {
  const { width, height } = image;
  const { median, blank } = rowBackgrounds(image);
  let data = image.data;
  for (let top = 0; top < height; ) {
    const colour = median[top]!;
    let bottom = top + 1;
    while (bottom < height && Math.abs(median[bottom]! - colour) <= BACKGROUND_SPREAD) bottom++;
    const bar = Math.abs(colour - background) > BAR_CONTRAST && blank[top] === 1 && blank[bottom - 1] === 1;
    if (bar) {
      if (data === image.data) data = image.data.slice();
      for (let c = top * width; c < bottom * width; c++) data[c] = 255 - Math.min(255, INK_GAIN * Math.abs(image.data[c]! - colour));
    }
    top = bottom;
  }
  return data === image.data ? image : { width, height, data };
}

/** Light for dark: light text on a dark screen becomes dark text on light, as the model reads best. */
export function inverted(image: GrayImage): GrayImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - image.data[i]!;
  return { width: image.width, height: image.height, data };
}
