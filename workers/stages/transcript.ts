import type { AudioStageResult, ChaptersResult, TranscriptCue, TranscriptResult } from '../../src/shared/results.ts';
import type { MediaRef, SessionRecord } from '../../src/shared/session.ts';
import { SPEECH_DEFAULTS } from '../../src/shared/speechModel.ts';
import { decodeTextFile, encodingNote } from '../../src/shared/textFile.ts';
import { providerTranscript, type HeardCue } from '../provider/providerTranscript.ts';
import { deviceTranscript } from '../speech/deviceTranscript.ts';
import { readSpeechManifest } from '../speech/modelStore.ts';
import { StageFailure } from '../stage.ts';
import type { StageContext, StageFn } from '../stage.ts';
import { inTimeOrder, type ParsedTranscript } from '../text/cues.ts';
import { parseSrt } from '../text/srt.ts';
import { parseVtt } from '../text/vtt.ts';

/** Larger files are not transcripts people wrote or exported; reading them would only waste memory. */
const MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024;

function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  const error = new Error('The transcript stage was cancelled.');
  error.name = 'AbortError';
  throw error;
}

/** Picks the parser by content (a WEBVTT header), then by extension; SRT otherwise. */
export function parseTranscript(name: string, text: string): ParsedTranscript {
  if (/^\uFEFF?WEBVTT(\s|$)/.test(text)) return parseVtt(text);
  if (/\.vtt$/i.test(name)) return parseVtt(text);
  return parseSrt(text);
}

/** Where the transcript's second 0 sits on the session's timeline (epoch ms), when known. */
function timelineStart(session: SessionRecord, audio: AudioStageResult | undefined): number | null {
  const first = session.audio[0];
  if (!first) return session.startedAt ?? null;
  const analysed = audio?.recordings.find((r) => r.mediaId === first.id);
  return analysed?.startAt ?? first.at ?? session.startedAt ?? null;
}

/**
 * The chapter on screen at `at`: each chapter lasts from its first screenshot until the next
 * chapter begins. Before the first screenshot nothing else was shown yet, so the first chapter
 * holds it. Null when chapters or their times are unknown.
 */
export function chapterAt(chapters: ChaptersResult | undefined, at: number | null): number | null {
  if (at === null || !chapters) return null;
  const timed = chapters.chapters.filter((chapter) => chapter.start !== null);
  if (timed.length === 0) return null;
  let found = timed[0]?.index ?? null;
  for (const chapter of timed) if ((chapter.start ?? Infinity) <= at) found = chapter.index;
  return found;
}

const NO_TRANSCRIPT: TranscriptResult = { cues: [], warnings: [], source: { kind: 'none' } };

/** Places heard cues, each in seconds from its own recording's start, on the session's timeline and in its chapters. */
function placeHeard(ctx: StageContext, recordings: readonly MediaRef[], heard: readonly HeardCue[]): TranscriptCue[] {
  const audio = ctx.results.audio as AudioStageResult | undefined;
  const start = timelineStart(ctx.session, audio);
  const chapters = ctx.results.chapters as ChaptersResult | undefined;
  const analysed = new Map((audio?.recordings ?? []).map((r) => [r.mediaId, r]));
  // Seconds from the first recording's start to each recording's: by their clocks when known, else one after another.
  const offsets = new Map<string, number>();
  let running = 0;
  for (const ref of recordings) {
    const own = analysed.get(ref.id);
    const known = own?.startAt != null && start !== null ? (own.startAt - start) / 1000 : null;
    offsets.set(ref.id, known ?? running);
    running = (known ?? running) + (own?.durationSec ?? 0);
  }
  return heard.map((cue) => {
    const offset = offsets.get(cue.mediaId) ?? 0;
    const at = start === null ? null : Math.round(start + (offset + cue.start) * 1000);
    const placed: TranscriptCue = { start: offset + cue.start, end: offset + cue.end, text: cue.text, at, chapter: chapterAt(chapters, at) };
    if (cue.words) placed.words = cue.words.map((w) => ({ start: offset + w.start, end: offset + w.end, text: w.text }));
    return placed;
  });
}

/**
 * Without an imported transcript: the recordings' speech as the AI provider hears it, when its
 * transcription is on. Each recording's cues are placed from where that recording starts. A
 * provider that cannot answer leaves the session without a transcript and the stage with a note.
 */
async function transcribeByProvider(ctx: StageContext): Promise<TranscriptResult> {
  const recordings = ctx.session.audio;
  if (recordings.length === 0) return NO_TRANSCRIPT;
  let heard;
  try {
    heard = await providerTranscript(ctx, recordings);
  } catch (error) {
    // A recording that cannot be decoded again is the audio stage's to report; here it only means no transcript.
    if (!(error instanceof StageFailure)) throw error;
    ctx.warn(`The recordings were not transcribed: ${error.message}`);
    return NO_TRANSCRIPT;
  }
  if (heard === null) return NO_TRANSCRIPT;
  const host = heard.origin ? new URL(heard.origin).host : 'the AI provider';
  if (heard.kind === 'stop') {
    ctx.warn(`The recordings were not transcribed by ${host}: ${heard.message}`);
    return NO_TRANSCRIPT;
  }
  const cues = placeHeard(ctx, recordings, heard.cues);
  return { cues, warnings: [], source: { kind: 'provider', origin: heard.origin, model: heard.model } };
}

/**
 * Without an imported transcript, and with a speech model added in Settings: the recordings'
 * speech transcribed on this device. Null when no model was added (the provider may then
 * transcribe). A model that fails leaves the session without a transcript and the stage with a note.
 */
async function transcribeOnDevice(ctx: StageContext): Promise<TranscriptResult | null> {
  const recordings = ctx.session.audio;
  if (recordings.length === 0) return null;
  const manifest = await readSpeechManifest();
  if (!manifest) return null;
  const language = ctx.speech?.language ?? SPEECH_DEFAULTS.language;
  try {
    const heard = await deviceTranscript(ctx, recordings, manifest, language);
    if (!manifest.multilingual && language !== 'en') ctx.warn(`${manifest.name} knows only English, so the recordings were transcribed as English.`);
    // No speech detected, so nothing decoded: no transcript rather than an empty one.
    if (heard.length === 0) return NO_TRANSCRIPT;
    return { cues: placeHeard(ctx, recordings, heard), warnings: [], source: { kind: 'device', model: manifest.name } };
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    const why = error instanceof StageFailure ? error.message : 'the model could not be run; try adding it again in Settings.';
    ctx.warn(`The recordings were not transcribed on this device: ${why}`);
    return NO_TRANSCRIPT;
  }
}

/**
 * Reads the session's WebVTT or SRT transcript and places every cue on the session's timeline
 * and in its chapter. Cues that cannot be read become warnings; a file that is not a transcript
 * at all fails permanently. Without such a file, the speech model added in Settings transcribes the
 * recordings on this device, or else the AI provider may.
 */
export const transcriptStage: StageFn = async (ctx): Promise<TranscriptResult> => {
  const ref = ctx.session.transcript;
  if (!ref) return (await transcribeOnDevice(ctx)) ?? transcribeByProvider(ctx);
  const blob = await ctx.readMedia(ref.id);
  if (blob.size > MAX_TRANSCRIPT_BYTES) {
    throw new StageFailure('permanent', `${ref.name} is too large to be a transcript (over 20 MB).`);
  }
  const { text, read } = decodeTextFile(new Uint8Array(await blob.arrayBuffer()));
  throwIfAborted(ctx.signal);
  if (text.includes('\u0000')) {
    throw new StageFailure('permanent', `${ref.name} is not a text file, so it cannot be read as a transcript.`);
  }
  const isBareVtt = /^\uFEFF?WEBVTT[^\n]*\s*$/.test(text);
  if (!text.includes('-->') && text.trim() !== '' && !isBareVtt) {
    throw new StageFailure('permanent', `${ref.name} is not a transcript: it has no timed lines (such as "00:00:01.000 --> 00:00:04.000").`);
  }
  const parsed = parseTranscript(ref.name, text);
  ctx.progress(0.5);
  const start = timelineStart(ctx.session, ctx.results.audio as AudioStageResult | undefined);
  const chapters = ctx.results.chapters as ChaptersResult | undefined;
  const ordered = inTimeOrder(parsed.cues);
  const cues: TranscriptCue[] = ordered.cues.map((cue) => {
    const at = start === null ? null : Math.round(start + cue.start * 1000);
    return { ...cue, at, chapter: chapterAt(chapters, at) };
  });
  const warnings = parsed.warnings.map((warning) => `${ref.name}: ${warning}`);
  if (ordered.reordered) warnings.unshift(`${ref.name}: its cues are not in time order; they were put in order.`);
  const note = encodingNote(ref.name, read);
  if (note) warnings.unshift(note);
  return { cues, warnings, source: { kind: 'imported', name: ref.name } };
};
