import type { RedactResult } from '../../src/shared/privacy.ts';
import type { OcrResult, TranscriptResult, VideoStageResult } from '../../src/shared/results.ts';
import { findInSession } from '../privacy/sessionFindings.ts';
import { sessionTexts } from '../privacy/sessionTexts.ts';
import { redactsEverywhere, stageRedactor } from '../privacy/stageRedaction.ts';
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
  const shown = {
    notes: redact(ctx.session.notes),
    cues: texts.cues.map((cue) => redact(cue.text)),
    screens: Object.fromEntries((ocr?.screens ?? []).map((screen) => [screen.mediaId, redact(screen.text)])),
  };
  return { findings, shown };
};
