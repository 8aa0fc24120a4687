import { describe, expect, test } from 'vitest';
import { planScales, SMALL_X_HEIGHT } from '../../workers/ocr/scalePlan.ts';
import { linesEvery, textPage } from './fixtures/textPage.ts';

const HEIGHT = 600;
const BIG = SMALL_X_HEIGHT + 2;
const SMALL = SMALL_X_HEIGHT - 1;

describe('planScales()', () => {
  test('text big enough everywhere is read whole at 1×', () => {
    expect(planScales(textPage(linesEvery(20, HEIGHT, 30, BIG), HEIGHT))).toEqual({ kind: 'whole', scale: 1 });
  });

  test('a picture of small text is read whole at 2×', () => {
    expect(planScales(textPage(linesEvery(20, HEIGHT, 20, SMALL), HEIGHT))).toEqual({ kind: 'whole', scale: 2 });
  });

  test('a block of small lines among big ones is a band of its own, ending in blank rows', () => {
    const lines = [...linesEvery(20, 260, 30, BIG), ...linesEvery(260, 360, 20, SMALL), ...linesEvery(380, HEIGHT, 30, BIG)];
    const plan = planScales(textPage(lines, HEIGHT));
    expect(plan.kind).toBe('split');
    if (plan.kind !== 'split') return;
    expect(plan.small).toHaveLength(1);
    const [band] = plan.small;
    // The big line above ends at 230 + BIG + 4 (its descenders), the one below starts at 380 - 4.
    expect(band!.top).toBeGreaterThan(230 + BIG + 4);
    expect(band!.top).toBeLessThanOrEqual(260 - 3);
    expect(band!.bottom).toBeGreaterThanOrEqual(340 + SMALL + 3);
    expect(band!.bottom).toBeLessThan(380 - 4);
  });

  test('a label or two of small text is not worth a call of its own', () => {
    const lines = [...linesEvery(20, 260, 30, BIG), ...linesEvery(260, 300, 20, SMALL), ...linesEvery(320, HEIGHT, 30, BIG)];
    expect(planScales(textPage(lines, HEIGHT))).toEqual({ kind: 'whole', scale: 1 });
  });

  test('small blocks far apart are read as separate bands', () => {
    const lines = [...linesEvery(20, 100, 20, SMALL), ...linesEvery(120, 480, 30, BIG), ...linesEvery(500, HEIGHT, 20, SMALL)];
    const plan = planScales(textPage(lines, HEIGHT));
    expect(plan.kind === 'split' && plan.small.length).toBe(2);
  });

  test('on a screen of big text, lines cut short by the edge of a scrolling area are not small text', () => {
    // Slivers of lines (x-height 4–7 rows) over a 2× page of 16-row letters.
    const lines = [...linesEvery(20, 80, 20, SMALL), ...linesEvery(80, HEIGHT, 50, 16)];
    expect(planScales(textPage(lines, HEIGHT))).toEqual({ kind: 'whole', scale: 1 });
  });
});
