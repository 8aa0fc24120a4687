import { describe, expect, test } from 'vitest';
import { continuesScreen, SCROLLED, SHARED_TRIGRAMS } from '../../workers/images/boundary.ts';
import { isBlank } from '../../workers/images/blank.ts';
import { lineTrigrams, scrolledTrigrams } from '../../workers/text/continuity.ts';

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
