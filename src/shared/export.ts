import type { FindingKind } from './privacy.ts';

/** The version of `enrichment.json` this app writes. docs/export-format.md says what each one holds. */
export const ENRICHMENT_SCHEMA_VERSION = 2;

/** An ISO-8601 time in UTC ("2026-11-20T09:00:05.000Z"), or null when unknown. */
export type IsoTime = string | null;

/** `not-enriched`: the session has no result yet (never queued, queued or running). */
export type ExportStatus = 'complete' | 'partial' | 'failed' | 'not-enriched';

/** An input that was skipped, cut short or only partly read, and the file it is about (null: the session as a whole). */
export interface ExportedWarning {
  file: string | null;
  message: string;
}

/** The session's last enrichment job: its state, and why it ended as it did, in plain words. */
export interface ExportedJob {
  state: 'queued' | 'running' | 'waiting-retry' | 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'timed-out';
  /** Runs that counted as attempts, and how many were allowed. */
  attempts: number;
  maxAttempts: number;
  /** The job's own reason (out of attempts, out of storage, set aside after crashes, cancelled); null when none. */
  reason: string | null;
}

export interface ExportedStage {
  status: 'done' | 'skipped' | 'failed';
  /** Why it failed or was skipped, or what it fell back to when done with less than asked, in plain words. */
  message?: string;
}

export interface ExportedScreen {
  /** The screenshot's path inside the session folder. */
  file: string;
  at: IsoTime;
  /** Text read from the screenshot; null when it was not read. */
  text: string | null;
  /** Mean word confidence of `text`, 0..100; null when not read. */
  confidence: number | null;
  /** Index into `chapters`; null when chapters are unknown. */
  chapter: number | null;
  /** For a frame sampled from a video (`file` is the video): its time in the video, in seconds. */
  timeSec?: number;
}

export interface ExportedChapter {
  index: number;
  start: IsoTime;
  end: IsoTime;
  title: string | null;
  keywords: string[];
  /** Indexes into `screens`. */
  screens: number[];
  /** For a chapter of a video: the video's file, and where the chapter starts and ends in it, in seconds. */
  video?: string;
  startSec?: number;
  endSec?: number;
}

/** A video of the session, as the video stage read it. */
export interface ExportedVideo {
  file: string;
  at: IsoTime;
  durationSec: number;
  width: number;
  height: number;
  codec: string;
  /** Frames kept as screens. */
  frames: number;
  /** Why the video was only partly read or not at all, in plain words. */
  message?: string;
}

export interface ExportedAudio {
  /** All recordings together. */
  durationSec: number;
  /** Seconds from the start of the first recording; later recordings follow one another. */
  /**
   * `start`/`end`: seconds on the recordings laid one after another. `file`: the recording it is in;
   * `at`: when it began on the session's clock (ISO), null when the recording's start is unknown.
   */
  speechSegments: Array<{ start: number; end: number; file: string; at: string | null }>;
  /** Speech seconds over `durationSec`, 0..1. */
  speechRatio: number;
  /** RMS level of the recordings in dB below full scale (dBFS); null when none could be measured. */
  loudnessDb: number | null;
}

export interface ExportedCue {
  start: number;
  end: number;
  text: string;
  /** Each word's time, when the speech model on this device timed them. */
  words?: Array<{ start: number; end: number; text: string }>;
  /** Who speaks, when the transcript says (a WebVTT `<v Name>` tag, an SRT "NAME:" prefix). */
  speaker?: string;
}

/** An imported .vtt/.srt file (by name), the speech model on this device (by its folder's name), or the AI provider that transcribed the recordings' speech. */
export type ExportedTranscriptSource = { kind: 'imported'; file: string } | { kind: 'device'; model: string } | { kind: 'provider'; origin: string; model: string };

/** An action item or a decision. Optional fields are left out when unknown. */
export interface ExportedActionItem {
  text: string;
  source: 'notes' | 'transcript' | 'screens';
  done: boolean;
  kind: 'action' | 'decision';
  /** Who is to do it, as named ("Sarah will …", "@dana"), or the speaker of "I'll …". */
  owner?: string;
  /** `yyyy-mm-dd`, resolved against the session's start. */
  due?: string;
  /** When it was said, in seconds from the session's start (transcript items only). */
  at?: number;
  /** Who said it, when the transcript names speakers. */
  speaker?: string;
}

export interface ExportedSummary {
  keywords: string[];
  sentences: string[];
  actionItems: ExportedActionItem[];
  /**
   * Only when an AI provider made a summary: marked as the provider's, with the model and origin it
   * came from. The fields above are always the on-device summary. No key or setting is ever exported.
   */
  provider?: { source: 'provider'; model: string; origin: string; summary: string; actionItems: string[] };
}

/**
 * What was redacted in this export: counts by kind, never the values. `mode` is the library's
 * setting when the export was made; with `off`, nothing was redacted.
 */
export interface ExportedRedaction {
  mode: 'exports' | 'everywhere' | 'off';
  /** Findings redacted (not marked "Not sensitive"), by kind; `marked`: what people marked in the review. */
  redacted: Partial<Record<FindingKind, number>>;
  /** Findings marked "Not sensitive" and left as they are. */
  notSensitive: number;
  /** Something people should know, such as a storyboard left out because it could not be redacted. */
  notes: string[];
}

/** `enrichment.json`: one session's enrichment, versioned. */
export interface Enrichment {
  schemaVersion: typeof ENRICHMENT_SCHEMA_VERSION;
  session: { id: string; title: string; startedAt: IsoTime; endedAt: IsoTime; tags: string[] };
  status: ExportStatus;
  /** The session's last enrichment job; null when it was never queued (or its job was cleared by retention). */
  job: ExportedJob | null;
  /** Inputs skipped, cut short or only partly read; any of them makes a `complete` session `partial`. */
  warnings: ExportedWarning[];
  /** By stage name, in pipeline order. */
  stages: Record<string, ExportedStage>;
  screens: ExportedScreen[];
  chapters: ExportedChapter[];
  audio: ExportedAudio | null;
  transcript: ExportedCue[] | null;
  /** Where `transcript` came from; present exactly when `transcript` is not null. */
  transcriptSource?: ExportedTranscriptSource;
  summary: ExportedSummary;
  /** The storyboard's file name next to this file, or null when there is none. */
  storyboard: string | null;
  /** Only for sessions with videos, in the session's order. */
  videos?: ExportedVideo[];
  /** Always present in exported files (added by the export, after the rest is built). */
  redaction?: ExportedRedaction;
}

/** One exported file. */
export interface ExportFile {
  name: string;
  blob: Blob;
}

/** One session's exported files and the folder name they go under. */
export interface SessionExport {
  folder: string;
  files: ExportFile[];
}

/** The API of the export worker. Every method reads the database by name; none writes. */
export interface ExportWorkerApi {
  /** enrichment.json, report.md and (when drawn) storyboard.png of one session. */
  sessionFiles(dbName: string, sessionId: string): Promise<SessionExport>;
  /** The same files in one zip, inside a folder named after the session. */
  sessionZip(dbName: string, sessionId: string): Promise<{ name: string; blob: Blob }>;
  /** Every session in one zip, a folder each. */
  allZip(dbName: string): Promise<{ name: string; blob: Blob; sessions: number }>;
}
