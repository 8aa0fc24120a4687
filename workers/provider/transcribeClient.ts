import type { ProviderAttempt, ProviderEndpoint } from '../../src/shared/provider.ts';
import { failure } from './chatClient.ts';
import { parseTranscription, type HeardSegment } from './parseTranscription.ts';

/** One transcription request's end: the attempt as data, and the heard segments when it worked. */
export type TranscribeReply = { attempt: { kind: 'ok' }; segments: HeardSegment[] } | { attempt: Exclude<ProviderAttempt, { kind: 'ok' }> };

const transient = (message: string): TranscribeReply => ({ attempt: { kind: 'transient', message } });

/**
 * Sends one WAV chunk to `/v1/audio/transcriptions` as multipart/form-data and classifies its end
 * exactly as a chat request's (success, rate limited, transient, permanent). Never retries by
 * itself: the host decides. Throws only when the job is cancelled.
 */
export async function transcribeOnce(
  endpoint: ProviderEndpoint & { transcription: { url: string; model: string } },
  wav: Blob,
  durationSec: number,
  signal: AbortSignal,
): Promise<TranscribeReply> {
  const timeout = AbortSignal.timeout(endpoint.timeoutMs);
  const timedOut = () => transient(`The AI provider did not answer within ${Math.round(endpoint.timeoutMs / 1000)} s.`);
  const form = new FormData();
  form.append('file', wav, 'speech.wav');
  form.append('model', endpoint.transcription.model);
  form.append('response_format', 'verbose_json');
  form.append('timestamp_granularities[]', 'segment');
  const headers: Record<string, string> = {};
  if (endpoint.apiKey) headers.Authorization = `Bearer ${endpoint.apiKey}`;
  let response: Response;
  try {
    response = await fetch(endpoint.transcription.url, {
      method: 'POST',
      headers,
      body: form,
      signal: AbortSignal.any([signal, timeout]),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (error) {
    if (signal.aborted) throw error;
    return timeout.aborted ? timedOut() : transient('The AI provider could not be reached.');
  }
  if (!response.ok) {
    void response.body?.cancel().catch(() => undefined);
    return { attempt: failure(response).attempt };
  }
  try {
    const segments = parseTranscription(await response.json(), durationSec);
    if (segments === null) throw new Error('not a transcription');
    return { attempt: { kind: 'ok' }, segments };
  } catch {
    if (signal.aborted) throw signal.reason;
    return timeout.aborted ? timedOut() : transient('The AI provider sent a transcription that could not be read.');
  }
}
