/** The key of the provider settings in the `meta` object store. */
export const PROVIDER_META_KEY = 'provider';

/** An OpenAI-compatible endpoint the person configured (a local Ollama or LM Studio, say). */
export interface ProviderSettings {
  kind: 'openai';
  /** Such as `http://127.0.0.1:11434`; requests go to `${baseUrl}/v1/chat/completions`. */
  baseUrl: string;
  model: string;
  /** Stored only on this device; never exported, logged or shown again in full. */
  apiKey: string | null;
  /** @default 20 */
  requestsPerMinute: number;
  /** @default 40000 */
  tokensPerMinute: number;
  /** The model's context window, in tokens: the text is cut into chunks that fit. @default 8192 */
  contextTokens: number;
  /** One request's time limit, in milliseconds. @default 60000 */
  timeoutMs: number;
  /** Requests one chunk may take, including the first. @default 4 */
  maxAttempts: number;
  /**
   * The speech-to-text model for `${baseUrl}/v1/audio/transcriptions` (such as `whisper-1`), or null:
   * recordings are then never sent. Absent in settings stored before it existed (read as null).
   */
  transcriptionModel: string | null;
  /** When the person agreed that text (and, with transcription on, speech) leaves the device for this origin (epoch ms). */
  consentedAt: number;
}

/** Off (the default) or an endpoint. Stored as plain data under `PROVIDER_META_KEY`. */
export type ProviderConfig = { kind: 'off' } | ProviderSettings;

export const PROVIDER_DEFAULTS = Object.freeze({
  requestsPerMinute: 20,
  tokensPerMinute: 40_000,
  contextTokens: 8192,
  timeoutMs: 60_000,
  maxAttempts: 4,
  transcriptionModel: null,
});

/** What a worker needs to send one request. The key crosses to the worker, never into a job record. */
export interface ProviderEndpoint {
  url: string;
  model: string;
  apiKey: string | null;
  contextTokens: number;
  timeoutMs: number;
  /** Where recordings' speech is sent to be transcribed, or null when that is off. */
  transcription: { url: string; model: string } | null;
}

/** How one request ended, as data (errors do not survive Comlink). */
export type ProviderAttempt =
  | { kind: 'ok' }
  | { kind: 'rate-limited'; retryAfterMs: number | null }
  | { kind: 'transient'; message: string }
  | { kind: 'permanent'; status: number; message: string };

/** Whether a request may be sent now. */
export type ProviderAdmission = { kind: 'go' } | { kind: 'skip'; message: string };

/** What to do after a request that did not succeed: the host has already waited when it says retry. */
export type ProviderVerdict = { kind: 'done' } | { kind: 'retry' } | { kind: 'stop'; message: string };

/**
 * The provider side of the host channel, held on the main thread so that every pool worker shares
 * one rate limiter, one circuit breaker and one backoff clock.
 */
export interface ProviderHost {
  /** The endpoint, or null when the provider is off. */
  providerEndpoint(): Promise<ProviderEndpoint | null>;
  /** Waits for the rate limiter (one request, `tokens` tokens); skip when the breaker is open or the key failed. */
  providerAdmit(tokens: number): Promise<ProviderAdmission>;
  /** Records how request number `attempt` (1-based) of one chunk ended; waits out the backoff before `retry`. */
  providerReport(attempt: number, outcome: ProviderAttempt): Promise<ProviderVerdict>;
}

/** "sk-…f3a9": enough to recognise a key, never enough to use it. */
export function maskKey(key: string): string {
  const tail = key.slice(-4);
  const head = key.length > 12 ? key.slice(0, 3) : '';
  return `${head}…${tail}`;
}

/** The origin requests go to, such as `http://127.0.0.1:11434`; null when the URL is not http(s). */
export function providerOrigin(baseUrl: string): string | null {
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** `${baseUrl}/v1/chat/completions`, accepting a base URL given with or without `/v1`. */
export function chatCompletionsUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${base}/v1/chat/completions`;
}

/** `${baseUrl}/v1/audio/transcriptions`, accepting a base URL given with or without `/v1`. */
export function audioTranscriptionsUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${base}/v1/audio/transcriptions`;
}
