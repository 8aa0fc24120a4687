import type { RedactResult, ShownTexts } from '../../src/shared/privacy.ts';
import type { ChaptersResult, OcrResult, TranscriptResult, VideoStageResult } from '../../src/shared/results.ts';
import { redactThumbnails } from '../privacy/redactThumbnails.ts';
import { findInSession } from '../privacy/sessionFindings.ts';
import { sessionTexts } from '../privacy/sessionTexts.ts';
import { redactsEverywhere, stageRedactor, withMarks } from '../privacy/stageRedaction.ts';
import type { StageFn } from '../stage.ts';

/**
 * Finds secrets and personal data in what earlier stages read (each screen's OCR words with their
 * boxes, the transcript's cues) and in the notes and title. Stores places and masked previews only:
 * the values stay where they already are, and exports and the provider redact from these.
 */
export const redactStage: StageFn = async (ctx): Promise<RedactResult> => {
  const texts = sessionTexts(
    ctx.session,
    ctx.results.ocr as OcrResult | undefined,
    ctx.results.transcript as TranscriptResult | undefined,
    ctx.results.video as VideoStageResult | undefined,
  );
  const findings = findInSession(texts);
  ctx.progress(1);
  if (!redactsEverywhere(ctx)) return { findings };
  const redact = stageRedactor(ctx, 'kept', findings);
  const ocr = ctx.results.ocr as OcrResult | undefined;
  // The chapters stage ran before this one: its titles, keywords and thumbnails are redacted here.
  const chapters = ctx.results.chapters as ChaptersResult | undefined;
  const dismissed = new Set(ctx.privacy?.dismissed ?? []);
  const shown: ShownTexts = {
    notes: redact(ctx.session.notes),
    cues: texts.cues.map((cue) => redact(cue.text)),
    screens: Object.fromEntries((ocr?.screens ?? []).map((screen) => [screen.mediaId, redact(screen.text)])),
    title: redact(ctx.session.title),
    chapters: (chapters?.chapters ?? []).map((chapter) => ({ title: redact(chapter.title), keywords: chapter.keywords.map(redact) })),
    thumbnails: await redactThumbnails(chapters?.thumbnails ?? [], withMarks(ctx, findings).filter((f) => !dismissed.has(f.id))),
  };
  return { findings, shown };
};
