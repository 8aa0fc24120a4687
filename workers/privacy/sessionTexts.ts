import type { OcrResult, TranscriptResult, VideoStageResult } from '../../src/shared/results.ts';
import { linesOf } from '../../src/shared/screenLines.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { inTimeOrder } from '../video/screens.ts';
import type { ScreenLines, SessionTexts } from './sessionFindings.ts';

/**
 * The texts findings point into, from a session and the results of its OCR, transcript and video
 * stages. Screens are numbered in the order chapters number them (time order).
 */
export function sessionTexts(
  session: SessionRecord,
  ocr: OcrResult | undefined,
  transcript: TranscriptResult | undefined,
  video: VideoStageResult | undefined,
): SessionTexts {
  const places: Array<Omit<ScreenLines, 'screen' | 'lines'>> = session.screenshots.map((ref) => ({ mediaId: ref.id, at: ref.at }));
  for (const info of video?.videos ?? []) {
    for (const frame of info.frames) places.push({ mediaId: frame.id, at: frame.at, video: { id: info.mediaId, timeSec: frame.timeSec } });
  }
  const byId = new Map((ocr?.screens ?? []).map((screen) => [screen.mediaId, screen]));
  const screens = inTimeOrder(places).flatMap((place, screen) => {
    // Results stored before OCR kept boxes have no lines: nothing on screen can be placed.
    const read = byId.get(place.mediaId);
    const lines = read && linesOf(read);
    return lines ? [{ ...place, screen, lines }] : [];
  });
  return {
    title: session.title,
    notes: session.notes,
    cues: (transcript?.cues ?? []).map((cue) => ({ text: cue.text, start: cue.start })),
    screens,
  };
}
