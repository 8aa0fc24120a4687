import type { RedactResult } from '../../src/shared/privacy.ts';
import type { OcrResult, TranscriptResult, VideoStageResult } from '../../src/shared/results.ts';
import type { StageContext } from '../stage.ts';
import { redactText } from './redactText.ts';
import { keptValues } from './sessionFindings.ts';
import { sessionTexts } from './sessionTexts.ts';

/**
 * How a stage redacts text that leaves the app (`leaving`: the provider) or, with "redact
 * everywhere", any text it keeps: the identity when the setting says not to redact it.
 */
export function stageRedactor(ctx: StageContext, use: 'leaving' | 'kept'): (text: string) => string {
  const mode = ctx.privacy?.mode ?? 'exports';
  if (mode === 'off' || (use === 'kept' && mode !== 'everywhere')) return (text) => text;
  const findings = (ctx.results.redact as RedactResult | undefined)?.findings ?? [];
  const dismissed = ctx.privacy?.dismissed ?? [];
  const kept =
    dismissed.length === 0
      ? new Set<string>()
      : keptValues(findings, dismissed, sessionTexts(ctx.session, ctx.results.ocr as OcrResult | undefined, ctx.results.transcript as TranscriptResult | undefined, ctx.results.video as VideoStageResult | undefined));
  return (text) => redactText(text, kept);
}
