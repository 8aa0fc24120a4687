import { packLines, unpackLines } from './packedLines.ts';
import type { OcrLine, ScreenText } from './results.ts';

/**
 * A screen's OCR lines with their words and boxes, whichever form the result stores them in:
 * packed (`packedLines`), or as objects (`lines`, results stored before): old results stay
 * readable with no migration. Undefined when the screen has none (nothing read, or stored before
 * there were boxes). Unpacks on every call: keep what you need, not the whole session's lines.
 */
export function linesOf(screen: Pick<ScreenText, 'lines' | 'packedLines'>): OcrLine[] | undefined {
  if (screen.packedLines) return unpackLines(screen.packedLines);
  return screen.lines;
}

/** The field a screen's OCR lines are stored in: packed, and none when there are no lines. */
export function storedLines(lines: readonly OcrLine[]): Pick<ScreenText, 'packedLines'> {
  return lines.length > 0 ? { packedLines: packLines(lines) } : {};
}

/** Whether OCR read any word on a screen, without unpacking its lines. */
export function hasWords(screen: Pick<ScreenText, 'lines' | 'packedLines'>): boolean {
  if (screen.packedLines) return screen.packedLines.confidences.length > 0;
  return (screen.lines ?? []).some((line) => line.words.length > 0);
}
