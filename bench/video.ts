import { resolveOptions, timeoutFor } from '../src/engine/options.ts';
import { openEnricherDb } from '../src/shared/db.ts';
import { PIPELINE_STAGES } from '../src/shared/pipeline.ts';
import type { VideoStageResult } from '../src/shared/results.ts';
import type { SessionRecord } from '../src/shared/session.ts';
import { SessionStore } from '../src/store/sessionStore.ts';
import { appWorker, createEngine, deleteDb } from './harness.ts';
import { makeBenchRecording, type RecordingShape } from './videoRecording.ts';

/** The benchmark's video session lives here between its preparation and its runs. */
const DB_NAME = 'bench-video';
const SESSION_ID = 'bench-video-session';

export interface VideoPrepared extends RecordingShape {
  bytes: number;
  makeMs: number;
}

export interface VideoRun {
  state: string;
  /** Wall time from enqueue to the job's end. */
  ms: number;
  durationSec: number;
  /** Seconds of video enriched per second of wall time. */
  videoSecPerSec: number;
  decodedFrames: number;
  /** Frames kept as screens (OCR and chapters read each). */
  frames: number;
  chapters: number;
  /** Wall time of each stage of the job. */
  stageMs: Record<string, number>;
}

/** Makes the recording once (see videoRecording.ts) and stores it as a session with one video. */
export async function prepareVideo(shape: RecordingShape): Promise<VideoPrepared> {
  await deleteDb(DB_NAME);
  const started = performance.now();
  const blob = await makeBenchRecording(shape);
  const makeMs = performance.now() - started;
  const db = await openEnricherDb(DB_NAME);
  try {
    const session: SessionRecord = {
      id: SESSION_ID,
      title: 'Ten minutes of screen',
      source: 'import',
      startedAt: Date.UTC(2026, 10, 20, 9),
      endedAt: null,
      notes: '',
      tags: [],
      screenshots: [],
      audio: [],
      videos: [{ id: 'bench-video-file', name: 'screen.mp4', kind: 'video', type: blob.type, size: blob.size, at: Date.UTC(2026, 10, 20, 9) }],
      transcript: null,
      importedAt: Date.now(),
      warnings: [],
    };
    await new SessionStore(db).add(session, [{ id: 'bench-video-file', sessionId: SESSION_ID, blob }]);
  } finally {
    db.close();
  }
  return { ...shape, bytes: blob.size, makeMs };
}

/**
 * Scenario 8: enriches the stored video session once, through the durable engine and the app's
 * worker: with every stage, or with `stages` only (the video stage alone shows decoding's cost).
 */
export async function enrichVideo(stages: readonly string[] = PIPELINE_STAGES): Promise<VideoRun> {
  const db = await openEnricherDb(DB_NAME);
  const reset = db.transaction(['jobs', 'settledJobs', 'results', 'meta'], 'readwrite');
  for (const store of ['jobs', 'settledJobs', 'results', 'meta'] as const) void reset.objectStore(store).clear();
  await reset.done;
  const session = await db.get('sessions', SESSION_ID);
  if (!session) throw new Error('No video session: call prepareVideo first.');
  const bytes = session.videos?.[0]?.size ?? 0;
  const engine = await createEngine({ db, dbName: DB_NAME, durable: true, size: 1, createWorker: appWorker });
  try {
    const started = performance.now();
    const timeoutMs = timeoutFor(0, resolveOptions(), 0, bytes);
    const [job] = await engine.scheduler.enqueue([{ sessionId: SESSION_ID, timeoutMs }], { batchId: 'video', stages });
    await engine.scheduler.drain();
    const ms = performance.now() - started;
    const record = await db.get('results', SESSION_ID);
    const outcome = (stage: string) => record?.outcomes[stage];
    const videoOutcome = outcome('video');
    const info = videoOutcome?.status === 'done' ? (videoOutcome.result as VideoStageResult).videos[0] : undefined;
    const chaptersOutcome = outcome('chapters');
    const stageMs: Record<string, number> = {};
    for (const [stage, o] of Object.entries(record?.outcomes ?? {})) if (o.status !== 'skipped') stageMs[stage] = o.ms;
    const durationSec = info?.durationSec ?? 0;
    return {
      state: engine.scheduler.get(job!.id)?.state ?? 'unknown',
      ms,
      durationSec,
      videoSecPerSec: durationSec / (ms / 1000),
      decodedFrames: info?.decodedFrames ?? 0,
      frames: info?.frames.length ?? 0,
      chapters: chaptersOutcome?.status === 'done' ? (chaptersOutcome.result as { chapters: unknown[] }).chapters.length : 0,
      stageMs,
    };
  } finally {
    await engine.close();
  }
}

/** Removes the video session at the end of the bench. */
export function deleteVideo(): Promise<void> {
  return deleteDb(DB_NAME);
}
