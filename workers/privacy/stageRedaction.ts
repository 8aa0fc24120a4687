import type { RedactResult, SensitiveFinding } from '../../src/shared/privacy.ts';
import type { OcrResult, TranscriptResult, VideoStageResult } from '../../src/shared/results.ts';
import type { StageContext } from '../stage.ts';
import { redactText } from './redactText.ts';
import { keptValues, redactionPieces } from './sessionFindings.ts';
import { sessionTexts } from './sessionTexts.ts';

const storedFindings = (ctx: StageContext) => (ctx.results.redact as RedactResult | undefined)?.findings ?? [];

/** The detectors' findings and the marks a person made in the review ("Redact this too"). */
export const withMarks = (ctx: StageContext, findings: readonly SensitiveFinding[]): SensitiveFinding[] => [...findings, ...(ctx.privacy?.marked ?? [])];

/** The values of the findings marked "Not sensitive" (in memory only), read back from the session's texts. */
export function stageKept(ctx: StageContext, findings: readonly SensitiveFinding[] = storedFindings(ctx)): Set<string> {
  const dismissed = ctx.privacy?.dismissed ?? [];
  if (dismissed.length === 0) return new Set();
  const texts = sessionTexts(ctx.session, ctx.results.ocr as OcrResult | undefined, ctx.results.transcript as TranscriptResult | undefined, ctx.results.video as VideoStageResult | undefined);
  return keptValues(findings, dismissed, texts);
}

/**
 * How a stage redacts text that leaves the app (`leaving`: the provider) or, with "redact
 * everywhere", any text it keeps: the identity when the setting says not to redact it.
 */
export function stageRedactor(ctx: StageContext, use: 'leaving' | 'kept', findings: readonly SensitiveFinding[] = storedFindings(ctx)): (text: string) => string {
  const mode = ctx.privacy?.mode ?? 'exports';
  if (mode === 'off' || (use === 'kept' && mode !== 'everywhere')) return (text) => text;
  const kept = stageKept(ctx, findings);
  const pieces = stagePieces(ctx, findings, kept);
  return (text) => redactText(text, kept, pieces);
}

/** Word pieces of the values not marked "Not sensitive" and the values people marked (see `redactionPieces`), in memory only. */
export function stagePieces(ctx: StageContext, findings: readonly SensitiveFinding[] = storedFindings(ctx), kept = stageKept(ctx, findings)): Set<string> {
  const dismissed = new Set(ctx.privacy?.dismissed ?? []);
  const texts = sessionTexts(ctx.session, ctx.results.ocr as OcrResult | undefined, ctx.results.transcript as TranscriptResult | undefined, ctx.results.video as VideoStageResult | undefined);
  return redactionPieces(withMarks(ctx, findings).filter((f) => !dismissed.has(f.id)), texts, kept);
}

/** Whether the library redacts also what the app keeps and shows ("redact everywhere"). */
export const redactsEverywhere = (ctx: StageContext): boolean => ctx.privacy?.mode === 'everywhere';

/** The stored findings not marked "Not sensitive", and the marks people made. */
export function activeFindings(ctx: StageContext): SensitiveFinding[] {
  const dismissed = new Set(ctx.privacy?.dismissed ?? []);
  return withMarks(ctx, storedFindings(ctx)).filter((f) => !dismissed.has(f.id));
}
