import { describe, expect, test } from 'vitest';
import { linesFromTsv } from '../../workers/ocr/tsvLines.ts';

const row = (level: number, ids: [number, number, number, number, number], box: [number, number, number, number], conf: number, text: string) =>
  [level, ...ids, ...box, conf, text].join('\t');

describe('linesFromTsv', () => {
  test('groups words into their lines with the union of their boxes, dropping blank words and non-word rows', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      row(1, [1, 0, 0, 0, 0], [0, 0, 800, 600], -1, ''),
      row(4, [1, 1, 1, 1, 0], [10, 20, 200, 30], -1, ''),
      row(5, [1, 1, 1, 1, 1], [10, 22, 90, 26], 96.51, 'Card'),
      row(5, [1, 1, 1, 1, 2], [110, 20, 100, 30], 91, '4111'),
      row(5, [1, 1, 1, 1, 3], [220, 20, 5, 30], 0, ' '),
      row(5, [1, 1, 1, 2, 1], [10, 60, 50, 20], 88, 'next'),
      row(5, [1, 2, 1, 1, 1], [400, 20, 60, 20], -1, 'other'),
    ].join('\n');
    expect(linesFromTsv(tsv)).toEqual([
      {
        text: 'Card 4111',
        box: { left: 10, top: 20, width: 200, height: 30 },
        words: [
          { text: 'Card', box: { left: 10, top: 22, width: 90, height: 26 }, confidence: 96.5 },
          { text: '4111', box: { left: 110, top: 20, width: 100, height: 30 }, confidence: 91 },
        ],
      },
      { text: 'next', box: { left: 10, top: 60, width: 50, height: 20 }, words: [{ text: 'next', box: { left: 10, top: 60, width: 50, height: 20 }, confidence: 88 }] },
      { text: 'other', box: { left: 400, top: 20, width: 60, height: 20 }, words: [{ text: 'other', box: { left: 400, top: 20, width: 60, height: 20 }, confidence: 0 }] },
    ]);
  });

  test('empty or headerless output gives no lines', () => {
    expect(linesFromTsv('')).toEqual([]);
    expect(linesFromTsv('garbage\nrows')).toEqual([]);
  });
});
