import type { ResultRecord } from '../../src/shared/db.ts';
import type { PrivacyContext, RedactResult, SensitiveFinding } from '../../src/shared/privacy.ts';
import type { OcrResult, TranscriptResult, VideoStageResult } from '../../src/shared/results.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { findInSession, keptValues, redactionPieces } from '../privacy/sessionFindings.ts';
import { sessionTexts } from '../privacy/sessionTexts.ts';

/** What an export redacts for one session. */
export interface ExportRedactionPlan {
  mode: PrivacyContext['mode'];
  /** Findings to redact: those not marked "Not sensitive", and the marks people made ("Redact this too"). */
  findings: SensitiveFinding[];
  /** Values of the findings marked "Not sensitive": in memory only, left unredacted. */
  kept: Set<string>;
  /** Word pieces of the values to redact and the values people marked (in memory only), for text made from other text. */
  pieces: Set<string>;
  notSensitive: number;
  notes: string[];
}

function doneResult<T>(record: ResultRecord | undefined, stage: string): T | undefined {
  const outcome = record?.outcomes[stage];
  return outcome?.status === 'done' ? (outcome.result as T) : undefined;
}

/**
 * The findings of the redact stage, or, for a session enriched before that stage existed (or
 * whose redact stage failed), findings made now from the stored texts: an export never goes out
 * unredacted for want of a stage result.
 */
export function exportRedactionPlan(session: SessionRecord, record: ResultRecord | undefined, privacy: PrivacyContext): ExportRedactionPlan {
  const texts = sessionTexts(
    session,
    doneResult<OcrResult>(record, 'ocr'),
    doneResult<TranscriptResult>(record, 'transcript'),
    doneResult<VideoStageResult>(record, 'video'),
  );
  const stored = doneResult<RedactResult>(record, 'redact');
  const notes: string[] = [];
  if (!stored && record !== undefined && privacy.mode !== 'off') {
    notes.push('This session was enriched before sensitive items were looked for; they were looked for when exporting.');
  }
  // Marks are read at export time: a re-export honours them without enriching again.
  const all = [...(stored?.findings ?? findInSession(texts)), ...privacy.marked];
  const dismissed = new Set(privacy.dismissed);
  const findings = all.filter((f) => !dismissed.has(f.id));
  const kept = keptValues(all, privacy.dismissed, texts);
  return {
    mode: privacy.mode,
    findings,
    kept,
    pieces: redactionPieces(findings, texts, kept),
    notSensitive: all.filter((f) => dismissed.has(f.id)).length,
    notes,
  };
}
