import { openRecording } from '../audio/recordingReader.ts';
import { resample } from '../audio/resample.ts';
import { speechSeconds, type SpeechWork } from '../audio/speechWork.ts';
import type { StageContext } from '../stage.ts';
import { placeChunkLines, type HeardLine } from './chunkSeam.ts';
import { clock } from '../../src/shared/clock.ts';

/** Speech-to-text hears 16 kHz mono: Whisper does, and servers expect it (smaller uploads too). */
export const HEARING_RATE = 16_000;

/** A line the provider or the device model heard, in seconds from the start of its recording; `words` when each was timed. */
export interface HeardCue extends HeardLine {
  mediaId: string;
}

/** What one chunk's listener heard, or why the whole transcription stops. */
export type ChunkHeard = { kind: 'heard'; lines: readonly HeardLine[] } | { kind: 'stop'; message: string };

/**
 * Walks the speech chunks of each recording in turn: reads each from the file when its turn comes
 * (a long recording is never decoded whole), resampled to HEARING_RATE, hands it to `hear`, and
 * places what was heard on the recording's clock, across the chunks' overlaps. Progress in words
 * ("0:42 of 12:10 of standup.m4a"); the job's signal is checked between chunks. Ends at the first stop.
 */
export async function hearInChunks(
  ctx: StageContext,
  work: readonly SpeechWork[],
  hear: (samples: Float32Array) => Promise<ChunkHeard>,
): Promise<{ kind: 'done'; cues: HeardCue[] } | { kind: 'stop'; message: string }> {
  const totalSec = speechSeconds(work);
  let doneSec = 0;
  const cues: HeardCue[] = [];
  for (const { ref, audio, chunks } of work) {
    if (chunks.length === 0) continue;
    const recording = await openRecording(await ctx.readMedia(ref.id), ref.name);
    try {
      let heardUntil = 0;
      for (const chunk of chunks) {
        ctx.signal.throwIfAborted();
        ctx.progress(totalSec > 0 ? doneSec / totalSec : 0, `${clock(chunk.start)} of ${clock(audio.durationSec)} of ${ref.name}`);
        const samples = resample(await recording.read(chunk.start, chunk.end, ctx.signal), recording.sampleRate, HEARING_RATE);
        const heard = await hear(samples);
        if (heard.kind === 'stop') return heard;
        const placed = placeChunkLines(chunk, heard.lines, heardUntil);
        for (const line of placed.lines) cues.push({ mediaId: ref.id, ...line });
        heardUntil = placed.heardUntil;
        doneSec += chunk.end - chunk.start;
        ctx.progress(totalSec > 0 ? doneSec / totalSec : 1, `${clock(chunk.end)} of ${clock(audio.durationSec)} of ${ref.name}`);
      }
    } finally {
      recording.close();
    }
  }
  return { kind: 'done', cues };
}
