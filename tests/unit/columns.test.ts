import { describe, expect, test } from 'vitest';
import { sideColumns } from '../../workers/ocr/columns.ts';
import { planScales } from '../../workers/ocr/scalePlan.ts';
import { textPage, type FakeLine } from './fixtures/textPage.ts';

const WIDTH = 640;
const HEIGHT = 480;
/** A docs site's sidebar: short labels 10–70 px, every 30 rows from 60. */
const SIDEBAR = Array.from({ length: 10 }, (_, i): FakeLine => ({ top: 60 + 30 * i, xHeight: 7, left: 10, right: 40 + ((i * 7) % 31) }));
/** Its page: long lines from 150 px, every 24 rows from 50, so that most share rows with a label. */
const BODY = Array.from({ length: 17 }, (_, i): FakeLine => ({ top: 50 + 24 * i, xHeight: 10, left: 150, right: WIDTH - 20 }));
/** A header's title and breadcrumbs, running across the gutter. */
const HEADER: FakeLine = { top: 16, xHeight: 8, left: 10, right: 260 };

const page = (lines: FakeLine[]) => textPage(lines, HEIGHT, 3, WIDTH);

describe('sideColumns()', () => {
  test('a sidebar beside the page is a column of its own, ending halfway across its gutter', () => {
    const [side, ...rest] = sideColumns(page([...SIDEBAR, ...BODY]));
    expect(rest).toEqual([]);
    expect(side!.left).toBe(0);
    expect(side!.right).toBeGreaterThan(70);
    expect(side!.right).toBeLessThan(150);
    // Every label inside, whole (with its ascenders, 3 rows above, and descenders below).
    expect(side!.top).toBeLessThanOrEqual(60 - 3);
    expect(side!.bottom).toBeGreaterThanOrEqual(60 + 30 * 9 + 7 + 3);
    expect(side!.runs).toHaveLength(10);
  });

  test('a header running across the gutter is left to the page: the column starts below it', () => {
    const [side, ...rest] = sideColumns(page([HEADER, ...SIDEBAR, ...BODY]));
    expect(rest).toEqual([]);
    expect(side!.top).toBeGreaterThan(16 + 8 + 3);
    expect(side!.runs).toHaveLength(10);
  });

  test('one column of text, and lines with the gaps between words, have no side column', () => {
    expect(sideColumns(page(BODY))).toEqual([]);
    // Words 60 px long with gaps of 16 px: a line, not columns.
    const words = BODY.flatMap((line) => Array.from({ length: 6 }, (_, k): FakeLine => ({ ...line, left: 150 + 76 * k, right: 210 + 76 * k })));
    expect(sideColumns(page(words))).toEqual([]);
  });

  test('on a 2× screen an editor’s line numbers, 36 px from the code, are no column: gaps grow with the text', () => {
    const lines = Array.from({ length: 12 }, (_, i) => 40 + 36 * i).flatMap((top): FakeLine[] => [
      { top, xHeight: 16, left: 10, right: 40 },
      { top, xHeight: 16, left: 76, right: WIDTH - 20 },
    ]);
    expect(sideColumns(page(lines))).toEqual([]);
  });

  test('a vertical line in the gutter (the sidebar’s border) is no column and stays out of the sidebar’s', () => {
    const image = page([...SIDEBAR, ...BODY]);
    for (let r = 40; r < HEIGHT; r++) image.data[r * WIDTH + 120] = 200;
    const columns = sideColumns(image);
    expect(columns).toHaveLength(1);
    expect(columns[0]!.right).toBeLessThanOrEqual(120);
  });
});

describe('planScales() with a sidebar', () => {
  test('small sidebar labels beside big page text are read at 2× on their own, the page at 1×', () => {
    // Measured across the whole width, each label shares its rows with a line of the page and takes its size.
    const labels = BODY.filter((_, i) => i % 2 === 0).map((line): FakeLine => ({ top: line.top + 1, xHeight: 7, left: 10, right: 70 }));
    const plan = planScales(page([...labels, ...BODY]));
    expect(plan.kind).toBe('split');
    if (plan.kind !== 'split') return;
    expect(plan.main).toBe(1);
    expect(plan.small).toEqual([]);
    expect(plan.columns).toHaveLength(1);
    expect(plan.columns[0]!.scale).toBe(2);
    expect(plan.columns[0]!.right).toBeLessThan(150);
  });
});
