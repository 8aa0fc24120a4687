import type { ProviderAttempt, ProviderEndpoint } from '../../src/shared/provider.ts';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** One request's end: the attempt as data, and the model's text when it worked. */
export type ChatReply = { attempt: { kind: 'ok' }; content: string } | { attempt: Exclude<ProviderAttempt, { kind: 'ok' }> };

/** The answer's length limit, in tokens; also counted against the tokens-per-minute budget. */
export const MAX_ANSWER_TOKENS = 512;

/** `Retry-After` as milliseconds: seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Classifies an HTTP status. Messages never carry the key, the body or a stack trace. */
export function failure(response: Response): ChatReply & { attempt: Exclude<ProviderAttempt, { kind: 'ok' }> } {
  const { status } = response;
  if (status === 429) {
    return { attempt: { kind: 'rate-limited', retryAfterMs: retryAfterMs(response.headers.get('Retry-After'), Date.now()) } };
  }
  if (status === 401 || status === 403) {
    return { attempt: { kind: 'permanent', status, message: 'Your API key needs attention.' } };
  }
  if (status >= 500 || status === 408) {
    return { attempt: { kind: 'transient', message: `The AI provider had an error (HTTP ${status}).` } };
  }
  return { attempt: { kind: 'permanent', status, message: `The AI provider refused the request (HTTP ${status}).` } };
}

/**
 * Sends one chat completion request and classifies its end: success, rate limited (with
 * Retry-After), transient (5xx, timeout, network) or permanent (401/403 and other refusals).
 * Never retries by itself: the host decides, so that all workers share one breaker and backoff.
 */
export async function chatOnce(endpoint: ProviderEndpoint, messages: ChatMessage[], signal: AbortSignal): Promise<ChatReply> {
  const timeout = AbortSignal.timeout(endpoint.timeoutMs);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (endpoint.apiKey) headers.Authorization = `Bearer ${endpoint.apiKey}`;
  let response: Response;
  try {
    response = await fetch(endpoint.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: endpoint.model, messages, temperature: 0.2, max_tokens: MAX_ANSWER_TOKENS, stream: false }),
      signal: AbortSignal.any([signal, timeout]),
      // No cookies or credentials of the page go to the provider; only the key the person gave.
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (error) {
    if (signal.aborted) throw error; // The job was cancelled: not the provider's failure.
    if (timeout.aborted) {
      return { attempt: { kind: 'transient', message: `The AI provider did not answer within ${Math.round(endpoint.timeoutMs / 1000)} s.` } };
    }
    return { attempt: { kind: 'transient', message: 'The AI provider could not be reached.' } };
  }
  if (!response.ok) {
    void response.body?.cancel().catch(() => undefined);
    return failure(response);
  }
  try {
    const body = (await response.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new Error('no content');
    return { attempt: { kind: 'ok' }, content };
  } catch {
    if (signal.aborted) throw signal.reason;
    if (timeout.aborted) {
      return { attempt: { kind: 'transient', message: `The AI provider did not answer within ${Math.round(endpoint.timeoutMs / 1000)} s.` } };
    }
    return { attempt: { kind: 'transient', message: 'The AI provider sent an answer that could not be read.' } };
  }
}
