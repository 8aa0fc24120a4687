import { recordingStart } from '../../src/shared/recordingStart.ts';
import { countedRecordings, markRepeatedSoundtracks } from '../../src/shared/sameMeeting.ts';
import type { AudioResult, AudioStageResult } from '../../src/shared/results.ts';
import { sessionVideos, type MediaRef } from '../../src/shared/session.ts';
import { loudnessDb, longestSilenceSec, waveformOverview } from '../audio/levels.ts';
import { detectSpeech } from '../audio/detectSpeech.ts';
import { decodeRecording } from '../audio/decodeRecording.ts';
import { StageFailure } from '../stage.ts';
import type { StageContext, StageFn } from '../stage.ts';

/** One recording's result; `warning` is set when it is only partly trustworthy (a file cut short). */
type AudioRecordingResult = AudioResult;

function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  const error = new Error('The audio stage was cancelled.');
  error.name = 'AbortError';
  throw error;
}

/** Records why the voice model was not used for a recording; the stage warns once, with the first reason. */
type FallbackNote = (reason: string) => void;

async function analyse(ctx: StageContext, ref: MediaRef, fellBack: FallbackNote): Promise<AudioRecordingResult> {
  const blob = await ctx.readMedia(ref.id);
  const wav = await decodeRecording(blob, ref.name, ctx.signal);
  throwIfAborted(ctx.signal);
  // The built-in samples speak with a synthetic buzz (workers/samples/voice.ts) that the voice
  // model was never trained on: loudness finds every burst of it, the model only some.
  const wanted = ctx.session.source === 'sample' ? 'loudness' : 'voice-model';
  const detection = await detectSpeech(wav.samples, wav.sampleRate, ctx.signal, undefined, wanted);
  if ('fallback' in detection) fellBack(detection.fallback);
  const { segments, detector } = detection;
  const speechSec = segments.reduce((sum, s) => sum + (s.end - s.start), 0);
  const result: AudioRecordingResult = {
    mediaId: ref.id,
    durationSec: wav.durationSec,
    sampleRate: wav.sampleRate,
    channels: wav.channels,
    segments,
    detector,
    speechSec,
    speechRatio: Math.min(1, speechSec / wav.durationSec),
    loudnessDb: loudnessDb(wav.samples),
    longestSilenceSec: longestSilenceSec(segments, wav.durationSec),
    waveform: waveformOverview(wav.samples),
    startAt: recordingStart(ref, wav.durationSec),
  };
  if (wav.truncated) {
    const seconds = wav.durationSec.toFixed(1);
    result.warning = `${ref.name} is cut short: only its first ${seconds} s could be read.`;
  }
  return result;
}

/**
 * A recording's result, or the plain message of why it cannot be read (empty, not audio): that
 * one recording is skipped, and the others of the session are still analysed.
 */
async function analyseRecording(ctx: StageContext, ref: MediaRef, fellBack: FallbackNote): Promise<AudioRecordingResult | string> {
  try {
    return await analyse(ctx, ref, fellBack);
  } catch (error) {
    if (error instanceof StageFailure && error.errorClass === 'permanent') return error.message;
    throw error;
  }
}

/**
 * The sound track of a video, or null when it has none. Other failures are left to the 'video'
 * stage, which reports an unreadable video: one message per file, not two.
 */
async function analyseVideo(ctx: StageContext, ref: MediaRef, fellBack: FallbackNote): Promise<AudioRecordingResult | null> {
  try {
    return await analyse(ctx, ref, fellBack);
  } catch (error) {
    if (error instanceof StageFailure) return null;
    throw error;
  }
}

/**
 * Finds the speech in each recording of the session, then in the sound track of each video, with
 * the Silero voice model; a sound track that repeats a recording of the same meeting is marked and
 * not counted twice. When the model cannot load, loudness alone finds the speech and the
 * stage says so (the job ends "partly done"). An unreadable recording is skipped and the stage
 * warns, naming it; it fails permanently when no recording could be read. A video without sound
 * is passed over.
 */
export const audioStage: StageFn = async (ctx): Promise<AudioStageResult> => {
  const refs = ctx.session.audio;
  const videos = sessionVideos(ctx.session);
  const total = refs.length + videos.length;
  const recordings: AudioRecordingResult[] = [];
  const fallbacks: string[] = [];
  const fellBack: FallbackNote = (reason) => fallbacks.push(reason);
  const unreadable: string[] = [];
  for (const [i, ref] of refs.entries()) {
    throwIfAborted(ctx.signal);
    const analysed = await analyseRecording(ctx, ref, fellBack);
    if (typeof analysed === 'string') unreadable.push(analysed);
    else recordings.push(analysed);
    ctx.progress((i + 1) / total);
  }
  // No recording could be read: the stage fails, naming them. One of several is only a shortfall.
  if (refs.length > 0 && unreadable.length === refs.length) throw new StageFailure('permanent', unreadable.join(' '));
  for (const [i, ref] of videos.entries()) {
    throwIfAborted(ctx.signal);
    const result = await analyseVideo(ctx, ref, fellBack);
    if (result) recordings.push(result);
    ctx.progress((refs.length + i + 1) / total);
  }
  const notes = [...unreadable];
  if (fallbacks.length > 0) {
    notes.push(`The voice model could not be used (${fallbacks[0]}), so speech was found by loudness alone: pauses over steady noise, music or typing may count as speech.`);
  }
  // A stage keeps one warning: every shortfall goes in it.
  if (notes.length > 0) ctx.warn(notes.join(' '));
  // A screen recording with the microphone on and the meeting's own recording: one meeting, counted once.
  const marked = markRepeatedSoundtracks(recordings, new Set(videos.map((ref) => ref.id)));
  const speechSec = countedRecordings(marked).reduce((sum, r) => sum + r.speechSec, 0);
  return { recordings: marked, speechSec };
};
