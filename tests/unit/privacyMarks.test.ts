import { describe, expect, test } from 'vitest';
import { hideMarked, wordsInBoxes } from '../../src/shared/markedWords.ts';
import type { OcrLine, PixelBox } from '../../src/shared/results.ts';
import { rangeIn } from '../../src/ui/detail/markPlaces.ts';
import { redactPieces, redactText } from '../../workers/privacy/redactText.ts';

/** One OCR line of words 10 px apart, each 40 px wide, at `top`. */
function line(top: number, ...words: string[]): OcrLine {
  const box = (i: number): PixelBox => ({ left: i * 50, top, width: 40, height: 20 });
  return { text: words.join(' '), box: { left: 0, top, width: words.length * 50, height: 20 }, words: words.map((text, i) => ({ text, box: box(i), confidence: 90 })) };
}

describe('marks made in the review', () => {
  const lines = [line(0, 'Project', 'Falcon', 'budget', 'plan'), line(40, 'Owner', 'Bob', 'Stone')];

  test('a box takes the words whose centre is inside it, as runs per line', () => {
    // Over "Falcon budget" (centres at x 70 and 120) and over "Bob" (x 70), not "Stone" (x 120).
    expect(wordsInBoxes(lines, [{ left: 45, top: 0, width: 100, height: 30 }, { left: 45, top: 40, width: 50, height: 20 }])).toEqual(['Falcon budget', 'Bob']);
    expect(wordsInBoxes(lines, [{ left: 0, top: 100, width: 500, height: 20 }])).toEqual([]);
    // Selected words are their own boxes.
    expect(wordsInBoxes(lines, [lines[1]!.words[1]!.box, lines[1]!.words[2]!.box])).toEqual(['Bob Stone']);
  });

  test('marked values are replaced as whole words, in any case and spacing; single words of any length too', () => {
    const pieces = new Set(['falcon budget', 'bob']);
    expect(redactPieces('The Falcon  budget is with bob; Bobby keeps falcon.', pieces)).toBe('The [redacted] is with [redacted]; Bobby keeps falcon.');
    expect(redactText('Mail bob at dana.park@example.org', new Set(), pieces)).toBe('Mail [redacted] at [email]');
    // A marked word that names a kind leaves the placeholders alone.
    expect(redactText('Card 4242 4242 4242 4242', new Set(), new Set(['card']))).toBe('[redacted] [card]');
    expect(hideMarked('FALCON budget, bob.', ['Falcon budget', 'Bob'])).toBe('[redacted], [redacted].');
  });

  test('a selection is found in the text as captured, also with other spacing', () => {
    expect(rangeIn('You can reach me', 'can reach')).toEqual({ start: 4, end: 13 });
    expect(rangeIn('Line one\nline  two', 'one line two')).toEqual({ start: 5, end: 18 });
    expect(rangeIn('abc', 'xyz')).toBeNull();
  });
});
