import type { ChaptersResult, OcrResult, OcrWord } from '../../shared/results.ts';
import { linesOf } from '../../shared/screenLines.ts';
import type { MarkableScreen } from './markPlaces.ts';

/**
 * The screens a person can mark words on: those OCR read words on, numbered as the chapters (and
 * the redact stage) number them, with the words as captured.
 */
export function markableScreens(chapters: ChaptersResult | null, ocr: OcrResult | null): Array<MarkableScreen & { words: OcrWord[] }> {
  const byId = new Map((ocr?.screens ?? []).map((screen) => [screen.mediaId, screen]));
  return (chapters?.screens ?? []).flatMap((hash, index) => {
    const screen = byId.get(hash.mediaId);
    const words = ((screen && linesOf(screen)) ?? []).flatMap((line) => line.words);
    return words.length > 0 ? [{ index, hash, words }] : [];
  });
}
