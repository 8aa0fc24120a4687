import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { MAX_IMAGE_PIXELS, checkImage, imageSize } from '../../workers/images/imageSize.ts';

/** Files encoded by Chromium (tests/fixtures/make-image-fixtures.mjs). */
const fixture = (name: string) => new Blob([readFileSync(new URL(`../fixtures/images/${name}`, import.meta.url))]);

/** A Blob whose slice() calls are recorded, to prove how much of it is read. */
function watched(blob: Blob): { blob: Blob; ranges: Array<[number, number]> } {
  const ranges: Array<[number, number]> = [];
  const proxy = new Proxy(blob, {
    get(target, key) {
      if (key === 'slice') {
        return (start = 0, end = target.size) => {
          ranges.push([start, Math.min(end, target.size)]);
          return target.slice(start, end);
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { blob: proxy, ranges };
}

/** A real PNG whose IHDR is rewritten to claim another size (as a decoding bomb does). */
function pngClaiming(width: number, height: number): Blob {
  const bytes = new Uint8Array(readFileSync(new URL('../fixtures/images/wide.png', import.meta.url)));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return new Blob([bytes]);
}

describe('imageSize', () => {
  test('PNG - reads width and height from IHDR', async () => {
    expect(await imageSize(fixture('wide.png'))).toEqual({ format: 'png', width: 301, height: 97 });
  });

  test('JPEG - reads the frame header after APP0 and an ICC profile', async () => {
    expect(await imageSize(fixture('tall.jpg'))).toEqual({ format: 'jpeg', width: 123, height: 457 });
  });

  test('JPEG - walks 120 KB of metadata segments without reading the image data', async () => {
    const { blob, ranges } = watched(fixture('big-metadata.jpg'));
    expect(await imageSize(blob)).toEqual({ format: 'jpeg', width: 123, height: 457 });
    const read = ranges.reduce((sum, [start, end]) => sum + (end - start), 0);
    // The first 64 KiB, then a few bytes per segment header past them.
    expect(read).toBeLessThan(64 * 1024 + 100);
  });

  test('WebP - reads lossy (VP8), lossless (VP8L) and extended (VP8X) headers', async () => {
    expect(await imageSize(fixture('lossy.webp'))).toEqual({ format: 'webp', width: 211, height: 67 });
    expect(await imageSize(fixture('lossless.webp'))).toEqual({ format: 'webp', width: 199, height: 83 });
    expect(await imageSize(fixture('extended.webp'))).toEqual({ format: 'webp', width: 257, height: 131 });
  });

  test('reads only the first bytes of a small image', async () => {
    const { blob, ranges } = watched(fixture('wide.png'));
    await imageSize(blob);
    expect(ranges).toEqual([[0, blob.size]]);
  });

  test('anything else, or a header cut short, gives null', async () => {
    expect(await imageSize(new Blob(['not a png']))).toBeNull();
    expect(await imageSize(new Blob([]))).toBeNull();
    expect(await imageSize(fixture('wide.png').slice(0, 20))).toBeNull();
    expect(await imageSize(fixture('lossy.webp').slice(0, 24))).toBeNull();
    expect(await imageSize(fixture('tall.jpg').slice(0, 100))).toBeNull();
    expect(await imageSize(new Blob(['GIF89a\x01\x00\x01\x00']))).toBeNull();
  });
});

describe('checkImage', () => {
  test('lets an image within MAX_IMAGE_PIXELS through with its size', async () => {
    expect(await checkImage(fixture('tall.jpg'), 'tall.jpg')).toEqual({
      ok: true,
      size: { format: 'jpeg', width: 123, height: 457 },
    });
    expect((await checkImage(pngClaiming(10_000, 5_000), 'edge.png')).ok).toBe(true);
    expect(MAX_IMAGE_PIXELS).toBe(50_000_000);
  });

  test('turns away a header that claims more than 50 megapixels, in plain words', async () => {
    expect(await checkImage(pngClaiming(20_000, 20_000), 'screens/x.png')).toEqual({
      ok: false,
      reason: 'too-large',
      message: 'screens/x.png is 20000×20000 pixels; images over 50 megapixels are skipped.',
    });
    expect((await checkImage(pngClaiming(10_000, 5_001), 'y.png')).ok).toBe(false);
  });

  test('names a file that is not an image', async () => {
    expect(await checkImage(new Blob(['not a png']), 'broken.png')).toEqual({
      ok: false,
      reason: 'unreadable',
      message: 'broken.png is not a picture this app can read: it does not start as a PNG, JPEG or WebP file does.',
    });
    expect((await checkImage(pngClaiming(0, 10), 'empty.png')).ok).toBe(false);
  });
});
