import { describe, expect, test } from 'vitest';
import { grayOf } from '../../workers/ocr/grayImage.ts';

/** A bitmap of `width`×`height` filled with `fill` (a CSS colour, or null for transparent), then `paint`. */
async function bitmapOf(width: number, height: number, fill: string | null, paint?: (context: OffscreenCanvasRenderingContext2D) => void): Promise<ImageBitmap> {
  const context = new OffscreenCanvas(width, height).getContext('2d')!;
  if (fill) {
    context.fillStyle = fill;
    context.fillRect(0, 0, width, height);
  }
  paint?.(context);
  return createImageBitmap(context.canvas);
}

/** Rec. 601 luminance with the integer weights grayOf uses. */
const luminance = (r: number, g: number, b: number) => (306 * r + 601 * g + 117 * b) >> 10;

describe('grayOf', () => {
  test('weighs red, green and blue by their own weights', async () => {
    const bitmap = await bitmapOf(3, 1, null, (context) => {
      for (const [x, colour] of ['rgb(200,0,0)', 'rgb(0,200,0)', 'rgb(0,0,200)'].entries()) {
        context.fillStyle = colour;
        context.fillRect(x, 0, 1, 1);
      }
    });
    expect([...grayOf(bitmap).data]).toEqual([luminance(200, 0, 0), luminance(0, 200, 0), luminance(0, 0, 200)]);
  });

  test('a picture read after another shows none of the one before, whatever their sizes', async () => {
    // The canvas is kept between pictures: a smaller or transparent picture must not show the last one through.
    const dark = grayOf(await bitmapOf(64, 48, 'rgb(10,20,30)'));
    expect(new Set(dark.data)).toEqual(new Set([luminance(10, 20, 30)]));
    const sameSize = grayOf(await bitmapOf(64, 48, null));
    expect(new Set(sameSize.data)).toEqual(new Set([255]));

    const clear = grayOf(await bitmapOf(32, 16, null, (context) => {
      context.fillStyle = 'rgb(0,0,0)';
      context.fillRect(0, 0, 4, 4);
    }));
    expect(clear.width).toBe(32);
    expect(clear.height).toBe(16);
    expect(clear.data.length).toBe(32 * 16);
    // Transparent counts as white; the black square stays black.
    expect(clear.data[0]).toBe(0);
    expect(clear.data[31]).toBe(255);
    expect([...clear.data].filter((value) => value === 0)).toHaveLength(16);
    expect([...clear.data].filter((value) => value === 255)).toHaveLength(32 * 16 - 16);

  });

  test('a picture past 4K UHD is read whole on a canvas of its own', async () => {
    const big = grayOf(await bitmapOf(4000, 2200, 'rgb(0,128,0)'));
    expect(big.data.length).toBe(4000 * 2200);
    expect(new Set(big.data)).toEqual(new Set([luminance(0, 128, 0)]));
    // The kept canvas was not disturbed: a small picture after it is still read right.
    const small = grayOf(await bitmapOf(8, 8, null));
    expect(new Set(small.data)).toEqual(new Set([255]));
  });
});
