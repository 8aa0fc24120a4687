import type { StageOutcome } from '../shared/protocol.ts';
import { CircuitBreaker } from './circuitBreaker.ts';
import { StageTimings } from './eta.ts';

const BREAKER_MESSAGE = 'Skipped: this step failed for several sessions in a row, so it is paused for a moment.';

/** What one attempt may run: its stages, and those its breaker skips with a message. */
export interface StagePlan {
  stages: string[];
  skip: Record<string, string>;
}

/**
 * The health of each stage across jobs: its circuit breaker and its observed times. An attempt asks
 * for a plan before it runs (which stages a breaker skips, which take the half-open probe) and reports
 * its outcomes, or that it gave none, when its worker answers.
 */
export class StageHealth {
  readonly breaker: CircuitBreaker;
  readonly timings = new StageTimings();
  /** The half-open probes each running job holds, by job id. */
  private readonly probes = new Map<string, string[]>();

  constructor(options: { threshold: number; cooldownMs: number; clock: () => number }) {
    this.breaker = new CircuitBreaker(options);
  }

  /** The stages of `stageOrder` not done yet, and which of them a breaker skips. */
  plan(jobId: string, stageOrder: readonly string[], isDone: (stage: string) => boolean): StagePlan {
    const skip: Record<string, string> = {};
    const stages = stageOrder.filter((stage) => !isDone(stage));
    const probing: string[] = [];
    for (const stage of stages) {
      const halfOpen = this.breaker.state(stage).status === 'half-open';
      if (!this.breaker.canRun(stage)) skip[stage] = BREAKER_MESSAGE;
      else if (halfOpen) probing.push(stage);
    }
    this.probes.set(jobId, probing);
    return { stages, skip };
  }

  /** The attempt answered: breakers and timings learn from each stage's outcome. */
  record(jobId: string, outcomes: Record<string, StageOutcome>): void {
    this.probes.delete(jobId);
    for (const [stage, outcome] of Object.entries(outcomes)) {
      if (outcome.status === 'done') {
        this.timings.record(stage, outcome.ms);
        this.breaker.recordSuccess(stage);
      } else if (outcome.status === 'failed' && (outcome.error.class === 'transient' || outcome.error.class === 'timeout')) {
        // A permanent failure is the input's fault (an unreadable file), not the stage's health.
        this.breaker.recordFailure(stage);
      } else if (outcome.status === 'failed') {
        this.breaker.releaseProbe(stage);
      }
    }
  }

  /** The attempt gave no verdict on its stages (a crash, a timeout, a cancel): free its probes. */
  noVerdict(jobId: string): void {
    for (const stage of this.probes.get(jobId) ?? []) this.breaker.releaseProbe(stage);
    this.probes.delete(jobId);
  }
}
