import { describe, expect, test } from 'vitest';
import { hammingHex, phash64, splitChapters } from '../../workers/images/phash.ts';
import { mulberry32 } from '../../workers/samples/random.ts';

/** A 32×32 "screen": a dark sidebar, a light page and a few text-like stripes. */
function screen(sidebarWidth: number, stripes: number[]): Float32Array {
  const gray = new Float32Array(32 * 32);
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) gray[y * 32 + x] = x < sidebarWidth || y < 2 ? 0.15 : 0.95;
  }
  for (const y of stripes) for (let x = sidebarWidth + 2; x < 28; x++) gray[y * 32 + x] = 0.6;
  return gray;
}

describe('phash64', () => {
  test('gives 16 hex digits', () => {
    expect(phash64(screen(8, [6, 8, 10]))).toMatch(/^[0-9a-f]{16}$/);
  });

  test('identical pictures hash alike', () => {
    expect(hammingHex(phash64(screen(8, [6, 8])), phash64(screen(8, [6, 8])))).toBe(0);
  });

  test('a slight change stays close', () => {
    const random = mulberry32(3);
    const noisy = screen(8, [6, 8, 10]).map((v) => v + (random() - 0.5) * 0.02);
    const base = phash64(screen(8, [6, 8, 10]));
    expect(hammingHex(base, phash64(noisy))).toBeLessThanOrEqual(4);
    expect(hammingHex(base, phash64(screen(8, [6, 8, 12])))).toBeLessThan(12);
  });

  test('ignores overall brightness', () => {
    const base = screen(8, [6, 8]);
    expect(hammingHex(phash64(base), phash64(base.map((v) => v * 0.5 + 0.2)))).toBe(0);
  });

  test('an inverted or different picture is far', () => {
    const base = screen(8, [6, 8, 10]);
    expect(hammingHex(phash64(base), phash64(base.map((v) => 1 - v)))).toBeGreaterThanOrEqual(48);
    const other = new Float32Array(32 * 32).map((_, i) => (Math.floor(i / 32) > 20 ? 0.1 : 0.9));
    expect(hammingHex(phash64(base), phash64(other))).toBeGreaterThanOrEqual(16);
  });

  test('rejects an image of the wrong size', () => {
    expect(() => phash64(new Float32Array(64))).toThrow(TypeError);
  });
});

describe('hammingHex', () => {
  test('counts differing bits', () => {
    expect(hammingHex('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingHex('00000000000000f1', '0000000000000001')).toBe(4);
    expect(hammingHex('abc', 'ABC')).toBe(0);
  });

  test('rejects different lengths and non-hex digits', () => {
    expect(() => hammingHex('00', '000')).toThrow(TypeError);
    expect(() => hammingHex('0g', '00')).toThrow(TypeError);
  });
});

describe('splitChapters', () => {
  test('no hashes, no chapters', () => {
    expect(splitChapters([])).toEqual([]);
  });

  test('one hash is one chapter', () => {
    expect(splitChapters(['0000000000000000'])).toEqual([{ firstScreen: 0, lastScreen: 0 }]);
  });

  test('a new chapter starts at a distance of threshold or more, not below', () => {
    const a = '0000000000000000';
    const b11 = '00000000000007ff'; // 11 bits from a
    const c = 'fff0000000000000'; // 12 bits from a, 23 from b11
    const hashes = [a, a, b11, b11, c, c];
    expect(splitChapters(hashes)).toEqual([
      { firstScreen: 0, lastScreen: 3 },
      { firstScreen: 4, lastScreen: 5 },
    ]);
    expect(splitChapters([a, b11, a, c], 11)).toEqual([
      { firstScreen: 0, lastScreen: 0 },
      { firstScreen: 1, lastScreen: 1 },
      { firstScreen: 2, lastScreen: 2 },
      { firstScreen: 3, lastScreen: 3 },
    ]);
    expect(splitChapters([a, b11, a], 12)).toEqual([{ firstScreen: 0, lastScreen: 2 }]);
  });
});
