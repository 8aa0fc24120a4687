import { describe, expect, test } from 'vitest';
import type { OcrLine, OcrWord } from '../../src/shared/results.ts';
import { cleanLines, withoutSlivers } from '../../workers/ocr/cleanLines.ts';

/** Words laid out left to right from x = 10, 8 px a character, `gaps[i]` px after word i (8 by default). */
function line(texts: string[], confidence: number | number[], gaps: number[] = []): OcrLine {
  let left = 10;
  const words: OcrWord[] = texts.map((text, i) => {
    const word = { text, box: { left, top: 40, width: text.length * 8, height: 14 }, confidence: Array.isArray(confidence) ? confidence[i]! : confidence };
    left += word.box.width + (gaps[i] ?? 8);
    return word;
  });
  const right = words.at(-1)!.box.left + words.at(-1)!.box.width;
  return { text: texts.join(' '), box: { left: 10, top: 40, width: right - 10, height: 14 }, words };
}

describe('cleanLines', () => {
  test('keeps well-read lines as they are', () => {
    const lines = [line(['const', 'db', '=', 'await', 'openDB();'], 90), line(['12'], 88)];
    expect(cleanLines(lines)).toEqual(lines);
  });

  test('drops a line of noise, not a badly read line of text', () => {
    const noise = line(['Carn', 'dAataille', 'Inntantialh', 'hraalrirnmga'], [43, 0, 21, 0]);
    const poor = line(['workerpool', ']', ']'], [45, 20, 30]);
    const dotted = line(['PACKAGES', '.', ')', '.', '.'], [80, 10, 5, 20, 30]);
    expect(cleanLines([noise, poor, dotted])).toEqual([poor, dotted]);
  });

  test('drops a lone glyph of low confidence (an empty box read as 0), keeps a sure one', () => {
    const row = line(['|', 'ZIP', 'support', '|', '0', '|', '0', '|'], [92, 95, 96, 93, 45, 94, 62, 93]);
    const kept = cleanLines([row])[0]!;
    expect(kept.text).toBe('| ZIP support | | |');
    expect(kept.words.map((word) => word.text)).toEqual(['|', 'ZIP', 'support', '|', '|', '|']);
    expect(cleanLines([line(['7'], 90)])[0]!.text).toBe('7');
    expect(cleanLines([line(['0'], 45)])).toEqual([]);
    // Bars read as unsure as the box between them are no words to compare it with.
    expect(cleanLines([line(['|', 'u', '|', 'Streaming'], [40, 45, 40, 90])])[0]!.text).toBe('| | Streaming');
  });

  test('keeps a lone glyph as unsure as the rest of its line (a status bar read poorly throughout)', () => {
    const status = line(['main', 'Markdown', 'UTF-8', 'LF', 'Spaces:', '2'], [79, 56, 88, 92, 47, 47]);
    expect(cleanLines([status])).toEqual([status]);
  });

  test('joins a Markdown link split at "](", not words a real space parts', () => {
    const split = line(['-', '[Installation]', '(#installation)'], 90, [8, 3]);
    const [joined] = cleanLines([split]);
    expect(joined!.text).toBe('- [Installation](#installation)');
    expect(joined!.words[1]!.box).toEqual({ left: 26, top: 40, width: 112 + 3 + 120, height: 14 });
    const spaced = line(['see', '[1]', '(below)'], 90, [8, 12]);
    expect(cleanLines([spaced])[0]!.text).toBe('see [1] (below)');
  });

  test('joins a file name split after "/" and at "." in a tab strip, not words a line’s usual space parts', () => {
    // An editor's tabs: wide gaps between tabs, 3 px inside "comlink/ README. md".
    const tabs = line(['idb/README.md', 'comlink/', 'README.', 'md', 'minisearch/README.md', 'fflate/README.md'], 80, [27, 3, 3, 30, 30]);
    expect(cleanLines([tabs])[0]!.words.map((word) => word.text)).toEqual(['idb/README.md', 'comlink/README.md', 'minisearch/README.md', 'fflate/README.md']);
    // Prose: a slash or a full stop before a real space, as wide as the line's other spaces.
    const prose = line(['read', 'and/', 'or', 'write', 'it.', 'then', 'stop'], 90, [5, 5, 5, 5, 5, 5]);
    expect(cleanLines([prose])).toEqual([prose]);
    // Too few gaps to know what a space is here.
    const short = line(['comlink/', 'README.', 'md'], 80, [3, 3]);
    expect(cleanLines([short])).toEqual([short]);
  });

  test('drops a sliver of a line cut by a scrolling area, unsure and far lower than the others, not a short sure line', () => {
    const low = (l: OcrLine, height: number): OcrLine => ({ ...l, box: { ...l.box, height } });
    const text = [line(['Install', 'via', 'npm:'], 92), line(['npm', 'install', 'workerpool'], 90), line(['##', 'Load'], 88)];
    const sliver = low(line(['Jo', '11D', 'WSUS', 'Lidl', 'Llu'], [46, 44, 40, 10, 35]), 5);
    const sure = low(line(['a', 'new', 'era'], 91), 8);
    expect(cleanLines([sliver, ...text, sure])).toEqual([...text, sure]);
    // Alone, a line has no others to be compared with; among a screen's lines (a band spliced into them) it has.
    expect(cleanLines([sliver])).toEqual([sliver]);
    expect(withoutSlivers([...text, sliver])).toEqual(text);
  });

  test('drops the top of a line cut by a status bar: several unsure words, lower than the others; keeps a sure low line', () => {
    const low = (l: OcrLine, height: number): OcrLine => ({ ...l, box: { ...l.box, height } });
    const text = [line(['Install', 'via', 'npm:'], 92), line(['npm', 'install', 'workerpool'], 90), line(['##', 'Load'], 88)];
    const cut = low(line(['lavaSerint', 'nhierte', 'as', 'meccanes', 'event'], [36, 65, 70, 43, 35]), 10);
    const sure = low(line(['a', 'new', 'era', 'now', 'on'], 91), 10);
    expect(withoutSlivers([...text, cut, sure])).toEqual([...text, sure]);
  });
});

