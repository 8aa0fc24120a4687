/**
 * Text continuity between two screens: after a scroll, lines at one edge of the previous screen
 * are still on the next one, at another height. Compared as word trigrams within lines, so OCR
 * that splits or joins a line differently, or glues a sidebar word to it, still shares most.
 */
import type { OcrLine } from '../../src/shared/results.ts';

/** How far (as a share of the screen's height or of its lines) a trigram must move to count as scrolled. */
const MOVED = 0.1;

/** Words of an OCR line that can be compared: lowercase, at least two characters, one a letter. */
function lineWords(line: string): string[] {
  return (line.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length >= 2 && /\p{L}/u.test(word));
}

/** The word trigrams of lines placed on a screen (0 = top, 1 = bottom), none spanning two lines, each with its line's place. */
function placedTrigrams(lines: Array<{ text: string; place: number }>): Map<string, number> {
  const trigrams = new Map<string, number>();
  for (const { text, place } of lines) {
    const words = lineWords(text);
    for (let i = 0; i + 2 < words.length; i++) {
      const trigram = `${words[i]} ${words[i + 1]} ${words[i + 2]}`;
      if (!trigrams.has(trigram)) trigrams.set(trigram, place);
    }
  }
  return trigrams;
}

/**
 * The word trigrams of a screen's text, each placed by its line's index (0 = first line, 1 =
 * last): for text without boxes. Lines that stay put move in this measure when the number of
 * lines changes; boxedTrigrams() does not.
 */
export function lineTrigrams(text: string): Map<string, number> {
  const lines = text.split('\n');
  return placedTrigrams(lines.map((line, n) => ({ text: line, place: lines.length > 1 ? n / (lines.length - 1) : 0 })));
}

/**
 * The word trigrams of a screen's OCR lines, each placed by its line's height on the screen (0 =
 * top, 1 = bottom). An editor's tab strip stays put when its document is swapped for an empty
 * page of 3 lines, though its index among the lines goes from 1 of 40 to 1 of 3.
 */
export function boxedTrigrams(lines: readonly OcrLine[], screenHeight: number): Map<string, number> {
  return placedTrigrams(lines.map((line) => ({ text: line.text, place: (line.box.top + line.box.height / 2) / screenHeight })));
}

/**
 * How many trigrams of the previous screen are on the current one at another height: text that
 * scrolled. Lines that stayed put (a menu, a tab strip, a status bar) name the app, not the
 * document, and are not counted.
 */
export function scrolledTrigrams(previous: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>): number {
  let moved = 0;
  for (const [trigram, place] of previous) {
    const now = current.get(trigram);
    if (now !== undefined && Math.abs(now - place) >= MOVED) moved++;
  }
  return moved;
}
