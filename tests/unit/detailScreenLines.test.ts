import { describe, expect, test } from 'vitest';
import type { RedactResult, SensitiveFinding } from '../../src/shared/privacy.ts';
import type { ChaptersResult, OcrLine, OcrResult, PixelBox } from '../../src/shared/results.ts';
import { storedLines } from '../../src/shared/screenLines.ts';
import { markableScreens, wordsOf } from '../../src/ui/detail/markableScreens.ts';
import { hideMarks, shownTexts } from '../../src/ui/detail/shownTexts.ts';

const box = (left: number, top: number): PixelBox => ({ left, top, width: 80, height: 20 });
const LINES: OcrLine[] = [
  { text: 'Project Falcon budget', box: { left: 0, top: 0, width: 300, height: 20 }, words: [
    { text: 'Project', box: box(0, 0), confidence: 95 },
    { text: 'Falcon', box: box(100, 0), confidence: 91.5 },
    { text: 'budget', box: box(200, 0), confidence: 88.2 },
  ] },
];
const TEXT = 'Project Falcon budget';
const chapters: ChaptersResult = { screens: [{ mediaId: 's1', hash: 'ab', distance: 0, at: null }, { mediaId: 's2', hash: 'cd', distance: 9, at: null }], chapters: [], thumbnails: [] };

/** The same OCR result in both forms a stored result may hold. */
const forms: Array<[string, OcrResult]> = [
  ['packed', { screens: [{ mediaId: 's1', text: TEXT, confidence: 91.6, ...storedLines(LINES) }, { mediaId: 's2', text: '', confidence: 0 }] }],
  ['as objects, stored before packing', { screens: [{ mediaId: 's1', text: TEXT, confidence: 91.6, lines: LINES }, { mediaId: 's2', text: '', confidence: 0 }] }],
];

describe.each(forms)('the detail over OCR lines %s', (_, ocr) => {
  test('markableScreens() offers the screen with words, with their boxes, and not the screen without', () => {
    const screens = markableScreens(chapters, ocr);
    expect(screens.map((s) => s.hash.mediaId)).toEqual(['s1']);
    expect(wordsOf(screens[0]!)).toEqual(LINES[0]!.words);
  });

  test('hideMarks() hides the words a new mark\'s box covers in the shown screen text', () => {
    const redact: RedactResult = { findings: [], shown: { notes: '', cues: [], screens: { s1: TEXT, s2: '' } } };
    const mark: SensitiveFinding = { id: 'mark:1', kind: 'marked', confidence: 1, preview: '1 word', place: { source: 'screen', mediaId: 's1', screen: 0, at: null, start: 0, end: 0, boxes: [box(100, 0)] } };
    const raw = { notes: '', ocr, transcript: null };
    const shown = hideMarks(shownTexts('', ocr, null, redact), [mark], raw, redact);
    expect(shown.ocr?.screens[0]?.text).toBe('Project [redacted] budget');
  });
});
