import type { OcrLine, OcrWord } from '../../src/shared/results.ts';

/**
 * A line of two words or more (with a letter or digit) whose words average under this confidence
 * is not text: a line cut by the edge of a scrolling area, an icon row. Real lines, even badly
 * read, average far higher.
 */
const GARBAGE_LINE_CONFIDENCE = 30;
/**
 * A word of one letter or digit under this confidence is a glyph the font lacks (an emoji drawn
 * as an empty box, read as "0") or an icon. Letters and line numbers read at 2× score 75 or more.
 */
const LONE_GLYPH_CONFIDENCE = 65;
/**
 * ...unless a word beside it is about as unsure: then that stretch of the line was hard to read
 * (an editor's status bar, white on blue, reads "Spaces:" and "2" both at 47), and the glyph is
 * text. An empty box in a table scores 45–62 between bars of 90 and more.
 */
const LONE_GLYPH_MARGIN = 15;
/**
 * A line under this share of the reading's median line height whose words average under
 * SLIVER_CONFIDENCE is the top or bottom of a line cut by the edge of a scrolling area (a 9 px
 * high line of 27 false words under an editor's tabs, among lines of 28 px). A real line with no
 * ascender or descender ("a new era") is still over half the height of the others.
 */
const SLIVER_SHARE = 0.45;
const SLIVER_CONFIDENCE = 50;
/**
 * A line of CUT_LINE_WORDS words or more, under CUT_LINE_SHARE of the median height, whose words
 * average under CUT_LINE_CONFIDENCE is the top two thirds of a line cut by a bar (an editor's
 * status bar over its last line: 10 px among lines of 14, 14 words averaging 50, "lavaSerint
 * nhierte meccanes"). A real line of several words has an ascender or a descender somewhere.
 */
const CUT_LINE_SHARE = 0.8;
const CUT_LINE_CONFIDENCE = 55;
const CUT_LINE_WORDS = 4;
/** Fewer lines than this give no median height to compare with. */
const SLIVER_MIN_LINES = 3;

const hasLetters = (word: OcrWord) => /[\p{L}\p{N}]/u.test(word.text);

const meanConfidence = (words: OcrWord[]) => words.reduce((sum, word) => sum + word.confidence, 0) / words.length;

/** Whether a line is noise: punctuation read beside a word ("PACKAGES . ) ."), which tesseract is never sure of, does not count. */
function isNoise(line: OcrLine): boolean {
  const words = line.words.filter(hasLetters);
  return words.length >= 2 && meanConfidence(words) < GARBAGE_LINE_CONFIDENCE;
}

/**
 * The lines of a screen without slivers and parts of lines cut by the edge of a scrolling area or a bar. Also run
 * on a screen read in bands, whose band may hold a sliver and too few lines to compare it with. Pure.
 */
export function withoutSlivers(lines: OcrLine[]): OcrLine[] {
  if (lines.length < SLIVER_MIN_LINES) return lines;
  const heights = lines.map((line) => line.box.height).sort((a, b) => a - b);
  const typical = heights[heights.length >> 1]!;
  const sliver = (line: OcrLine) => line.box.height < SLIVER_SHARE * typical && meanConfidence(line.words) < SLIVER_CONFIDENCE;
  const cut = (line: OcrLine) =>
    line.words.length >= CUT_LINE_WORDS && line.box.height < CUT_LINE_SHARE * typical && meanConfidence(line.words) < CUT_LINE_CONFIDENCE;
  const kept = lines.filter((line) => !sliver(line) && !cut(line));
  return kept.length === lines.length ? lines : kept;
}

function union(a: OcrWord['box'], b: OcrWord['box']): OcrWord['box'] {
  const left = Math.min(a.left, b.left);
  const top = Math.min(a.top, b.top);
  return { left, top, width: Math.max(a.left + a.width, b.left + b.width) - left, height: Math.max(a.top + a.height, b.top + b.height) - top };
}

/** A gap under this share of the line's median gap between words is no space: "comlink/ README. md" is one word. */
const SPLIT_GAP_SHARE = 0.4;
/** Fewer gaps than this give no median gap to compare with. */
const SPLIT_MIN_GAPS = 3;

const gapBetween = (a: OcrWord, b: OcrWord) => b.box.left - (a.box.left + a.box.width);

/** The median gap between the words of a line, or null when it has too few to tell. */
function medianGap(words: OcrWord[]): number | null {
  const gaps = words.slice(1).map((word, i) => gapBetween(words[i]!, word));
  if (gaps.length < SPLIT_MIN_GAPS) return null;
  return gaps.sort((a, b) => a - b)[gaps.length >> 1]!;
}

/**
 * Whether tesseract split one word in two. A Markdown link `[text](url)` at "](": in a monospace
 * font the gap between the two glyphs looks like a space, so it is joined when the gap is under
 * one character of the first word (a real space is one character plus the glyphs' own margins).
 * A path or a file name after "/" or at "." ("comlink/ README. md" in an editor's tab, 13 px UI
 * text): joined when the gap is far smaller than the line's other gaps, which are its spaces.
 */
function splitWord(previous: OcrWord, word: OcrWord, lineGap: number | null): boolean {
  const gap = gapBetween(previous, word);
  if (previous.text.endsWith(']') && word.text.startsWith('(')) return gap < previous.box.width / previous.text.length;
  const pathOrName = previous.text.endsWith('/') || (previous.text.endsWith('.') && /^\p{Ll}/u.test(word.text));
  return pathOrName && lineGap !== null && gap < SPLIT_GAP_SHARE * lineGap;
}

/** The words of a line with those tesseract split (splitWord) joined again. */
function joinedSplits(words: OcrWord[]): OcrWord[] {
  const lineGap = medianGap(words);
  const out: OcrWord[] = [];
  for (const word of words) {
    const previous = out.at(-1);
    if (previous && splitWord(previous, word, lineGap)) {
      out[out.length - 1] = {
        text: previous.text + word.text,
        box: union(previous.box, word.box),
        confidence: Math.min(previous.confidence, word.confidence),
      };
    } else {
      out.push(word);
    }
  }
  return out;
}

/** Whether the word at `i` is a lone glyph far less sure than the words beside it (LONE_GLYPH_CONFIDENCE, LONE_GLYPH_MARGIN). */
function loneGlyph(words: OcrWord[], i: number): boolean {
  const word = words[i]!;
  if (word.text.length !== 1 || !hasLetters(word) || word.confidence >= LONE_GLYPH_CONFIDENCE) return false;
  // Words, not table bars: a box in a table is read between bars as unsure as itself.
  const neighbours = [words[i - 1], words[i + 1]].filter((other): other is OcrWord => other !== undefined && hasLetters(other));
  return neighbours.every((other) => word.confidence < other.confidence - LONE_GLYPH_MARGIN);
}

/**
 * Tesseract's lines with its usual slips on screens undone: noise lines and slivers of cut lines (withoutSlivers) dropped, lone glyphs of low
 * confidence dropped, words split at "](", after "/" or at "." joined. Lines left with no word are dropped. Pure.
 */
export function cleanLines(lines: OcrLine[]): OcrLine[] {
  const out: OcrLine[] = [];
  for (const line of withoutSlivers(lines)) {
    if (isNoise(line)) continue;
    const words = joinedSplits(line.words.filter((_, i) => !loneGlyph(line.words, i)));
    if (words.length === 0) continue;
    if (words.length === line.words.length && words.every((word, i) => word === line.words[i])) {
      out.push(line);
      continue;
    }
    out.push({ text: words.map((word) => word.text).join(' '), box: words.map((word) => word.box).reduce(union), words });
  }
  return out;
}
