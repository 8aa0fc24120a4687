import { resolveOptions, timeoutFor } from '../src/engine/options.ts';
import { openEnricherDb } from '../src/shared/db.ts';
import { PIPELINE_STAGES } from '../src/shared/pipeline.ts';
import type { OcrResult, VideoStageResult } from '../src/shared/results.ts';
import type { SessionRecord } from '../src/shared/session.ts';
import { SessionStore } from '../src/store/sessionStore.ts';
import { makeScrollingRecording, type ScrollShape } from '../tests/fixtures/video/scrollingRecording.ts';
import { appWorker, createEngine, deleteDb } from './harness.ts';
import { makeBenchRecording, type RecordingShape } from './videoRecording.ts';

/** The recordings of scenario 9 live here between their preparation and the runs. */
const DB_NAME = 'bench-ocr-work';

/** A recording of scenario 9: a page scrolling, or pages of text with a line being typed. */
export type OcrRecording = { name: string; kind: 'scroll'; shape: ScrollShape } | { name: string; kind: 'pages'; shape: RecordingShape };

export interface OcrRecordingPrepared {
  name: string;
  durationSec: number;
  width: number;
  height: number;
  bytes: number;
}

export interface OcrWorkRun {
  recording: string;
  /**
   * 'full': every kept frame read whole (before); 'incremental': only what is new (after);
   * 'issue-era': the video stage alone, keeping frames as before issue 16 (no OCR).
   */
  ocr: RunMode;
  state: string;
  durationSec: number;
  height: number;
  /** Wall time from enqueue to the job's end, every stage. */
  ms: number;
  /** Seconds of recording enriched per second of wall time. */
  realTime: number;
  frames: number;
  chapters: number;
  fullReads: number;
  bandReads: number;
  copied: number;
  /** OCR'd pixels over one frame's pixels, summed. */
  fullFrameEquivalents: number;
  fullFramesPerMin: number;
  ocrMs: number;
}

const sessionId = (name: string) => `bench-ocr-${name}`;

/** Makes each recording once and stores it as a session with one video. */
export async function prepareOcrRecordings(recordings: OcrRecording[]): Promise<OcrRecordingPrepared[]> {
  await deleteDb(DB_NAME);
  const db = await openEnricherDb(DB_NAME);
  const prepared: OcrRecordingPrepared[] = [];
  try {
    for (const recording of recordings) {
      const blob = recording.kind === 'scroll' ? await makeScrollingRecording(recording.shape) : await makeBenchRecording(recording.shape);
      const at = Date.UTC(2026, 10, 20, 9);
      const fileId = `${sessionId(recording.name)}-file`;
      const session: SessionRecord = {
        id: sessionId(recording.name),
        title: recording.name,
        source: 'import',
        startedAt: at,
        endedAt: null,
        notes: '',
        tags: [],
        screenshots: [],
        audio: [],
        videos: [{ id: fileId, name: `${recording.name}.mp4`, kind: 'video', type: blob.type, size: blob.size, at }],
        transcript: null,
        importedAt: Date.now(),
        warnings: [],
      };
      await new SessionStore(db).add(session, [{ id: fileId, sessionId: session.id, blob }]);
      const { durationSec, width, height } = recording.shape;
      prepared.push({ name: recording.name, durationSec, width, height, bytes: blob.size });
    }
  } finally {
    db.close();
  }
  return prepared;
}

/** Before against after for one recording, taken within one run. */
export interface OcrWorkPair {
  recording: string;
  height: number;
  scroll: boolean;
  /** Full-frame equivalents read before ÷ after. */
  fewerFullFrames: number;
  /**
   * Frames the sampling of before issue 16 keeps (every changed probe, scrolls and busy cells
   * included), each of which that app read whole: the issue's "today".
   */
  issueEraFrames: number;
  /** The issue's "today" ÷ after: issueEraFrames over after's full-frame equivalents. */
  fewerThanIssueEra: number;
  /** Wall time before ÷ after, every stage. */
  speedup: number;
}

/**
 * Scenario 9: each recording enriched once with every stage, with OCR reading every kept frame
 * whole (before) and reading only what is new (after), in the same page and run. Then the video
 * stage alone with the sampling of before issue 16, for the issue's own baseline: that app read
 * every frame it kept whole, so its full-frame equivalents are those frames (no OCR needed to count them).
 */
export async function ocrWork({ names, size }: { names: string[]; size: number }): Promise<{ rows: OcrWorkRun[]; pairs: OcrWorkPair[] }> {
  const rows: OcrWorkRun[] = [];
  const pairs: OcrWorkPair[] = [];
  for (const name of names) {
    const before = await enrichOnce(name, 'full', size);
    const after = await enrichOnce(name, 'incremental', size);
    const issueEra = await enrichOnce(name, 'issue-era', size);
    rows.push(before, after);
    pairs.push({
      recording: name,
      height: after.height,
      scroll: name.startsWith('scroll'),
      fewerFullFrames: before.fullFrameEquivalents / after.fullFrameEquivalents,
      issueEraFrames: issueEra.frames,
      fewerThanIssueEra: issueEra.frames / after.fullFrameEquivalents,
      speedup: before.ms / after.ms,
    });
  }
  return { rows, pairs };
}

type RunMode = 'full' | 'incremental' | 'issue-era';

const RUNS: Record<RunMode, { stages: readonly string[]; params: Record<string, string> }> = {
  full: { stages: PIPELINE_STAGES, params: { ocr: 'full' } },
  incremental: { stages: PIPELINE_STAGES, params: { ocr: 'incremental' } },
  'issue-era': { stages: ['video'], params: { sampling: 'every-change' } },
};

async function enrichOnce(name: string, ocr: RunMode, size: number): Promise<OcrWorkRun> {
  const db = await openEnricherDb(DB_NAME);
  const reset = db.transaction(['jobs', 'settledJobs', 'results', 'meta'], 'readwrite');
  for (const store of ['jobs', 'settledJobs', 'results', 'meta'] as const) void reset.objectStore(store).clear();
  await reset.done;
  const id = sessionId(name);
  const session = await db.get('sessions', id);
  if (!session) throw new Error(`No recording ${name}: call prepareOcrRecordings first.`);
  const engine = await createEngine({ db, dbName: DB_NAME, durable: true, size, createWorker: appWorker });
  try {
    const started = performance.now();
    const timeoutMs = timeoutFor(0, resolveOptions(), 0, session.videos?.[0]?.size ?? 0);
    const [job] = await engine.scheduler.enqueue([{ sessionId: id, timeoutMs }], { batchId: `ocr-${name}-${ocr}`, stages: [...RUNS[ocr].stages], params: RUNS[ocr].params });
    await engine.scheduler.drain();
    const ms = performance.now() - started;
    const record = await db.get('results', id);
    const result = <T>(stage: string): T | undefined => {
      const outcome = record?.outcomes[stage];
      return outcome?.status === 'done' ? (outcome.result as T) : undefined;
    };
    const info = result<VideoStageResult>('video')?.videos[0];
    const work = result<OcrResult>('ocr')?.work;
    const durationSec = info?.durationSec ?? 0;
    const equivalents = work?.fullFrameEquivalents ?? NaN;
    const ocrOutcome = record?.outcomes.ocr;
    return {
      recording: name,
      ocr,
      state: engine.scheduler.get(job!.id)?.state ?? 'unknown',
      durationSec,
      height: info?.height ?? 0,
      ms,
      realTime: durationSec / (ms / 1000),
      frames: info?.frames.length ?? 0,
      chapters: result<{ chapters: unknown[] }>('chapters')?.chapters.length ?? 0,
      fullReads: work?.fullReads ?? NaN,
      bandReads: work?.bandReads ?? NaN,
      copied: work?.copied ?? NaN,
      fullFrameEquivalents: equivalents,
      fullFramesPerMin: equivalents / (durationSec / 60),
      ocrMs: ocrOutcome && ocrOutcome.status !== 'skipped' ? ocrOutcome.ms : NaN,
    };
  } finally {
    await engine.close();
  }
}

/** Removes the recordings at the end of the bench. */
export function deleteOcrRecordings(): Promise<void> {
  return deleteDb(DB_NAME);
}
