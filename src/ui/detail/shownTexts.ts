import { hideMarked, wordsInBoxes } from '../../shared/markedWords.ts';
import type { RedactResult, SensitiveFinding } from '../../shared/privacy.ts';
import type { ChaptersResult, OcrResult, TranscriptCue, TranscriptResult } from '../../shared/results.ts';
import { linesOf } from '../../shared/screenLines.ts';

/**
 * The texts the detail shows: with "redact everywhere", the redacted copies the redact stage kept
 * (notes, cues, screen text); otherwise the texts as captured.
 */
export function shownTexts(
  notes: string,
  ocr: OcrResult | null,
  transcript: TranscriptResult | null,
  redact: RedactResult | null,
): { notes: string; ocr: OcrResult | null; transcript: TranscriptResult | null } {
  const shown = redact?.shown;
  if (!shown) return { notes, ocr, transcript };
  return {
    notes: shown.notes,
    ocr: ocr && { ...ocr, screens: ocr.screens.map((screen) => ({ ...screen, text: shown.screens[screen.mediaId] ?? screen.text })) },
    transcript: transcript && { ...transcript, cues: transcript.cues.map((cue, i) => shownCue(cue, shown.cues[i])) },
  };
}

/**
 * A cue with its redacted text; without its timed words when redaction changed the text, as a
 * value found in the whole line is not found again in its words one by one.
 */
function shownCue(cue: TranscriptCue, shown: string | undefined): TranscriptCue {
  if (shown === undefined || shown === cue.text) return cue;
  const { words: _words, ...rest } = cue;
  return { ...rest, text: shown };
}

/**
 * The chapters as the detail shows them: with "redact everywhere", the titles, keywords and
 * thumbnails the redact stage kept redacted (the chapters stage runs before it).
 */
export function shownChapters(chapters: ChaptersResult | null, redact: RedactResult | null): ChaptersResult | null {
  const shown = redact?.shown;
  if (!chapters || !shown?.chapters) return chapters;
  return {
    ...chapters,
    chapters: chapters.chapters.map((chapter, i) => ({ ...chapter, ...(shown.chapters?.[i] ?? {}) })),
    thumbnails: shown.thumbnails ?? chapters.thumbnails,
  };
}

type Shown = ReturnType<typeof shownTexts>;

/** The values of marks, read back from the texts as captured: in memory only. */
function markValues(marks: readonly SensitiveFinding[], raw: { notes: string; ocr: OcrResult | null; transcript: TranscriptResult | null }): string[] {
  return marks.flatMap((mark) => {
    const place = mark.place;
    switch (place.source) {
      case 'screen': {
        const screen = raw.ocr?.screens.find((s) => s.mediaId === place.mediaId);
        return wordsInBoxes((screen && linesOf(screen)) ?? [], place.boxes);
      }
      case 'transcript':
        return [raw.transcript?.cues[place.cue]?.text.slice(place.start, place.end) ?? ''];
      case 'notes':
        return [raw.notes.slice(place.start, place.end)];
      case 'title':
        return [];
    }
  });
}

/**
 * With "redact everywhere" (the redact stage kept shown texts), the marks made since the session
 * was enriched are hidden at once, until the job they queue (Enricher.privacyChanged) has run the
 * redact stage again over the stored result.
 */
export function hideMarks(
  shown: Shown,
  marks: readonly SensitiveFinding[],
  raw: { notes: string; ocr: OcrResult | null; transcript: TranscriptResult | null },
  redact: RedactResult | null,
): Shown {
  if (!redact?.shown || marks.length === 0) return shown;
  const values = markValues(marks, raw);
  const hide = (text: string) => hideMarked(text, values);
  return {
    notes: hide(shown.notes),
    ocr: shown.ocr && { ...shown.ocr, screens: shown.ocr.screens.map((screen) => ({ ...screen, text: hide(screen.text) })) },
    transcript: shown.transcript && { ...shown.transcript, cues: shown.transcript.cues.map((cue) => shownCue(cue, hide(cue.text))) },
  };
}
