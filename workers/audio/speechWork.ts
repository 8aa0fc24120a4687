import type { AudioResult, AudioStageResult } from '../../src/shared/results.ts';
import { countedRecordings } from '../../src/shared/sameMeeting.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { speechChunks, type SpeechChunk } from '../provider/speechChunks.ts';
import type { StageContext } from '../stage.ts';

/** One recording to transcribe: its file, what the audio stage found in it, and its chunks of speech. */
export interface SpeechWork {
  ref: MediaRef;
  audio: AudioResult;
  chunks: SpeechChunk[];
}

/**
 * What there is to transcribe in `recordings`, by whatever transcribes (the provider or the device
 * model): the chunks of detected speech of each recording the audio stage analysed. A sound track
 * that repeats a recording of the same meeting is left out: it would be heard twice.
 */
export function speechWork(ctx: StageContext, recordings: readonly MediaRef[]): SpeechWork[] {
  const analysed = countedRecordings((ctx.results.audio as AudioStageResult | undefined)?.recordings ?? []);
  return recordings.flatMap((ref) => {
    const audio = analysed.find((r) => r.mediaId === ref.id);
    return audio ? [{ ref, audio, chunks: speechChunks(audio.segments, audio.durationSec) }] : [];
  });
}

/** Seconds of speech in all the work: what progress is measured against. */
export const speechSeconds = (work: readonly SpeechWork[]): number => work.reduce((sum, w) => sum + w.chunks.reduce((s, c) => s + c.end - c.start, 0), 0);
