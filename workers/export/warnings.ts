import type { ResultRecord } from '../../src/shared/db.ts';
import type { ExportedWarning } from '../../src/shared/export.ts';
import type { AudioStageResult, ChaptersResult, OcrResult, TranscriptResult, VideoStageResult } from '../../src/shared/results.ts';
import { sessionVideos, type SessionRecord } from '../../src/shared/session.ts';

function doneResult<T>(record: ResultRecord | undefined, stage: string): T | undefined {
  const outcome = record?.outcomes[stage];
  return outcome?.status === 'done' ? (outcome.result as T) : undefined;
}

/**
 * Everything the import and the stages said about an input that was skipped, cut short or only
 * partly read, each with the file it is about (null for the session as a whole), once each.
 */
export function warningsOf(session: SessionRecord, record: ResultRecord | undefined): ExportedWarning[] {
  const names = new Map<string, string>();
  for (const ref of [...session.screenshots, ...session.audio, ...sessionVideos(session)]) names.set(ref.id, ref.name);
  if (session.transcript) names.set(session.transcript.id, session.transcript.name);
  const warnings: ExportedWarning[] = session.warnings.map((message) => ({ file: null, message }));
  const add = (mediaId: string | undefined, message: string | undefined) => {
    if (message === undefined) return;
    warnings.push({ file: mediaId === undefined ? null : (names.get(mediaId) ?? null), message });
  };
  for (const screen of doneResult<ChaptersResult>(record, 'chapters')?.screens ?? []) add(screen.mediaId, screen.message);
  for (const screen of doneResult<OcrResult>(record, 'ocr')?.screens ?? []) add(screen.mediaId, screen.message);
  for (const recording of doneResult<AudioStageResult>(record, 'audio')?.recordings ?? []) add(recording.mediaId, recording.warning);
  for (const video of doneResult<VideoStageResult>(record, 'video')?.videos ?? []) add(video.mediaId, video.message);
  for (const message of doneResult<TranscriptResult>(record, 'transcript')?.warnings ?? []) add(session.transcript?.id, message);
  const seen = new Set<string>();
  return warnings.filter(({ file, message }) => {
    const key = `${file}\u0000${message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
