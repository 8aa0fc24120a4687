import type { OcrLine } from '../../src/shared/results.ts';

/** The lines of a screen in reading order: top to bottom, then left to right. */
export function inReadingOrder(lines: OcrLine[]): OcrLine[] {
  return [...lines].sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left);
}

/**
 * A spliced screen's text and confidence from its lines: one line of text per line, and the
 * mean confidence of its words (as tesseract's own page confidence is).
 */
export function textOfLines(lines: OcrLine[]): { text: string; confidence: number } {
  const words = lines.flatMap((line) => line.words);
  const confidence = words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
  return { text: lines.map((line) => line.text).join('\n'), confidence: Math.round(confidence * 10) / 10 };
}
