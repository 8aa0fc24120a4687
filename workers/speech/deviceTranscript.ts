import type { MediaRef } from '../../src/shared/session.ts';
import type { SpeechModelManifest } from '../../src/shared/speechModel.ts';
import { speechWork } from '../audio/speechWork.ts';
import { hearInChunks, type HeardCue } from '../provider/hearInChunks.ts';
import type { StageContext } from '../stage.ts';
import { transcribeChunk } from './transcribeChunk.ts';
import { whisperModel } from './whisperModel.ts';

/**
 * Transcribes only the speech of each recording (the audio stage's segments, in chunks of at most
 * 30 s that overlap by 1 s where one stretch of speech is cut) with the stored Whisper model, in
 * the library's language, and returns what it heard on each recording's clock. Checks the job's
 * signal between chunks; a running chunk is stopped by ending the worker, as the engine does. Each
 * chunk is read from the file when its turn comes, so a long recording is never decoded whole.
 */
export async function deviceTranscript(
  ctx: StageContext,
  recordings: readonly MediaRef[],
  manifest: SpeechModelManifest,
  language: string,
): Promise<HeardCue[]> {
  const work = speechWork(ctx, recordings);
  if (work.every((w) => w.chunks.length === 0)) return [];
  const model = await whisperModel(manifest);
  ctx.signal.throwIfAborted();
  const spokenLanguage = manifest.multilingual ? language : null;
  const heard = await hearInChunks(ctx, work, async (samples) => ({ kind: 'heard', lines: await transcribeChunk(model, samples, spokenLanguage) }));
  // The device model never asks to stop: only the provider does.
  return heard.kind === 'done' ? heard.cues : [];
}
