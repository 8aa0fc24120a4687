import { expectNumber } from './options.ts';
import type { Clock } from './options.ts';

/**
 * Where one stage's breaker stands. `failures` counts consecutive counted failures.
 * - closed: the stage runs;
 * - open: the stage is skipped until `retryAt`;
 * - half-open: the cooldown has passed; one probe may run (`probing` once it has started).
 */
export type BreakerState =
  | { status: 'closed'; failures: number }
  | { status: 'open'; failures: number; openedAt: number; retryAt: number }
  | { status: 'half-open'; failures: number; probing: boolean };

/** Plain data for stats and persistence. */
export interface BreakerSnapshot {
  threshold: number;
  cooldownMs: number;
  stages: Record<string, BreakerState>;
}

export interface CircuitBreakerOptions {
  /**
   * Consecutive counted failures that open a stage's breaker.
   * @default 5
   */
  threshold?: number;
  /**
   * How long a breaker stays open before one probe may run, in milliseconds.
   * @default 30000
   */
  cooldownMs?: number;
  /** Time source. */
  clock: Clock;
}

const CLOSED: BreakerState = Object.freeze({ status: 'closed', failures: 0 });

/**
 * One circuit breaker per stage name. After `threshold` consecutive failures (across jobs) a
 * stage is skipped for `cooldownMs`; then exactly one probe runs: its success closes the breaker,
 * its failure opens it for another cooldown. The caller decides which failures count
 * (a permanent failure of one bad file should not open a breaker).
 */
export class CircuitBreaker {
  readonly threshold: number;
  readonly cooldownMs: number;
  readonly #clock: Clock;
  readonly #stages = new Map<string, BreakerState>();

  constructor({ threshold = 5, cooldownMs = 30_000, clock }: CircuitBreakerOptions) {
    this.threshold = expectNumber('threshold', threshold, { min: 1, integer: true });
    this.cooldownMs = expectNumber('cooldownMs', cooldownMs, { min: 0 });
    this.#clock = clock;
  }

  /** The stage's state now: an open breaker whose cooldown has passed reads as half-open. */
  state(stage: string): BreakerState {
    const state = this.#stages.get(stage) ?? CLOSED;
    if (state.status === 'open' && this.#clock() >= state.retryAt) {
      return { status: 'half-open', failures: state.failures, probing: false };
    }
    return { ...state };
  }

  /**
   * Whether the stage may run now. When half-open, returns true for exactly one caller (the probe)
   * and false for everyone else until that probe reports through `recordSuccess`,
   * `recordFailure` or `releaseProbe`.
   */
  canRun(stage: string): boolean {
    const state = this.state(stage);
    switch (state.status) {
      case 'closed':
        return true;
      case 'open':
        return false;
      case 'half-open':
        if (state.probing) return false;
        this.#stages.set(stage, { ...state, probing: true });
        return true;
    }
  }

  /** The stage worked: the breaker closes (from half-open) and its failure count resets. */
  recordSuccess(stage: string): void {
    // A straggler that started before the breaker opened proves little; the cooldown decides.
    if (this.state(stage).status === 'open') return;
    this.#stages.delete(stage);
  }

  /** A failure that counts: the breaker opens at the threshold, or again when the probe fails. */
  recordFailure(stage: string): void {
    const state = this.state(stage);
    const failures = state.failures + 1;
    switch (state.status) {
      case 'closed':
        if (failures >= this.threshold) this.#open(stage, failures);
        else this.#stages.set(stage, { status: 'closed', failures });
        return;
      case 'open':
        // Stragglers count but do not push the cooldown back, or a busy stage could never recover.
        this.#stages.set(stage, { ...state, failures });
        return;
      case 'half-open':
        this.#open(stage, failures);
        return;
    }
  }

  /** The probe ended without a verdict (cancelled, or its stage never ran): let another probe through. */
  releaseProbe(stage: string): void {
    const state = this.state(stage);
    if (state.status === 'half-open' && state.probing) this.#stages.set(stage, { ...state, probing: false });
  }

  /** Every stage that is not closed with zero failures, as plain data. */
  snapshot(): BreakerSnapshot {
    const stages = Object.fromEntries([...this.#stages.keys()].map((stage) => [stage, this.state(stage)]));
    return { threshold: this.threshold, cooldownMs: this.cooldownMs, stages };
  }

  /**
   * Loads states from a snapshot (for example after a reload), replacing the current ones.
   * A probe that was in flight is gone with its page, so half-open breakers come back without one.
   * The thresholds of this breaker apply, not the snapshot's.
   */
  restore(snapshot: Pick<BreakerSnapshot, 'stages'>): void {
    this.#stages.clear();
    for (const [stage, state] of Object.entries(snapshot.stages)) {
      const restored: BreakerState = state.status === 'half-open' ? { ...state, probing: false } : { ...state };
      this.#stages.set(stage, restored);
    }
  }

  #open(stage: string, failures: number): void {
    const now = this.#clock();
    this.#stages.set(stage, { status: 'open', failures, openedAt: now, retryAt: now + this.cooldownMs });
  }
}
