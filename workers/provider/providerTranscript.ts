import { providerOrigin, type ProviderEndpoint } from '../../src/shared/provider.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { openRecording } from '../audio/recordingReader.ts';
import { resample } from '../audio/resample.ts';
import { speechSeconds, speechWork } from '../audio/speechWork.ts';
import { encodeWav16 } from '../audio/wav.ts';
import type { StageContext } from '../stage.ts';
import { placeChunkLines, type HeardLine } from './chunkSeam.ts';
import { transcribeOnce } from './transcribeClient.ts';

/** Speech-to-text servers expect 16 kHz mono; smaller uploads too. */
const RATE = 16_000;
/** A rough guess of a transcription's tokens for the shared budget: about three words a second. */
const TOKENS_PER_SECOND = 4;

/** A line the provider or the device model heard, in seconds from the start of its recording; `words` when each was timed. */
export interface HeardCue extends HeardLine {
  mediaId: string;
}

/** How asking the provider for transcripts ended: null when transcription is off. */
export type ProviderTranscript =
  | { kind: 'done'; cues: HeardCue[]; origin: string; model: string; requests: number }
  | { kind: 'stop'; message: string; origin: string };

type TranscribingEndpoint = ProviderEndpoint & { transcription: { url: string; model: string } };

/** "1:05" from seconds. */
function clock(seconds: number): string {
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Sends only the speech of each recording (the audio stage's segments, in chunks of at most 30 s,
 * as 16 kHz mono WAV) to the provider's `/v1/audio/transcriptions`, through the main thread's gate
 * (consent, rate limit, breaker, backoff), and returns what it heard on each recording's clock.
 * Resolves to null when the provider or its transcription is off; a stop says why in plain words.
 */
export async function providerTranscript(ctx: StageContext, recordings: readonly MediaRef[]): Promise<ProviderTranscript | null> {
  const endpoint = await ctx.provider?.providerEndpoint();
  if (!ctx.provider || !endpoint?.transcription) return null;
  const host = ctx.provider;
  const origin = providerOrigin(endpoint.transcription.url) ?? '';
  const stop = (message: string): ProviderTranscript => ({ kind: 'stop', message, origin });
  if (!navigator.onLine) return stop('You are offline.');
  const work = speechWork(ctx, recordings);
  const totalSec = speechSeconds(work);
  let doneSec = 0;
  let requests = 0;
  const cues: HeardCue[] = [];
  for (const { ref, audio, chunks } of work) {
    if (chunks.length === 0) continue;
    // One chunk of samples at a time, read from the file when its turn comes.
    const recording = await openRecording(await ctx.readMedia(ref.id), ref.name);
    try {
      let heardUntil = 0;
      for (const chunk of chunks) {
        ctx.signal.throwIfAborted();
        const piece = resample(await recording.read(chunk.start, chunk.end, ctx.signal), recording.sampleRate, RATE);
        const blob = new Blob([encodeWav16(piece, RATE)], { type: 'audio/wav' });
        const seconds = piece.length / RATE;
        const asked = await ask(host, endpoint as TranscribingEndpoint, blob, seconds, ctx.signal);
        requests += asked.requests;
        if (asked.kind === 'stop') return stop(asked.message);
        const placed = placeChunkLines(chunk, asked.segments, heardUntil);
        for (const line of placed.lines) cues.push({ mediaId: ref.id, ...line });
        heardUntil = placed.heardUntil;
        doneSec += chunk.end - chunk.start;
        ctx.progress(totalSec > 0 ? doneSec / totalSec : 1, `${clock(chunk.end)} of ${clock(audio.durationSec)} of ${ref.name}`);
      }
    } finally {
      recording.close();
    }
  }
  return { kind: 'done', cues, origin, model: endpoint.transcription.model, requests };
}

type Asked = { kind: 'ok'; segments: { start: number; end: number; text: string }[]; requests: number } | { kind: 'stop'; message: string; requests: number };

/** One chunk, retried as the host decides (shared breaker, limiter and backoff). */
async function ask(
  host: NonNullable<StageContext['provider']>,
  endpoint: TranscribingEndpoint,
  wav: Blob,
  seconds: number,
  signal: AbortSignal,
): Promise<Asked> {
  for (let attempt = 1; ; attempt++) {
    const admission = await host.providerAdmit(Math.ceil(seconds * TOKENS_PER_SECOND));
    if (admission.kind === 'skip') return { kind: 'stop', message: admission.message, requests: attempt - 1 };
    const reply = await transcribeOnce(endpoint, wav, seconds, signal);
    const verdict = await host.providerReport(attempt, reply.attempt);
    signal.throwIfAborted();
    if (verdict.kind === 'stop') return { kind: 'stop', message: verdict.message, requests: attempt };
    if (verdict.kind === 'done' && 'segments' in reply) return { kind: 'ok', segments: reply.segments, requests: attempt };
  }
}
