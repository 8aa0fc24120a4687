import { expectNumber } from './options.ts';
import type { Clock } from './options.ts';

export interface TokenBucketOptions {
  /** Most tokens the bucket holds: the largest burst. */
  capacity: number;
  /** Tokens regained per second. */
  refillPerSecond: number;
  /** Time source. */
  clock: Clock;
  /**
   * Tokens at the start.
   * @default capacity
   */
  tokens?: number;
}

/** Plain data for stats. */
export interface TokenBucketSnapshot {
  tokens: number;
  capacity: number;
  refillPerSecond: number;
}

/** Absorbs floating-point dust, so that waiting `msUntil(n)` always lets `tryTake(n)` succeed. */
const EPSILON = 1e-9;

/** A token bucket: bursts up to `capacity`, then `refillPerSecond` on average. Refills lazily. */
export class TokenBucket {
  readonly capacity: number;
  readonly refillPerSecond: number;
  readonly #clock: Clock;
  #tokens: number;
  #refilledAt: number;

  constructor({ capacity, refillPerSecond, clock, tokens = capacity }: TokenBucketOptions) {
    this.capacity = expectNumber('capacity', capacity, { min: 1 });
    this.refillPerSecond = expectNumber('refillPerSecond', refillPerSecond, { min: 0, exclusiveMin: true });
    this.#tokens = expectNumber('tokens', tokens, { min: 0, max: capacity });
    this.#clock = clock;
    this.#refilledAt = clock();
  }

  /** Takes `n` tokens if the bucket has them; returns whether it did. */
  tryTake(n = 1): boolean {
    this.#expectCount(n);
    this.#refill();
    if (this.#tokens + EPSILON < n) return false;
    this.#tokens = Math.max(0, this.#tokens - n);
    return true;
  }

  /** Milliseconds until `n` tokens are there (0 when they are now), rounded up. */
  msUntil(n = 1): number {
    this.#expectCount(n);
    this.#refill();
    const missing = n - this.#tokens;
    return missing <= EPSILON ? 0 : Math.ceil((missing / this.refillPerSecond) * 1000);
  }

  /** The tokens there now (refilled up to this moment), with the settings. */
  snapshot(): TokenBucketSnapshot {
    this.#refill();
    return { tokens: this.#tokens, capacity: this.capacity, refillPerSecond: this.refillPerSecond };
  }

  #refill(): void {
    const now = this.#clock();
    // A clock that steps back (a changed system time) must not drain the bucket.
    const elapsed = Math.max(0, now - this.#refilledAt);
    this.#tokens = Math.min(this.capacity, this.#tokens + (elapsed * this.refillPerSecond) / 1000);
    this.#refilledAt = now;
  }

  #expectCount(n: number): void {
    // More than `capacity` could never be taken: a caller waiting for it would wait forever.
    expectNumber('n', n, { min: 0, max: this.capacity });
  }
}
