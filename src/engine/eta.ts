import { expectNumber } from './options.ts';

/** Recent wall times of each stage, a bounded window per stage. */
export class StageTimings {
  readonly window: number;
  readonly #samples = new Map<string, number[]>();
  /** Each stage's mean since its last sample: the view asks for the ETA every frame of a batch. */
  readonly #means = new Map<string, number>();

  /**
   * @param window Samples kept per stage; older ones are dropped.
   * @default 200
   */
  constructor(window = 200) {
    this.window = expectNumber('window', window, { min: 1, integer: true });
  }

  /** Adds one run of `stage` that took `ms`. Non-finite or negative times are ignored. */
  record(stage: string, ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    let samples = this.#samples.get(stage);
    if (samples === undefined) {
      samples = [];
      this.#samples.set(stage, samples);
    }
    samples.push(ms);
    // Windows are small (hundreds), so shifting is cheaper than keeping a ring buffer's indexes right.
    if (samples.length > this.window) samples.shift();
    this.#means.delete(stage);
  }

  /** Mean of the window, or null with no samples. */
  mean(stage: string): number | null {
    const known = this.#means.get(stage);
    if (known !== undefined) return known;
    const samples = this.#samples.get(stage);
    if (samples === undefined || samples.length === 0) return null;
    const mean = samples.reduce((sum, ms) => sum + ms, 0) / samples.length;
    this.#means.set(stage, mean);
    return mean;
  }

  /** Median of the window, or null with no samples. */
  median(stage: string): number | null {
    const samples = this.#samples.get(stage);
    if (samples === undefined || samples.length === 0) return null;
    const sorted = [...samples].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  }

  /** Stages with at least one sample, in the order they were first recorded. */
  stages(): string[] {
    return [...this.#samples.keys()];
  }

  /** Whether any stage has a sample. */
  hasData(): boolean {
    return this.#samples.size > 0;
  }
}

/** One job that is not finished, as the estimate sees it. */
export interface RemainingJob {
  /** Stages still to run (not done), including one that is running now. */
  stagesLeft: readonly string[];
  /** For a running job: milliseconds already spent on `stagesLeft` in this attempt. */
  runningFor?: number;
  /** Jobs it stands for, all alike (waiting jobs with the same stages left). @default 1 */
  count?: number;
}

export interface EstimateInput {
  remainingJobs: readonly RemainingJob[];
  timings: StageTimings;
  /** Jobs that run at the same time. */
  concurrency: number;
  /** Expected time of a stage with no samples yet, in milliseconds. */
  fallbackStageMs: number;
}

/**
 * Milliseconds until the remaining jobs are done: the expected work left (mean stage times;
 * a running job counts only what it has not done yet) shared among the workers, but never less
 * than the longest single job, which one worker must run alone.
 *
 * Returns 0 when nothing is left, and null when no stage has been timed yet.
 */
export function estimateRemainingMs({
  remainingJobs,
  timings,
  concurrency,
  fallbackStageMs,
}: EstimateInput): number | null {
  expectNumber('concurrency', concurrency, { min: 1 });
  const jobs = remainingJobs.reduce((sum, job) => sum + (job.count ?? 1), 0);
  if (jobs === 0) return 0;
  if (!timings.hasData()) return null;
  let total = 0;
  let longest = 0;
  // Each stage's expected time once: a big queue has thousands of jobs over a dozen stages.
  const expectedOf = new Map<string, number>();
  const stageMs = (stage: string): number => {
    let ms = expectedOf.get(stage);
    if (ms === undefined) expectedOf.set(stage, (ms = timings.mean(stage) ?? fallbackStageMs));
    return ms;
  };
  for (const job of remainingJobs) {
    let expected = 0;
    for (const stage of job.stagesLeft) expected += stageMs(stage);
    const left = Math.max(0, expected - (job.runningFor ?? 0));
    total += left * (job.count ?? 1);
    longest = Math.max(longest, left);
  }
  const workers = Math.min(concurrency, jobs);
  return Math.round(Math.max(total / workers, longest));
}

/** A stage never timed is expected to take the mean of the timed stages' means (0 before any). */
export function fallbackStageMs(timings: StageTimings): number {
  const means = timings.stages().flatMap((stage) => timings.mean(stage) ?? []);
  return means.length === 0 ? 0 : means.reduce((a, b) => a + b, 0) / means.length;
}
