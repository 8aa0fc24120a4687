import { describe, expect, test } from 'vitest';
import type { GrayImage } from '../../workers/ocr/grayImage.ts';
import { findShift, type Region } from '../../workers/ocr/verticalShift.ts';
import { mulberry32 } from '../../workers/samples/random.ts';
import { drawStrokeLines } from './fixtures/strokeLines.ts';

const WIDTH = 480;
const HEIGHT = 360;

/**
 * findShift as it was before it stopped a shift's sum early: every shift's whole cost, the least
 * kept. The early stop must give the very same answer on every picture.
 */
function exhaustiveShift(previous: GrayImage, current: GrayImage, region: Region): number {
  const width = region.right - region.left;
  const bins = Math.min(48, width);
  const profiles = (image: GrayImage) => {
    const out = new Float32Array(image.height * bins);
    for (let r = region.top; r < region.bottom; r++) {
      for (let b = 0; b < bins; b++) {
        const from = region.left + Math.floor((b * width) / bins);
        const to = region.left + Math.floor(((b + 1) * width) / bins);
        let sum = 0;
        for (let c = from; c < to; c++) sum += image.data[r * image.width + c]!;
        out[r * bins + b] = sum / Math.max(1, to - from);
      }
    }
    return out;
  };
  const before = profiles(previous);
  const now = profiles(current);
  const rows: number[] = [];
  for (let r = region.top; r < region.bottom; r++) {
    const values = Array.from(now.subarray(r * bins, (r + 1) * bins));
    if (Math.max(...values) - Math.min(...values) >= 24) rows.push(r);
  }
  if (rows.length < 8) return 0;
  const step = Math.max(1, rows.length / 240);
  const sample: number[] = [];
  for (let i = 0; i < rows.length; i += step) sample.push(rows[Math.floor(i)]!);
  const cost = (dy: number) => {
    let sum = 0;
    let count = 0;
    for (const r of sample) {
      const from = r + dy;
      if (from < region.top || from >= region.bottom) continue;
      for (let b = 0; b < bins; b++) sum += Math.abs(now[r * bins + b]! - before[from * bins + b]!);
      count++;
    }
    return count >= Math.max(8, sample.length / 4) ? sum / (count * bins) : Infinity;
  };
  const still = cost(0);
  let best = 0;
  let bestCost = still;
  for (let dy = -(region.bottom - region.top - 1); dy <= region.bottom - region.top - 1; dy++) {
    if (dy === 0) continue;
    const c = cost(dy);
    if (c < bestCost) {
      best = dy;
      bestCost = c;
    }
  }
  return best !== 0 && bestCost < 0.5 * still ? best : 0;
}

/** A view of a tall page of stroke lines at `offset`, with noise of up to `noise` on every pixel. */
function view(page: Uint8Array, offset: number, noise: number, seed: number): GrayImage {
  const random = mulberry32(seed);
  const data = page.slice(offset * WIDTH, (offset + HEIGHT) * WIDTH);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + Math.round((random() - 0.5) * 2 * noise)));
  return { width: WIDTH, height: HEIGHT, data };
}

describe('findShift', () => {
  test('finds the scroll between two views of a page', () => {
    const page = new Uint8Array(WIDTH * 2000).fill(250);
    drawStrokeLines(page, WIDTH, 5, 10, 2000);
    const region = { top: 0, bottom: HEIGHT, left: 0, right: WIDTH };
    expect(findShift(view(page, 100, 0, 1), view(page, 160, 0, 2), region)).toBe(60);
    expect(findShift(view(page, 300, 0, 1), view(page, 215, 0, 2), region)).toBe(-85);
    expect(findShift(view(page, 300, 0, 1), view(page, 300, 0, 2), region)).toBe(0);
  });

  test('gives the answer of the exhaustive search on 120 seeded pairs: scrolls, noise, edits, blank pages, sub-regions', () => {
    const random = mulberry32(16);
    const disagreements: string[] = [];
    for (let i = 0; i < 120; i++) {
      const page = new Uint8Array(WIDTH * 1200).fill(250);
      // Some pages are nearly blank (too few inked rows), most hold text.
      if (i % 10 !== 0) drawStrokeLines(page, WIDTH, 100 + i, 10 + Math.floor(random() * 30), 1200);
      const from = Math.floor(random() * 400);
      const scroll = Math.floor(random() * 2) === 0 ? 0 : Math.floor(random() * 300) - 150;
      const to = Math.max(0, Math.min(1200 - HEIGHT, from + scroll));
      const noise = [0, 4, 12, 40][i % 4]!;
      const previous = view(page, from, noise, 2 * i);
      const current = view(page, to, noise, 2 * i + 1);
      // An edit: a block of rows painted over in the current view only.
      if (i % 3 === 0) current.data.fill(30, 150 * WIDTH, 170 * WIDTH);
      const top = i % 5 === 0 ? 40 : 0;
      const left = i % 7 === 0 ? 100 : 0;
      const region = { top, bottom: HEIGHT - top, left, right: WIDTH - left / 2 };
      const expected = exhaustiveShift(previous, current, region);
      const found = findShift(previous, current, region);
      if (found !== expected) disagreements.push(`pair ${i}: ${found} instead of ${expected}`);
    }
    expect(disagreements).toEqual([]);
  });
});
