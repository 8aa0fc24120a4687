import type { Finding } from './finding.ts';
import { findSensitive } from './findSensitive.ts';

/** A word's box on the screen, in image pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One OCR word (tesseract's `words`). */
export interface OcrWord {
  text: string;
  bbox: Box;
}

/** A finding on a screen: where it is in the joined text, and the union box of its words. */
export interface WordFinding extends Finding {
  bbox: Box;
  /** Indexes into the words given, of the words the finding covers. */
  words: number[];
}

/** Words share a line when they overlap vertically by at least this share of the shorter one. */
const SAME_LINE = 0.5;

function sameLine(a: Box, b: Box): boolean {
  const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return overlap >= SAME_LINE * Math.min(a.y1 - a.y0, b.y1 - b.y0);
}

/** The words in reading order, grouped into lines: top to bottom, then left to right. */
function lines(words: OcrWord[]): number[][] {
  const order = words.map((_, i) => i).sort((a, b) => words[a]!.bbox.y0 - words[b]!.bbox.y0 || words[a]!.bbox.x0 - words[b]!.bbox.x0);
  const result: Array<{ box: Box; members: number[] }> = [];
  for (const i of order) {
    const box = words[i]!.bbox;
    const line = result.find((l) => sameLine(l.box, box));
    if (line) {
      line.members.push(i);
      line.box = { x0: Math.min(line.box.x0, box.x0), y0: Math.min(line.box.y0, box.y0), x1: Math.max(line.box.x1, box.x1), y1: Math.max(line.box.y1, box.y1) };
    } else result.push({ box: { ...box }, members: [i] });
  }
  return result.map((l) => l.members.sort((a, b) => words[a]!.bbox.x0 - words[b]!.bbox.x0));
}

/** A screen's words joined as the detectors read them, and where each word is in that text. */
export interface JoinedWords {
  text: string;
  spans: Array<{ word: number; start: number; end: number }>;
}

/**
 * The words joined into lines by their boxes: one space between words, one newline between lines,
 * so a private key spans its lines. The same words always join to the same text.
 */
export function joinWords(words: readonly OcrWord[]): JoinedWords {
  let text = '';
  const spans: JoinedWords['spans'] = [];
  for (const line of lines(words as OcrWord[])) {
    if (text !== '') text += '\n';
    for (const [n, word] of line.entries()) {
      if (n > 0) text += ' ';
      spans.push({ word, start: text.length, end: text.length + words[word]!.text.length });
      text += words[word]!.text;
    }
  }
  return { text, spans };
}

/**
 * Findings over a screen's OCR words (see `joinWords`), each mapped back to the words it touches
 * and their union box, ready to be filled.
 */
export function findSensitiveInWords(words: OcrWord[]): WordFinding[] {
  const { text, spans } = joinWords(words);
  return findSensitive(text).map((finding) => {
    const covered = spans.filter((s) => s.start < finding.end && finding.start < s.end).map((s) => s.word);
    const boxes = covered.map((i) => words[i]!.bbox);
    const bbox = {
      x0: Math.min(...boxes.map((b) => b.x0)),
      y0: Math.min(...boxes.map((b) => b.y0)),
      x1: Math.max(...boxes.map((b) => b.x1)),
      y1: Math.max(...boxes.map((b) => b.y1)),
    };
    return { ...finding, bbox, words: covered };
  });
}
