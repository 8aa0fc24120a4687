import type { ChaptersResult, OcrResult, OcrWord, ScreenText } from '../../shared/results.ts';
import { hasWords, linesOf } from '../../shared/screenLines.ts';
import type { MarkableScreen } from './markPlaces.ts';

/** A screen a person can mark words on, with what OCR read of it. */
export type ScreenToMark = MarkableScreen & { read: ScreenText };

/**
 * The screens a person can mark words on: those OCR read words on, numbered as the chapters (and
 * the redact stage) number them. Their words stay packed until a screen is shown (`wordsOf`): a
 * session of 300 screens holds some 100,000.
 */
export function markableScreens(chapters: ChaptersResult | null, ocr: OcrResult | null): ScreenToMark[] {
  const byId = new Map((ocr?.screens ?? []).map((screen) => [screen.mediaId, screen]));
  return (chapters?.screens ?? []).flatMap((hash, index) => {
    const read = byId.get(hash.mediaId);
    return read && hasWords(read) ? [{ index, hash, read }] : [];
  });
}

/** A markable screen's words as captured, line after line. */
export function wordsOf(screen: ScreenToMark): OcrWord[] {
  return (linesOf(screen.read) ?? []).flatMap((line) => line.words);
}
