import type { OcrLine, PixelBox } from '../../src/shared/results.ts';
import type { OcrWord } from './words.ts';

/** A screen's OCR words (from its stored lines) as the word detectors take them, with their boxes kept. */
export function screenWords(lines: readonly OcrLine[]): Array<OcrWord & { box: PixelBox }> {
  return lines.flatMap((line) =>
    line.words.map((word) => ({
      text: word.text,
      box: word.box,
      bbox: { x0: word.box.left, y0: word.box.top, x1: word.box.left + word.box.width, y1: word.box.top + word.box.height },
    })),
  );
}
