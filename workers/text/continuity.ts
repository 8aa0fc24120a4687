/**
 * Text continuity between two screens: after a scroll, lines at one edge of the previous screen
 * are still on the next one, at another height. Compared as word trigrams within lines, so OCR
 * that splits or joins a line differently, or glues a sidebar word to it, still shares most.
 */

/** How far (as a share of the screen's lines) a trigram must move to count as scrolled. */
const MOVED = 0.1;

/** Words of an OCR line that can be compared: lowercase, at least two characters, one a letter. */
function lineWords(line: string): string[] {
  return (line.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length >= 2 && /\p{L}/u.test(word));
}

/**
 * The word trigrams of a screen's text, none spanning two lines, each with where its line is
 * (0 = first line, 1 = last).
 */
export function lineTrigrams(text: string): Map<string, number> {
  const trigrams = new Map<string, number>();
  const lines = text.split('\n');
  for (const [n, line] of lines.entries()) {
    const words = lineWords(line);
    const place = lines.length > 1 ? n / (lines.length - 1) : 0;
    for (let i = 0; i + 2 < words.length; i++) {
      const trigram = `${words[i]} ${words[i + 1]} ${words[i + 2]}`;
      if (!trigrams.has(trigram)) trigrams.set(trigram, place);
    }
  }
  return trigrams;
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
