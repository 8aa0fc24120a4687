import type { AudioResult, AudioStageResult } from '../../src/shared/results.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { findSpeechSegments } from '../audio/speech.ts';
import { decodeWav } from '../audio/wav.ts';
import { StageFailure } from '../stage.ts';
import type { StageContext, StageFn } from '../stage.ts';

/**
 * One recording's result. `warning` is set when the result is only partly trustworthy, such as
 * a file cut short; it is extra to the shared AudioResult and survives a structured clone.
 */
export interface AudioRecordingResult extends AudioResult {
  warning?: string;
}

function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  const error = new Error('The audio stage was cancelled.');
  error.name = 'AbortError';
  throw error;
}

async function analyse(ctx: StageContext, ref: MediaRef): Promise<AudioRecordingResult> {
  const blob = await ctx.readMedia(ref.id);
  const buffer = await blob.arrayBuffer();
  throwIfAborted(ctx.signal);
  let wav;
  try {
    wav = decodeWav(buffer);
  } catch (error) {
    // The decoder does not know the file's name; people need it to find the file.
    if (error instanceof StageFailure) {
      throw new StageFailure(error.errorClass, `${ref.name}: ${error.message}`);
    }
    throw error;
  }
  const segments = findSpeechSegments(wav.samples, wav.sampleRate);
  const speechSec = segments.reduce((sum, s) => sum + (s.end - s.start), 0);
  const result: AudioRecordingResult = {
    mediaId: ref.id,
    durationSec: wav.durationSec,
    sampleRate: wav.sampleRate,
    channels: wav.channels,
    segments,
    speechSec,
    speechRatio: Math.min(1, speechSec / wav.durationSec),
  };
  if (wav.truncated) {
    const seconds = wav.durationSec.toFixed(1);
    result.warning = `${ref.name} is cut short: only its first ${seconds} s could be read.`;
  }
  return result;
}

/** Finds the speech in each WAV recording of the session. Fails permanently on unreadable audio. */
export const audioStage: StageFn = async (ctx): Promise<AudioStageResult> => {
  const refs = ctx.session.audio;
  const recordings: AudioRecordingResult[] = [];
  for (const [i, ref] of refs.entries()) {
    throwIfAborted(ctx.signal);
    recordings.push(await analyse(ctx, ref));
    ctx.progress((i + 1) / refs.length);
  }
  const speechSec = recordings.reduce((sum, r) => sum + r.speechSec, 0);
  return { recordings, speechSec };
};
