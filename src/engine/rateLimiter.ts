import type { Clock, RateLimitOptions } from './options.ts';
import { TokenBucket, type TokenBucketSnapshot } from './tokenBucket.ts';

/** What the limiter has seen of one key, for statistics. */
export interface RateLimitStats extends TokenBucketSnapshot {
  granted: number;
  /** Requests that had to wait for tokens. */
  waited: number;
}

/**
 * Token buckets by key (one per provider), shared by every worker of the pool: a stage that calls
 * out awaits `acquire(key)` before each request. FIFO per key, so a burst cannot starve a caller.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly queues = new Map<string, Array<{ tokens: number; resolve: () => void }>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly counters = new Map<string, { granted: number; waited: number }>();

  constructor(
    private readonly defaults: RateLimitOptions,
    private readonly clock: Clock = Date.now,
  ) {}

  /** Sets the limits of one key (a provider's requests per minute, say). */
  configure(key: string, limits: RateLimitOptions): void {
    this.buckets.set(key, new TokenBucket({ ...limits, clock: this.clock }));
  }

  /** Resolves when `tokens` may be spent on `key`. */
  acquire(key: string, tokens = 1): Promise<void> {
    const queue = this.queues.get(key) ?? [];
    this.queues.set(key, queue);
    const counter = this.counter(key);
    if (queue.length === 0 && this.bucket(key).tryTake(tokens)) {
      counter.granted++;
      return Promise.resolve();
    }
    counter.waited++;
    return new Promise((resolve) => {
      queue.push({ tokens, resolve });
      this.wake(key);
    });
  }

  stats(): Record<string, RateLimitStats> {
    const out: Record<string, RateLimitStats> = {};
    for (const [key, bucket] of this.buckets) out[key] = { ...bucket.snapshot(), ...this.counter(key) };
    return out;
  }

  /** Drops waiting callers' timers (shutdown). */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket({ ...this.defaults, clock: this.clock });
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private counter(key: string): { granted: number; waited: number } {
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { granted: 0, waited: 0 };
      this.counters.set(key, counter);
    }
    return counter;
  }

  /** Serves the head of the queue when its tokens are there, and sleeps exactly until then. */
  private wake(key: string): void {
    if (this.timers.has(key)) return;
    const queue = this.queues.get(key) ?? [];
    const bucket = this.bucket(key);
    while (queue.length > 0 && bucket.tryTake(queue[0]!.tokens)) {
      this.counter(key).granted++;
      queue.shift()!.resolve();
    }
    if (queue.length === 0) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.wake(key);
    }, bucket.msUntil(queue[0]!.tokens));
    this.timers.set(key, timer);
  }
}
