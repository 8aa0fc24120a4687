import { describe, expect, test } from 'vitest';
import { continuesScreen, SCROLLED, SHARED_TRIGRAMS } from '../../workers/images/boundary.ts';
import { isBlank } from '../../workers/images/blank.ts';
import type { OcrLine } from '../../src/shared/results.ts';
import { boxedTrigrams, lineTrigrams, scrolledTrigrams } from '../../workers/text/continuity.ts';

const MENU = 'File Edit Selection View Go Run Help';
const BODY = [
  'Comlink makes WebWorkers enjoyable and removes the mental barrier',
  'of thinking about postMessage and hides the fact that you are',
  'working with workers. At a more abstract level it is an RPC',
  'implementation for postMessage and ES6 Proxies.',
  'Browsers without ES6 Proxy support can use the proxy polyfill.',
  'On mobile phones it is important to keep the main thread idle',
];

describe('scrolledTrigrams', () => {
  test('counts lines that moved up the screen after a scroll', () => {
    const before = lineTrigrams([MENU, ...BODY.slice(0, 4)].join('\n'));
    const after = lineTrigrams([MENU, ...BODY.slice(2)].join('\n'));
    expect(scrolledTrigrams(before, after)).toBeGreaterThanOrEqual(SHARED_TRIGRAMS);
  });

  test('a menu bar that stays put is not continuity', () => {
    const before = lineTrigrams([MENU, 'Release checklist for version four point two', 'Staging gets the build at noon'].join('\n'));
    const after = lineTrigrams([MENU, 'Hiring plan for the spring quarter', 'Two backend engineers join in spring'].join('\n'));
    expect(scrolledTrigrams(before, after)).toBe(0);
  });
});

describe('boxedTrigrams', () => {
  const TABS = 'idb/README.md comlink/README.md minisearch/README.md fflate/README.md';
  const STATUS = 'main Markdown UTF-8 LF Spaces: 2';
  /** OCR lines at these pixel rows of a 720 px screen. */
  const at = (rows: Array<[number, string]>): OcrLine[] => rows.map(([top, text]) => ({ text, box: { left: 0, top, width: 600, height: 14 }, words: [] }));
  const idb = at([[10, 'README.md — idb — Code'], [40, TABS], ...BODY.map((text, i): [number, string] => [70 + 20 * i, text]), [704, STATUS]]);
  // The editor's empty page after a tab switch: the tabs and status bar, no text.
  const empty = at([[10, 'README.md — comlink — Code'], [40, TABS], [704, STATUS]]);

  test('an editor’s tabs and status bar stay put when the document is swapped for an empty page', () => {
    expect(scrolledTrigrams(boxedTrigrams(idb, 720), boxedTrigrams(empty, 720))).toBe(0);
    // Placed by line index, the tabs move from line 1 of 9 to line 1 of 3: taken for a scroll.
    const text = (lines: OcrLine[]) => lines.map((line) => line.text).join('\n');
    expect(scrolledTrigrams(lineTrigrams(text(idb)), lineTrigrams(text(empty)))).toBeGreaterThanOrEqual(SHARED_TRIGRAMS);
  });

  test('text scrolled up the screen still counts', () => {
    const scrolled = at([[40, TABS], ...BODY.slice(3).map((text, i): [number, string] => [70 + 20 * i, text]), [704, STATUS]]);
    const before = at([[40, TABS], ...BODY.map((text, i): [number, string] => [70 + 20 * i + 90, text]), [704, STATUS]]);
    expect(scrolledTrigrams(boxedTrigrams(before, 720), boxedTrigrams(scrolled, 720))).toBeGreaterThanOrEqual(SHARED_TRIGRAMS);
  });
});

describe('continuesScreen', () => {
  test('either a scrolled picture or scrolled text is enough', () => {
    expect(continuesScreen(SCROLLED, 0)).toBe(true);
    expect(continuesScreen(0, SHARED_TRIGRAMS)).toBe(true);
    expect(continuesScreen(SCROLLED - 0.01, SHARED_TRIGRAMS - 1)).toBe(false);
    expect(continuesScreen(SCROLLED - 0.01, null)).toBe(false);
  });
});

describe('isBlank', () => {
  test('a flat screen with a small spinner is blank; one with a title bar is not', () => {
    const flat = new Float32Array(1024).fill(1);
    flat.fill(0.5, 500, 510);
    expect(isBlank(flat)).toBe(true);
    const titled = new Float32Array(1024).fill(1);
    titled.fill(0.2, 0, 64);
    expect(isBlank(titled)).toBe(false);
  });
});
