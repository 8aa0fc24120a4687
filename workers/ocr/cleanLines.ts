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
 * A line under this share of the reading's median line height whose words average under
 * SLIVER_CONFIDENCE is the top or bottom of a line cut by the edge of a scrolling area (a 9 px
 * high line of 27 false words under an editor's tabs, among lines of 28 px). A real line with no
 * ascender or descender ("a new era") is still over half the height of the others.
 */
const SLIVER_SHARE = 0.45;
const SLIVER_CONFIDENCE = 50;
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
 * The lines of a screen without slivers of lines cut by the edge of a scrolling area. Also run
 * on a screen read in bands, whose band may hold a sliver and too few lines to compare it with. Pure.
 */
export function withoutSlivers(lines: OcrLine[]): OcrLine[] {
  if (lines.length < SLIVER_MIN_LINES) return lines;
  const heights = lines.map((line) => line.box.height).sort((a, b) => a - b);
  const typical = heights[heights.length >> 1]!;
  const kept = lines.filter((line) => line.box.height >= SLIVER_SHARE * typical || meanConfidence(line.words) >= SLIVER_CONFIDENCE);
  return kept.length === lines.length ? lines : kept;
}

function union(a: OcrWord['box'], b: OcrWord['box']): OcrWord['box'] {
  const left = Math.min(a.left, b.left);
  const top = Math.min(a.top, b.top);
  return { left, top, width: Math.max(a.left + a.width, b.left + b.width) - left, height: Math.max(a.top + a.height, b.top + b.height) - top };
}

/**
 * Words split at "](": tesseract takes the wide gap between the two glyphs of a monospace font
 * for a space, and a Markdown link `[text](url)` becomes two words. Joined when the gap is under
 * one character of the first word (a real space is one character plus the glyphs' own margins).
 */
function joinedLinks(words: OcrWord[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (const word of words) {
    const previous = out.at(-1);
    const gap = previous ? word.box.left - (previous.box.left + previous.box.width) : Infinity;
    if (previous && previous.text.endsWith(']') && word.text.startsWith('(') && gap < previous.box.width / previous.text.length) {
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

const loneGlyph = (word: OcrWord) => word.text.length === 1 && hasLetters(word) && word.confidence < LONE_GLYPH_CONFIDENCE;

/**
 * Tesseract's lines with its usual slips on screens undone: noise lines and slivers of cut lines (withoutSlivers) dropped, lone glyphs of low
 * confidence dropped, links split at "](" joined. Lines left with no word are dropped. Pure.
 */
export function cleanLines(lines: OcrLine[]): OcrLine[] {
  const out: OcrLine[] = [];
  for (const line of withoutSlivers(lines)) {
    if (isNoise(line)) continue;
    const words = joinedLinks(line.words.filter((word) => !loneGlyph(word)));
    if (words.length === 0) continue;
    if (words.length === line.words.length && words.every((word, i) => word === line.words[i])) {
      out.push(line);
      continue;
    }
    out.push({ text: words.map((word) => word.text).join(' '), box: words.map((word) => word.box).reduce(union), words });
  }
  return out;
}
