import { providerOrigin, type ProviderEndpoint } from '../../src/shared/provider.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { speechWork } from '../audio/speechWork.ts';
import { encodeWav16 } from '../audio/wav.ts';
import type { StageContext } from '../stage.ts';
import { HEARING_RATE, hearInChunks, type HeardCue } from './hearInChunks.ts';
import { transcribeOnce } from './transcribeClient.ts';

/** A rough guess of a transcription's tokens for the shared budget: about three words a second. */
const TOKENS_PER_SECOND = 4;

export type { HeardCue };

/** How asking the provider for transcripts ended: null when transcription is off. */
export type ProviderTranscript =
  | { kind: 'done'; cues: HeardCue[]; origin: string; model: string; requests: number }
  | { kind: 'stop'; message: string; origin: string };

type TranscribingEndpoint = ProviderEndpoint & { transcription: { url: string; model: string } };

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
  let requests = 0;
  const heard = await hearInChunks(ctx, speechWork(ctx, recordings), async (samples) => {
    const blob = new Blob([encodeWav16(samples, HEARING_RATE)], { type: 'audio/wav' });
    const asked = await ask(host, endpoint as TranscribingEndpoint, blob, samples.length / HEARING_RATE, ctx.signal);
    requests += asked.requests;
    return asked.kind === 'stop' ? asked : { kind: 'heard', lines: asked.segments };
  });
  if (heard.kind === 'stop') return stop(heard.message);
  return { kind: 'done', cues: heard.cues, origin, model: endpoint.transcription.model, requests };
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
