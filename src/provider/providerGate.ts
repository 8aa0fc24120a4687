import { backoffDelay } from '../engine/backoff.ts';
import { CircuitBreaker, type BreakerState } from '../engine/circuitBreaker.ts';
import type { Clock } from '../engine/options.ts';
import type { RateLimiter } from '../engine/rateLimiter.ts';
import {
  audioTranscriptionsUrl,
  chatCompletionsUrl,
  type ProviderAdmission,
  type ProviderAttempt,
  type ProviderEndpoint,
  type ProviderHost,
  type ProviderSettings,
  type ProviderVerdict,
} from '../shared/provider.ts';

/** The breaker's key (one provider at a time) and the rate limiter's two keys. */
export const PROVIDER_BREAKER_KEY = 'provider';
export const PROVIDER_REQUESTS_KEY = 'provider:requests';
export const PROVIDER_TOKENS_KEY = 'provider:tokens';

export interface ProviderGateOptions {
  settings: ProviderSettings;
  /** The engine's shared limiter: the gate configures its two provider keys. */
  limiter: RateLimiter;
  /** @default 5 */
  breakerThreshold?: number;
  /** @default 30000 */
  breakerCooldownMs?: number;
  /** First backoff ceiling in milliseconds. @default 1000 */
  backoffBaseMs?: number;
  /** Largest backoff ceiling, and the longest Retry-After honoured, in milliseconds. @default 30000 */
  backoffCapMs?: number;
  clock?: Clock;
  random?: () => number;
  /** Waits `ms` before a retry; tests inject one that records the schedule. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The provider's side of the host channel, on the main thread: one per pool, so every worker
 * shares its rate limits (requests and tokens per minute), its circuit breaker and its backoff.
 * Workers send the requests; the gate decides whether to send, and whether and when to retry.
 */
export class ProviderGate implements ProviderHost {
  readonly breaker: CircuitBreaker;
  /** Retry waits in the order they were decided, in milliseconds (for statistics and tests). */
  readonly waits: number[] = [];
  #authFailed = false;
  /** When a probe that never reported (its worker was stopped) stops holding the half-open breaker. */
  #probeDeadline = 0;
  readonly #clock: Clock;
  readonly #settings: ProviderSettings;
  readonly #limiter: RateLimiter;
  readonly #baseMs: number;
  readonly #capMs: number;
  readonly #random: () => number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: ProviderGateOptions) {
    const clock = options.clock ?? Date.now;
    this.#clock = clock;
    this.#settings = options.settings;
    this.#limiter = options.limiter;
    this.#baseMs = options.backoffBaseMs ?? 1000;
    this.#capMs = options.backoffCapMs ?? 30_000;
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep ?? realSleep;
    this.breaker = new CircuitBreaker({ threshold: options.breakerThreshold ?? 5, cooldownMs: options.breakerCooldownMs ?? 30_000, clock });
    const { requestsPerMinute, tokensPerMinute } = options.settings;
    this.#limiter.configure(PROVIDER_REQUESTS_KEY, { capacity: requestsPerMinute, refillPerSecond: requestsPerMinute / 60 });
    this.#limiter.configure(PROVIDER_TOKENS_KEY, { capacity: tokensPerMinute, refillPerSecond: tokensPerMinute / 60 });
  }

  /** The breaker's state now, for the UI and tests. */
  get state(): BreakerState {
    return this.breaker.state(PROVIDER_BREAKER_KEY);
  }

  async providerEndpoint(): Promise<ProviderEndpoint> {
    const { baseUrl, model, apiKey, contextTokens, timeoutMs, transcriptionModel } = this.#settings;
    const transcription = transcriptionModel ? { url: audioTranscriptionsUrl(baseUrl), model: transcriptionModel } : null;
    return { url: chatCompletionsUrl(baseUrl), model, apiKey, contextTokens, timeoutMs, transcription };
  }

  async providerAdmit(tokens: number): Promise<ProviderAdmission> {
    const skip = this.#skipReason(true);
    if (skip) return { kind: 'skip', message: skip };
    await this.#limiter.acquire(PROVIDER_REQUESTS_KEY, 1);
    // A request larger than a minute's budget waits for the whole budget rather than forever.
    await this.#limiter.acquire(PROVIDER_TOKENS_KEY, Math.min(tokens, this.#settings.tokensPerMinute));
    return { kind: 'go' };
  }

  async providerReport(attempt: number, outcome: ProviderAttempt): Promise<ProviderVerdict> {
    switch (outcome.kind) {
      case 'ok':
        this.breaker.recordSuccess(PROVIDER_BREAKER_KEY);
        return { kind: 'done' };
      case 'permanent':
        // The request's own fault: no retry, and the breaker stays as it is (the service is up).
        this.breaker.releaseProbe(PROVIDER_BREAKER_KEY);
        if (outcome.status === 401 || outcome.status === 403) this.#authFailed = true;
        return { kind: 'stop', message: outcome.message };
      case 'rate-limited': {
        this.breaker.releaseProbe(PROVIDER_BREAKER_KEY);
        if (attempt >= this.#settings.maxAttempts) return { kind: 'stop', message: 'The AI provider kept asking to slow down.' };
        const wait = outcome.retryAfterMs ?? this.#backoff(attempt);
        if (wait > this.#capMs) {
          return { kind: 'stop', message: `The AI provider asked to wait ${Math.ceil(wait / 1000)} s.` };
        }
        return this.#retryAfter(wait);
      }
      case 'transient': {
        this.breaker.recordFailure(PROVIDER_BREAKER_KEY);
        const skip = this.#skipReason(false);
        if (skip) return { kind: 'stop', message: skip };
        if (attempt >= this.#settings.maxAttempts) return { kind: 'stop', message: outcome.message };
        return this.#retryAfter(this.#backoff(attempt));
      }
    }
  }

  /**
   * Why no request may go now, or null. Only an admission may take the half-open breaker's one probe;
   * a probe whose worker was stopped (timeout, cancel) never reports, so it lapses after its time limit.
   */
  #skipReason(admitting: boolean): string | null {
    if (this.#authFailed) return 'Your API key needs attention.';
    const breakerOpen = `The AI provider failed ${this.breaker.threshold} times in a row; it is skipped for now.`;
    const state = this.state;
    if (state.status === 'open') return breakerOpen;
    if (state.status !== 'half-open' || !admitting) return null;
    if (state.probing && this.#clock() >= this.#probeDeadline) this.breaker.releaseProbe(PROVIDER_BREAKER_KEY);
    if (!this.breaker.canRun(PROVIDER_BREAKER_KEY)) return breakerOpen;
    this.#probeDeadline = this.#clock() + this.#settings.timeoutMs + this.#capMs;
    return null;
  }

  #backoff(attempt: number): number {
    return backoffDelay(attempt, this.#baseMs, this.#capMs, this.#random);
  }

  async #retryAfter(ms: number): Promise<ProviderVerdict> {
    this.waits.push(ms);
    await this.#sleep(ms);
    return { kind: 'retry' };
  }
}
