/** Priority in words; `high` runs first. FIFO (by `seq`) within one priority. */
export type Priority = 'high' | 'normal' | 'low';

/** Priorities in the order they run. */
export const PRIORITIES: readonly Priority[] = ['high', 'normal', 'low'];

/**
 * How a failure is treated:
 * - transient: worth retrying (network, a crashed worker, an unknown error);
 * - permanent: retrying cannot help (an unreadable file);
 * - timeout: the job ran past its limit and its worker was stopped; retried like transient;
 * - cancelled: someone asked the job to stop;
 * - breaker-open: the stage was skipped because its circuit breaker is open.
 */
export type ErrorClass = 'transient' | 'permanent' | 'timeout' | 'cancelled' | 'breaker-open';

/** A failure as data: errors are turned into this before they cross a worker boundary. */
export interface JobError {
  class: ErrorClass;
  /** A human message, fit for the UI. Never a stack trace. */
  message: string;
  stage?: string;
}

export type StageStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

/** Where one stage of a job stands. */
export interface StageState {
  status: StageStatus;
  /** 0..1 */
  progress: number;
  /** Why it failed or was skipped, in plain words. */
  message?: string;
  /** While it runs: what its progress counts, in words ("2:05 of 10:00 of demo.mp4"). */
  detail?: string;
  /** Wall time of the last run of this stage, in milliseconds. */
  ms?: number;
}

/**
 * Who runs an attempt. There is no expiry: the Web Lock of the leader tab says who leads, and a new
 * leader recovers every running job of another owner. `runId` is the attempt's identity: a settle or
 * a result from any other run of the job is refused, and a result names the run that wrote it.
 */
export interface Lease {
  owner: string;
  runId: string;
}

/**
 * What a job does:
 * - `enrich`: runs the stages of `stageOrder` over the session (a resumed run also reads the job's
 *   own earlier result, for the stages it did before);
 * - `reapply-privacy`: runs only the stages that apply the privacy context (redaction and what is
 *   made from it), over the session's latest stored result whichever job wrote it. The stages before
 *   them are not run again: their stored outcomes are kept in the result it commits.
 */
export type JobKind = 'enrich' | 'reapply-privacy';

/** A job's kind; jobs stored before there were kinds enrich. */
export const jobKindOf = (job: { kind?: JobKind }): JobKind => job.kind ?? 'enrich';

interface JobBase {
  id: string;
  /** Absent: `enrich` (every job stored before there were kinds). */
  kind?: JobKind;
  sessionId: string;
  batchId: string;
  priority: Priority;
  /** Monotonic enqueue order; FIFO within a priority. */
  seq: number;
  /** Runs started so far, including the current one. */
  attempts: number;
  maxAttempts: number;
  /** Stage names, in the order they run. */
  stageOrder: string[];
  stages: Record<string, StageState>;
  /** Per-job limit in milliseconds; the worker is terminated when it passes. */
  timeoutMs: number;
  /** Opaque, cloneable parameters handed to every stage (test stages use it). */
  params?: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  lastError?: JobError;
  /**
   * Runs lost to a crash of the page or the browser (not to a closed tab). They do not use up
   * attempts; past a limit the job is set aside, as it may be what crashes the page.
   */
  crashes?: number;
}

export type QueuedJob = JobBase & { state: 'queued' };
export type RunningJob = JobBase & { state: 'running'; startedAt: number; lease: Lease };
export type WaitingRetryJob = JobBase & { state: 'waiting-retry'; nextRunAt: number };
export type SucceededJob = JobBase & { state: 'succeeded'; startedAt: number; finishedAt: number };
export type PartialJob = JobBase & { state: 'partial'; startedAt: number; finishedAt: number };
export type FailedJob = JobBase & { state: 'failed'; finishedAt: number };
export type CancelledJob = JobBase & { state: 'cancelled'; finishedAt: number };
export type TimedOutJob = JobBase & { state: 'timed-out'; finishedAt: number };

/** A job, by state. `switch (job.state)` narrows to what each state knows. */
export type Job =
  | QueuedJob
  | RunningJob
  | WaitingRetryJob
  | SucceededJob
  | PartialJob
  | FailedJob
  | CancelledJob
  | TimedOutJob;

export type JobState = Job['state'];

/** A job in one of the TERMINAL_STATES. */
export type FinishedJob = SucceededJob | PartialJob | FailedJob | CancelledJob | TimedOutJob;

export const TERMINAL_STATES = ['succeeded', 'partial', 'failed', 'cancelled', 'timed-out'] as const;
export type TerminalState = (typeof TERMINAL_STATES)[number];

export function isTerminal(state: JobState): state is TerminalState {
  return (TERMINAL_STATES as readonly string[]).includes(state);
}

export const isFinished = (job: Job): job is FinishedJob => isTerminal(job.state);
