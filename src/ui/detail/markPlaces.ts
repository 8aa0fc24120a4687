import { MARKED_KIND, type SensitiveFinding } from '../../shared/privacy.ts';
import type { PixelBox, ScreenHash } from '../../shared/results.ts';
import { newId } from '../../shared/ids.ts';

/** A screen that can be marked: where it is in the session (numbered like the findings) and its words. */
export interface MarkableScreen {
  index: number;
  hash: ScreenHash;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A mark on a screen: the boxes to fill (the selected words' boxes, or a box drawn by hand). The
 * words inside them are its value when text is redacted; the preview names no word.
 */
export function screenMark(screen: MarkableScreen, boxes: PixelBox[], preview: string): SensitiveFinding {
  const { mediaId, at, videoId, timeSec } = screen.hash;
  const video = videoId !== undefined && timeSec !== undefined ? { videoId, timeSec } : {};
  return { id: newId('mark'), kind: MARKED_KIND, confidence: 1, preview, place: { source: 'screen', mediaId, screen: screen.index, ...video, at, start: 0, end: 0, boxes } };
}

export const wordsPreview = (n: number): string => plural(n, 'word');
export const boxPreview = (box: PixelBox): string => `a box of ${Math.round(box.width)}×${Math.round(box.height)} px`;

/** Where `selected` stands in `text`: as written, else with any spacing; null when it is not there. */
export function rangeIn(text: string, selected: string): { start: number; end: number } | null {
  const at = text.indexOf(selected);
  if (at >= 0) return { start: at, end: at + selected.length };
  const words = selected.split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const match = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')).exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

/** A mark on a stretch of a transcript cue or of the notes. */
export function textMark(place: { source: 'transcript'; cue: number; timeSec: number } | { source: 'notes' }, range: { start: number; end: number }, text: string): SensitiveFinding {
  const preview = `${plural(text.trim().split(/\s+/).length, 'word')}`;
  return { id: newId('mark'), kind: MARKED_KIND, confidence: 1, preview, place: { ...place, ...range } };
}
