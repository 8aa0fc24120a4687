import {
  ENRICHMENT_SCHEMA_VERSION,
  type Enrichment,
  type ExportedActionItem,
  type ExportedCue,
  type ExportedAudio,
  type ExportedJob,
  type ExportedScreen,
  type ExportedVideo,
  type ExportedStage,
  type ExportedSummary,
  type ExportStatus,
  type IsoTime,
} from '../../src/shared/export.ts';
import type { ResultRecord } from '../../src/shared/db.ts';
import type { Job } from '../../src/shared/job.ts';
import { STAGE_ORDER } from '../../src/shared/pipeline.ts';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import type {
  ActionItem,
  AudioStageResult,
  ChaptersResult,
  OcrResult,
  StoryboardResult,
  SummaryResult,
  TranscriptCue,
  TranscriptResult,
  VideoStageResult,
} from '../../src/shared/results.ts';
import { sessionVideos, type SessionRecord } from '../../src/shared/session.ts';
import { sessionSpan } from '../../src/shared/sessionSpan.ts';
import { inTimeOrder } from '../video/screens.ts';
import { warningsOf } from './warnings.ts';
import { combinedLoudness } from './loudness.ts';
import { countedRecordings } from '../../src/shared/sameMeeting.ts';

/** The storyboard's file name next to enrichment.json. */
export const STORYBOARD_FILE = 'storyboard.png';

/** Figures measured from the media at export time, for what older stage results do not hold. */
export interface Measured {
  loudnessDb?: number | null;
}

const iso = (t: number | null | undefined): IsoTime => (typeof t === 'number' && Number.isFinite(t) ? new Date(t).toISOString() : null);
/** Seconds to the millisecond, ratios to four places: no float noise in the file. */
const round = (value: number, places = 3) => Math.round(value * 10 ** places) / 10 ** places;

function doneResult<T>(record: ResultRecord | undefined, stage: string): T | undefined {
  const outcome = record?.outcomes[stage];
  return outcome?.status === 'done' ? (outcome.result as T) : undefined;
}

/**
 * complete: every stage that ran is done in full; failed: none is done, or the job ended with no
 * result; partial: in between, or done with a fallback somewhere (as the job says "partly done");
 * not-enriched: no result and no finished job (never queued, or still queued or running).
 */
export function exportStatus(outcomes: Record<string, StageOutcome> | undefined, job?: Job): ExportStatus {
  if (outcomes === undefined) return job?.state === 'failed' || job?.state === 'timed-out' ? 'failed' : 'not-enriched';
  const all = Object.values(outcomes);
  const done = all.filter((outcome) => outcome.status === 'done');
  if (done.length === 0) return 'failed';
  return done.length === all.length && done.every((outcome) => outcome.warning === undefined) ? 'complete' : 'partial';
}

function stagesOf(outcomes: Record<string, StageOutcome>): Record<string, ExportedStage> {
  const rank = (name: string) => {
    const index = (STAGE_ORDER as readonly string[]).indexOf(name);
    return index < 0 ? STAGE_ORDER.length : index;
  };
  const names = Object.keys(outcomes).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const stages: Record<string, ExportedStage> = {};
  for (const name of names) {
    const outcome = outcomes[name]!;
    if (outcome.status === 'done') stages[name] = outcome.warning === undefined ? { status: 'done' } : { status: 'done', message: outcome.warning };
    else if (outcome.status === 'failed') stages[name] = { status: 'failed', message: outcome.error.message };
    else stages[name] = { status: 'skipped', message: outcome.message };
  }
  return stages;
}

function jobOf(job: Job): ExportedJob {
  // A finished job's error is its reason; a job still waiting shows the error it will retry after.
  const reason = job.state === 'succeeded' ? null : (job.lastError?.message ?? null);
  return { state: job.state, attempts: job.attempts, maxAttempts: job.maxAttempts, reason };
}

/** Whether the audio stage measured every recording's level (results stored before it did, did not). */
export function hasOwnLoudness(audio: AudioStageResult): boolean {
  return audio.recordings.every((recording) => Number.isFinite(recording.loudnessDb));
}

function audioOf(session: SessionRecord, audio: AudioStageResult | undefined, measured: Measured): ExportedAudio | null {
  if (!audio || audio.recordings.length === 0) return null;
  const refs = new Map(session.audio.map((ref) => [ref.id, ref]));
  let offset = 0;
  let speech = 0;
  const speechSegments: ExportedAudio['speechSegments'] = [];
  // A sound track that repeats a recording of the same meeting is left out: its speech is there.
  for (const recording of countedRecordings(audio.recordings)) {
    const ref = refs.get(recording.mediaId);
    // Results stored before recordings knew their start fall back to the file's own time.
    const start = recording.startAt !== undefined ? recording.startAt : (ref?.at ?? null);
    for (const segment of recording.segments) {
      speechSegments.push({
        start: round(offset + segment.start),
        end: round(offset + segment.end),
        file: ref?.name ?? recording.mediaId,
        at: start === null ? null : iso(start + Math.round(segment.start * 1000)),
      });
    }
    offset += recording.durationSec;
    speech += recording.speechSec;
  }
  return {
    durationSec: round(offset),
    speechSegments,
    speechRatio: offset > 0 ? round(Math.min(1, speech / offset), 4) : 0,
    loudnessDb: hasOwnLoudness(audio) ? combinedLoudness(audio.recordings) : (measured.loudnessDb ?? null),
  };
}

/**
 * Builds `enrichment.json` (schema version 2, docs/export-format.md) from a session and its stored
 * result. Uses whatever stages left: a failed stage's part is null or empty, never invented.
 */
export function buildEnrichment(session: SessionRecord, record: ResultRecord | undefined, measured: Measured = {}, job?: Job): Enrichment {
  const outcomes = record?.outcomes ?? {};
  const ocr = doneResult<OcrResult>(record, 'ocr');
  const chapters = doneResult<ChaptersResult>(record, 'chapters');
  const transcript = doneResult<TranscriptResult>(record, 'transcript');
  const summary = doneResult<SummaryResult>(record, 'summary');
  const storyboard = doneResult<StoryboardResult>(record, 'storyboard');

  const texts = new Map((ocr?.screens ?? []).map((screen) => [screen.mediaId, screen]));
  const chapterList = chapters?.chapters ?? [];
  const chapterOf = (i: number) => chapterList.find((c) => i >= c.firstScreen && i <= c.lastScreen)?.index ?? null;
  const titled = new Map((summary?.chapters ?? []).map((c) => [c.chapter, c]));
  const warnings = warningsOf(session, record);
  const status = exportStatus(record?.outcomes, job);
  const span = sessionSpan(session, { audio: doneResult<AudioStageResult>(record, 'audio'), video: doneResult<VideoStageResult>(record, 'video') });

  return {
    schemaVersion: ENRICHMENT_SCHEMA_VERSION,
    session: { id: session.id, title: session.title, startedAt: iso(span.startedAt), endedAt: iso(span.endedAt), tags: [...session.tags] },
    // An input skipped or cut short means the enrichment is not complete, whatever the stages say.
    status: status === 'complete' && warnings.length > 0 ? 'partial' : status,
    job: job ? jobOf(job) : null,
    warnings,
    stages: stagesOf(outcomes),
    screens: screensOf(session, doneResult<VideoStageResult>(record, 'video')).map((screen, i) => {
      const read = texts.get(screen.id);
      const ok = read !== undefined && read.message === undefined;
      const exported: ExportedScreen = { file: screen.file, at: iso(screen.at), text: ok ? read.text : null, confidence: ok ? read.confidence : null, chapter: chapterOf(i) };
      if (screen.timeSec !== undefined) exported.timeSec = round(screen.timeSec);
      return exported;
    }),
    chapters: chapterList.map((chapter) => {
      const summed = titled.get(chapter.index);
      return {
        index: chapter.index,
        start: iso(chapter.start),
        end: iso(chapter.end),
        title: summed?.title || chapter.title || null,
        keywords: summed?.keywords.length ? [...summed.keywords] : [...(chapter.keywords ?? [])],
        screens: Array.from({ length: chapter.lastScreen - chapter.firstScreen + 1 }, (_, k) => chapter.firstScreen + k),
        ...videoSpanOf(session, chapter.videoId, chapter.startSec, chapter.endSec),
      };
    }),
    audio: audioOf(session, doneResult<AudioStageResult>(record, 'audio'), measured),
    ...transcriptOf(session, transcript),
    summary: {
      keywords: [...(summary?.keywords ?? [])],
      sentences: [...(summary?.sentences ?? [])],
      actionItems: (summary?.actionItems ?? []).map(actionItemOf),
      ...providerSummaryOf(summary),
    },
    storyboard: storyboard?.blob ? STORYBOARD_FILE : null,
    ...videosOf(session, doneResult<VideoStageResult>(record, 'video')),
  };
}

function cueOf(cue: TranscriptCue): ExportedCue {
  const exported: ExportedCue = { start: round(cue.start), end: round(cue.end), text: cue.text };
  if (cue.speaker) exported.speaker = cue.speaker;
  if (cue.words) exported.words = cue.words.map((w) => ({ start: round(w.start), end: round(w.end), text: w.text }));
  return exported;
}

/** An item with only the fields it knows; results stored before decisions existed are actions. */
function actionItemOf(item: ActionItem): ExportedActionItem {
  const { text, source, done, owner, due, at, speaker } = item;
  const exported: ExportedActionItem = { text, source, done, kind: item.kind ?? 'action' };
  if (owner) exported.owner = owner;
  if (due) exported.due = due;
  if (at !== undefined) exported.at = round(at);
  if (speaker) exported.speaker = speaker;
  return exported;
}

/** The screens in the order chapters index them: screenshots, then each video's sampled frames. */
function screensOf(session: SessionRecord, video: VideoStageResult | undefined): Array<{ id: string; file: string; at: number | null; timeSec?: number }> {
  const screens: Array<{ id: string; file: string; at: number | null; timeSec?: number }> = session.screenshots.map((ref) => ({ id: ref.id, file: ref.name, at: ref.at }));
  for (const info of video?.videos ?? []) {
    for (const frame of info.frames) screens.push({ id: frame.id, file: info.name, at: frame.at, timeSec: frame.timeSec });
  }
  // The order the chapters stage numbered them in: chapters' screen indexes point into this list.
  return inTimeOrder(screens);
}

function videoSpanOf(session: SessionRecord, videoId: string | undefined, startSec: number | undefined, endSec: number | undefined) {
  const ref = videoId === undefined ? undefined : sessionVideos(session).find((v) => v.id === videoId);
  if (!ref || startSec === undefined) return {};
  return { video: ref.name, startSec: round(startSec), endSec: round(endSec ?? startSec) };
}

/** `videos`, only for sessions that have any: what the video stage found in each (zeros when it did not run). */
function videosOf(session: SessionRecord, video: VideoStageResult | undefined): { videos?: ExportedVideo[] } {
  const refs = sessionVideos(session);
  if (refs.length === 0) return {};
  const infos = new Map((video?.videos ?? []).map((info) => [info.mediaId, info]));
  return {
    videos: refs.map((ref) => {
      const info = infos.get(ref.id);
      const exported: ExportedVideo = {
        file: ref.name,
        at: iso(ref.at),
        durationSec: round(info?.durationSec ?? 0),
        width: info?.width ?? 0,
        height: info?.height ?? 0,
        codec: info?.codec ?? 'unknown',
        frames: info?.frames.length ?? 0,
      };
      if (info?.message) exported.message = info.message;
      return exported;
    }),
  };
}

/** The provider's summary, when it made one; a fallback leaves only the on-device summary. */
/** The cues and where they came from; null when there is no transcript (none imported, none transcribed). */
function transcriptOf(session: SessionRecord, transcript: TranscriptResult | undefined): Pick<Enrichment, 'transcript' | 'transcriptSource'> {
  const source = transcript?.source;
  if (transcript && source?.kind === 'provider') {
    return { transcript: transcript.cues.map(cueOf), transcriptSource: { kind: 'provider', origin: source.origin, model: source.model } };
  }
  if (transcript && source?.kind === 'device') {
    return { transcript: transcript.cues.map(cueOf), transcriptSource: { kind: 'device', model: source.model } };
  }
  // Results stored before there were sources came from the imported file.
  if (transcript && session.transcript && source?.kind !== 'none') {
    return { transcript: transcript.cues.map(cueOf), transcriptSource: { kind: 'imported', file: session.transcript.name } };
  }
  return { transcript: null };
}

function providerSummaryOf(summary: SummaryResult | undefined): Pick<ExportedSummary, 'provider'> {
  const provider = summary?.provider;
  if (provider?.status !== 'done') return {};
  const { source, model, origin, actionItems } = provider;
  return { provider: { source, model, origin, summary: provider.summary, actionItems: [...actionItems] } };
}
