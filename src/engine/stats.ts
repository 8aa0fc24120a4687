import { isTerminal } from '../shared/job.ts';
import type { Job, JobState } from '../shared/job.ts';
import { estimateRemainingMs, fallbackStageMs } from './eta.ts';
import { stagesLeftOf } from './remainingWork.ts';
import type { RemainingJob, StageTimings } from './eta.ts';

/** How one worker slot has fared since the engine started. */
export interface WorkerHealth {
  /** Times its worker was replaced (after a crash, a timeout or a cancellation). */
  restarts: number;
  jobsRun: number;
  errors: number;
}

/** A plain summary of the engine, for the UI. */
export interface EngineStats {
  counts: Record<JobState, number>;
  total: number;
  /** Jobs in a terminal state. */
  done: number;
  /** Jobs that finished in the last window (cancelled ones aside), per minute. */
  throughputPerMin: number;
  stageMs: Record<string, { mean: number; median: number }>;
  /** Share of terminal jobs that failed, timed out or finished partly, 0..1. */
  errorRate: number;
  workers: WorkerHealth[];
  /** Milliseconds until the queue is empty; null until a stage has been timed. */
  etaMs: number | null;
}

export interface EtaSettings {
  /**
   * Jobs that run at the same time.
   * @default the number of workers (at least 1)
   */
  concurrency?: number;
  /**
   * Expected time of a stage with no samples yet, in milliseconds.
   * @default the mean of the timed stages' means
   */
  fallbackStageMs?: number;
  /**
   * The unfinished jobs as the estimate reads them, when the caller keeps them (RemainingWork).
   * @default read off `jobs`
   */
  remainingJobs?: readonly RemainingJob[];
}

/** Counts, rates and an ETA over all jobs known to the engine. */
export function computeStats(
  jobs: Iterable<Job>,
  timings: StageTimings,
  workerHealth: readonly WorkerHealth[],
  now: number,
  windowMs: number,
  eta: EtaSettings = {},
): EngineStats {
  const counts = zeroCounts();
  const remaining: RemainingJob[] = [];
  let total = 0;
  let finishedInWindow = 0;
  for (const job of jobs) {
    total += 1;
    counts[job.state] += 1;
    if (isTerminal(job.state)) {
      if (job.state !== 'cancelled' && 'finishedAt' in job && now - job.finishedAt <= windowMs) finishedInWindow += 1;
    } else if (!eta.remainingJobs) {
      const stagesLeft = stagesLeftOf(job);
      remaining.push(job.state === 'running' ? { stagesLeft, runningFor: Math.max(0, now - job.startedAt) } : { stagesLeft });
    }
  }

  const stageMs: EngineStats['stageMs'] = {};
  for (const stage of timings.stages()) {
    const mean = timings.mean(stage);
    const median = timings.median(stage);
    if (mean !== null && median !== null) stageMs[stage] = { mean, median };
  }

  const done = counts.succeeded + counts.partial + counts.failed + counts.cancelled + counts['timed-out'];
  const errors = counts.failed + counts['timed-out'] + counts.partial;
  return {
    counts,
    total,
    done,
    throughputPerMin: windowMs > 0 ? (finishedInWindow * 60_000) / windowMs : 0,
    stageMs,
    errorRate: done === 0 ? 0 : errors / done,
    workers: workerHealth.map((health) => ({ ...health })),
    etaMs: estimateRemainingMs({
      remainingJobs: eta.remainingJobs ?? remaining,
      timings,
      concurrency: eta.concurrency ?? Math.max(1, workerHealth.length),
      fallbackStageMs: eta.fallbackStageMs ?? fallbackStageMs(timings),
    }),
  };
}

/** A count of 0 for every job state. */
export function zeroCounts(): Record<JobState, number> {
  return { queued: 0, running: 0, 'waiting-retry': 0, succeeded: 0, partial: 0, failed: 0, cancelled: 0, 'timed-out': 0 };
}
