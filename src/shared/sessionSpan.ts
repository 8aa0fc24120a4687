import { recordingStart } from './recordingStart.ts';
import type { AudioStageResult, VideoStageResult } from './results.ts';
import { sessionVideos, type SessionRecord } from './session.ts';

/** The stage results that know how long each recording lasts. */
export interface RecordingLengths {
  audio: AudioStageResult | null | undefined;
  video: VideoStageResult | null | undefined;
}

/**
 * When a session started and ended (epoch ms), once its recordings' lengths are known. At import
 * only the files' times are known, and a recording timed by its file's date is stored at its end:
 * the session then seems to start where a recording ended, and to end before a recording whose
 * time is its start has finished. Here each recording counts from its start to its end.
 */
export function sessionSpan(session: SessionRecord, results: RecordingLengths): { startedAt: number | null; endedAt: number | null } {
  const starts = session.startedAt === null ? [] : [session.startedAt];
  const ends = session.endedAt === null ? [] : [session.endedAt];
  const lengths = new Map<string, number>([
    ...(results.audio?.recordings ?? []).map((r) => [r.mediaId, r.durationSec] as const),
    ...(results.video?.videos ?? []).map((v) => [v.mediaId, v.durationSec] as const),
  ]);
  for (const ref of [...session.audio, ...sessionVideos(session)]) {
    const length = lengths.get(ref.id);
    if (length === undefined || !Number.isFinite(length) || length <= 0) continue;
    const start = recordingStart(ref, length);
    if (start === null) continue;
    starts.push(start);
    ends.push(start + Math.round(length * 1000));
  }
  return { startedAt: starts.length > 0 ? Math.min(...starts) : null, endedAt: ends.length > 0 ? Math.max(...ends) : null };
}
