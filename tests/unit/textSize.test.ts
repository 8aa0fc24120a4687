import { describe, expect, test } from 'vitest';
import { doubled, textRuns } from '../../workers/ocr/textSize.ts';
import { linesEvery, PAGE_WIDTH, textPage } from './fixtures/textPage.ts';

describe('text size', () => {
  test('textRuns() - one run per line of text, its x-height without ascenders and descenders', () => {
    const runs = textRuns(textPage(linesEvery(20, 200, 30, 8), 200));
    expect(runs).toHaveLength(6);
    for (const [i, run] of runs.entries()) {
      expect(run.top).toBe(20 + 30 * i - 3);
      expect(run.bottom).toBe(20 + 30 * i + 8 + 3);
      expect(run.xHeight).toBe(8);
    }
  });

  test('textRuns() - a 2× screen’s letters measure twice a 1× screen’s', () => {
    const small = textRuns(textPage(linesEvery(20, 300, 40, 8), 300)).map((run) => run.xHeight);
    const big = textRuns(textPage(linesEvery(20, 300, 40, 16), 300)).map((run) => run.xHeight);
    expect(new Set(small)).toEqual(new Set([8]));
    expect(new Set(big)).toEqual(new Set([16]));
  });

  test('textRuns() - a blank picture and a rule hold no text', () => {
    const blank = { width: PAGE_WIDTH, height: 100, data: new Uint8Array(PAGE_WIDTH * 100).fill(250) };
    expect(textRuns(blank)).toEqual([]);
    blank.data.fill(120, 50 * PAGE_WIDTH, 51 * PAGE_WIDTH);
    expect(textRuns(blank)).toEqual([]);
  });

  test('doubled() - keeps flat areas flat and edges between their sides', () => {
    const image = { width: 4, height: 2, data: Uint8Array.from([0, 0, 200, 200, 0, 0, 200, 200]) };
    const big = doubled(image);
    expect([big.width, big.height]).toEqual([8, 4]);
    const row = [...big.data.subarray(8, 16)];
    expect(row.slice(0, 3)).toEqual([0, 0, 0]);
    expect(row.slice(6)).toEqual([200, 200]);
    expect(row[3]! > 0 && row[3]! < 200 && row[4]! > row[3]!).toBe(true);
    expect([...big.data.subarray(0, 8)]).toEqual(row);
  });
});
