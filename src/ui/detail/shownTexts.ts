import type { RedactResult } from '../../shared/privacy.ts';
import type { OcrResult, TranscriptResult } from '../../shared/results.ts';

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
    transcript: transcript && { ...transcript, cues: transcript.cues.map((cue, i) => ({ ...cue, text: shown.cues[i] ?? cue.text })) },
  };
}
