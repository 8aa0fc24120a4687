import type { MediaRef } from '../../src/shared/session.ts';
import type { SpeechModelManifest } from '../../src/shared/speechModel.ts';
import { openRecording } from '../audio/recordingReader.ts';
import { resample } from '../audio/resample.ts';
import { speechSeconds, speechWork } from '../audio/speechWork.ts';
import { placeChunkLines } from '../provider/chunkSeam.ts';
import type { HeardCue } from '../provider/providerTranscript.ts';
import type { StageContext } from '../stage.ts';
import { transcribeChunk } from './transcribeChunk.ts';
import { whisperModel } from './whisperModel.ts';

/** Whisper hears 16 kHz mono. */
const RATE = 16_000;

/** "1:05" from seconds. */
function clock(seconds: number): string {
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

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
  const totalSec = speechSeconds(work);
  let doneSec = 0;
  const cues: HeardCue[] = [];
  for (const { ref, audio, chunks } of work) {
    if (chunks.length === 0) continue;
    // One chunk of samples at a time: an hour of 16 kHz audio would be 230 MB of floats.
    const recording = await openRecording(await ctx.readMedia(ref.id), ref.name);
    try {
      let heardUntil = 0;
      for (const chunk of chunks) {
        ctx.signal.throwIfAborted();
        ctx.progress(totalSec > 0 ? doneSec / totalSec : 0, `${clock(chunk.start)} of ${clock(audio.durationSec)} of ${ref.name}`);
        const piece = resample(await recording.read(chunk.start, chunk.end, ctx.signal), recording.sampleRate, RATE);
        const placed = placeChunkLines(chunk, await transcribeChunk(model, piece, manifest.multilingual ? language : null), heardUntil);
        for (const line of placed.lines) cues.push({ mediaId: ref.id, ...line });
        heardUntil = placed.heardUntil;
        doneSec += chunk.end - chunk.start;
        ctx.progress(totalSec > 0 ? doneSec / totalSec : 1, `${clock(chunk.end)} of ${clock(audio.durationSec)} of ${ref.name}`);
      }
    } finally {
      recording.close();
    }
  }
  return cues;
}
