import type { GrayImage, Rect } from './grayImage.ts';
import { EDGE_STEP, MIN_X_HEIGHT, textRuns, type TextRun } from './textSize.ts';

/**
 * A gutter between columns is at least this many pixels wide, and GUTTER_X_HEIGHTS times the
 * text's median x-height: a docs site's sidebar ends 100 px or more before its page's text at 1×,
 * while the gaps inside a line (words, an editor's line numbers, a status bar's fields) are under
 * 25 px at 1× and twice that at 2×.
 */
const GUTTER = 32;
const GUTTER_X_HEIGHTS = 4;
/**
 * A gutter column may cross text in this share of the picture's text rows: a title or a bar
 * across the whole screen (a header's breadcrumbs) runs over it for a line or two.
 */
const GUTTER_INK = 0.05;
/** A column with a glyph edge in this share of the text rows or more is a vertical line. */
const RULE_SHARE = 0.9;
/** Columns beside a neighbouring span not looked at for a line's extent (see sideColumns). */
const SLACK = 8;

/** A column of text beside the main one (a sidebar), and the x-height of each of its lines. */
export interface SideColumn extends Rect {
  runs: TextRun[];
}

/** How many text rows have a glyph edge at each column of the picture. */
function columnInk(image: GrayImage, runs: readonly TextRun[]): { ink: Uint32Array; rows: number } {
  const { width, data } = image;
  const ink = new Uint32Array(width);
  let rows = 0;
  for (const run of runs) {
    for (let r = run.top; r < run.bottom; r++, rows++) {
      const row = r * width;
      for (let c = 1; c < width; c++) if (Math.abs(data[row + c]! - data[row + c - 1]!) > EDGE_STEP) ink[c]!++;
    }
  }
  return { ink, rows };
}

/** Spans of columns between gutters (and the picture's edges), each with how much ink it holds. */
function columnSpans(ink: Uint32Array, rows: number, gutter: number): Array<{ left: number; right: number; ink: number }> {
  const width = ink.length;
  const blank = (c: number) => ink[c]! <= GUTTER_INK * rows;
  const spans: Array<{ left: number; right: number; ink: number }> = [];
  let c = 0;
  while (c < width && blank(c)) c++;
  while (c < width) {
    const left = c;
    let sum = 0;
    let right = c;
    // A span ends at a run of `gutter` blank columns, or at the picture's edge.
    for (let gap = 0; c < width && gap < gutter; c++) {
      if (blank(c)) gap++;
      else [gap, right] = [0, c + 1];
      sum += ink[c]!;
    }
    spans.push({ left, right, ink: sum });
    while (c < width && blank(c)) c++;
  }
  return spans;
}

/**
 * The first and last column (exclusive) with a glyph edge in rows top..bottom, between columns
 * left and right; columns of `rules` (vertical lines) do not count.
 */
function inkExtent(image: GrayImage, rules: Uint8Array, top: number, bottom: number, left: number, right: number): { from: number; to: number } {
  let from = right;
  let to = left;
  for (let r = top; r < bottom; r++) {
    const row = r * image.width;
    for (let c = Math.max(1, left); c < right; c++) {
      if (rules[c] === 1 || Math.abs(image.data[row + c]! - image.data[row + c - 1]!) <= EDGE_STEP) continue;
      from = Math.min(from, c - 1);
      to = Math.max(to, c + 1);
    }
  }
  return { from, to };
}

/**
 * The columns of text beside the main one, split off at gutters: wide strips of columns with no
 * glyph in nearly every text row. Tesseract's layout analysis joins a sidebar's short labels to
 * the lines of the page beside them ("PACKAGES so it can respond …"), and a row projection over
 * the whole width measures a sidebar label beside a line of body text as one line: read and
 * measured on its own, each column is read right. The main column is the one with the most ink;
 * every other one is a side column, in blocks of consecutive lines that keep a gutter clear
 * of the columns beside (a header's breadcrumbs, running across, end a block). A block is kept
 * when, over all its rows, a whole gutter of blank columns lies between it and the text beside
 * it; it ends halfway into the blank rows around it and halfway across its gutters. Pure.
 */
export function sideColumns(image: GrayImage): SideColumn[] {
  const all = textRuns(image);
  const { ink, rows } = columnInk(image, all);
  const sizes = all.map((run) => run.xHeight).filter((x) => x >= MIN_X_HEIGHT).sort((a, b) => a - b);
  const gutter = Math.max(GUTTER, GUTTER_X_HEIGHTS * (sizes[sizes.length >> 1] ?? 0));
  // A span with no line of its own is a rule or a border (a sidebar's edge, an active item's bar).
  const spans = columnSpans(ink, rows, gutter).filter((span) => textRuns(image, span.left, span.right).some((run) => run.xHeight >= MIN_X_HEIGHT));
  if (spans.length < 2) return [];
  const main = spans.reduce((a, b) => (b.ink > a.ink ? b : a));
  // A column with an edge in nearly every text row is a vertical line (a sidebar's border), no text.
  const rules = Uint8Array.from(ink, (n) => (n >= RULE_SHARE * rows ? 1 : 0));
  const out: SideColumn[] = [];
  for (const [i, span] of spans.entries()) {
    if (span === main) continue;
    const first = i === 0;
    const last = i === spans.length - 1;
    const before = spans[i - 1]?.right ?? 0;
    const after = spans[i + 1]?.left ?? image.width;
    // Runs too thin to be text (a rule's end, the dots of an underline) neither make a block nor end one.
    const runs = textRuns(image, before, after).filter((run) => run.xHeight >= MIN_X_HEIGHT);
    // A span starts where its columns hold text in more than GUTTER_INK of the rows, so the faint
    // edge of a glyph may lie a pixel or two outside it: the columns right beside are not looked at.
    const [regionLeft, regionRight] = [first ? 0 : before + SLACK, last ? image.width : after - SLACK];
    const extents = runs.map((run) => inkExtent(image, rules, run.top, run.bottom, regionLeft, regionRight));
    const inside = extents.map(({ from, to }) => from < to && (first || from >= before + gutter) && (last || to <= after - gutter));
    let block: number[] = [];
    const close = (next: number) => {
      if (block.length === 0) return;
      const [upper, lower] = [block[0]!, block.at(-1)!];
      const top = ((runs[upper - 1]?.bottom ?? 0) + runs[upper]!.top) >> 1;
      const bottom = (runs[lower]!.bottom + (runs[next]?.top ?? image.height)) >> 1;
      // The block's ink and the nearest text beside it, in any of its rows (ascenders too).
      const { from, to } = inkExtent(image, rules, top, bottom, regionLeft, regionRight);
      const leftInk = first ? -Infinity : inkExtent(image, rules, top, bottom, 0, from).to;
      const rightInk = last ? Infinity : inkExtent(image, rules, top, bottom, to, image.width).from;
      if ((first || from - leftInk >= gutter) && (last || rightInk - to >= gutter)) {
        const left = first ? 0 : (Math.max(0, leftInk) + from) >> 1;
        const right = last ? image.width : (to + Math.min(image.width, rightInk)) >> 1;
        out.push({ top, bottom, left, right, runs: block.map((k) => runs[k]!) });
      }
      block = [];
    };
    for (const k of runs.keys()) {
      if (inside[k]) block.push(k);
      else close(k);
    }
    close(runs.length);
  }
  return out;
}
