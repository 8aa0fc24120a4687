import { sideColumns } from './columns.ts';
import { withoutRects, type GrayImage, type Rect } from './grayImage.ts';
import type { Band } from './readPlan.ts';
import { MIN_X_HEIGHT, textRuns, type TextRun } from './textSize.ts';

/**
 * A line whose x-height is at most this many rows is read at twice its size: tesseract misreads
 * it at 1× (13–14 px fonts: code, sidebars, an editor, 8 rows), while 16 px body text (9 rows)
 * reads about as well at 1× as at 2× (eval corpus, docs/quality.md). Text at 2× is 15 rows or more.
 */
export const SMALL_X_HEIGHT = 8;
/**
 * A picture whose lines' median x-height is over this is a 1.5× or 2× screen: its few short runs
 * are lines cut by the edge of a scrolling area, not small text, and are read at 1× with the rest.
 */
const BIG_SCREEN_X_HEIGHT = 12;
/** Small lines at most this many rows apart are read in one band: one call, lines between and all. */
const MERGE_GAP = 48;
/** A band of fewer small lines stays at 1×: one more call for a label or two costs more than it gains. */
const MIN_LINES = 3;
/** From this share of the picture's rows in small bands, it is read whole at 2×: one call, not several. */
const WHOLE_SHARE = 0.6;

/** A side column (a sidebar) read on its own, at the scale its text needs. */
export interface ColumnRead extends Rect {
  scale: 1 | 2;
}

/**
 * How to size a picture for tesseract: `whole` at one scale, or `split`: `columns` beside the
 * main one read on their own, and in the rest (those columns blanked) `small` bands at 2× and
 * everything else at `main`. Bands are in the picture's rows and end halfway into the blank rows
 * around them, so no line is cut; columns end in the middle of their gutters.
 */
export type ScalePlan = { kind: 'whole'; scale: 1 | 2 } | { kind: 'split'; main: 1 | 2; small: Band[]; columns: ColumnRead[] };

const isSmall = (run: TextRun) => run.xHeight >= MIN_X_HEIGHT && run.xHeight <= SMALL_X_HEIGHT;

/** Small lines grouped: each group's first and last run index. */
function groups(runs: TextRun[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let lines = 0;
  for (const [i, run] of runs.entries()) {
    if (!isSmall(run)) continue;
    const last = out.at(-1);
    if (last && run.top - runs[last[1]]!.bottom <= MERGE_GAP) {
      last[1] = i;
      lines++;
      continue;
    }
    if (last && lines < MIN_LINES) out.pop();
    out.push([i, i]);
    lines = 1;
  }
  if (out.length > 0 && lines < MIN_LINES) out.pop();
  return out;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/**
 * Where each part of a picture is read: a side column on its own (columns.ts), small text at 2×,
 * the rest at 1×. The main column's lines are measured with the side columns blanked, so that a
 * sidebar label beside a line of body text does not size it. Pure.
 */
export function planScales(image: GrayImage): ScalePlan {
  const sides = sideColumns(image);
  const main = withoutRects(image, sides);
  const runs = textRuns(main);
  const heights = [...runs, ...sides.flatMap((side) => side.runs)].map((run) => run.xHeight).filter((x) => x >= MIN_X_HEIGHT);
  const bigScreen = heights.length === 0 || median(heights)! > BIG_SCREEN_X_HEIGHT;
  const columns = sides.map(({ runs: lines, ...rect }): ColumnRead => {
    const sizes = lines.map((run) => run.xHeight).filter((x) => x >= MIN_X_HEIGHT);
    return { ...rect, scale: !bigScreen && sizes.length > 0 && median(sizes)! <= SMALL_X_HEIGHT ? 2 : 1 };
  });
  const split = (mainScale: 1 | 2, small: Band[]): ScalePlan =>
    columns.length === 0 && small.length === 0 ? { kind: 'whole', scale: mainScale } : { kind: 'split', main: mainScale, small, columns };
  if (bigScreen) return split(1, []);
  const small = groups(runs).map(([first, last]): Band => {
    const above = runs[first - 1]?.bottom ?? 0;
    const below = runs[last + 1]?.top ?? image.height;
    return { top: (above + runs[first]!.top) >> 1, bottom: (runs[last]!.bottom + below) >> 1 };
  });
  const rows = small.reduce((sum, band) => sum + band.bottom - band.top, 0);
  if (small.length > 0 && rows >= WHOLE_SHARE * image.height) return split(2, []);
  return split(1, small);
}
