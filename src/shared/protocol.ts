import type { JobError, JobKind } from './job.ts';
import type { ProviderHost } from './provider.ts';

/** What the scheduler asks a worker to do for one job attempt. Inputs travel by id. */
export interface RunRequest {
  jobId: string;
  sessionId: string;
  /** 1 for the first run of the job, 2 for its first retry, and so on. */
  attempt: number;
  /** The IndexedDB database the worker reads the session and its media from. */
  dbName: string;
  stages: string[];
  /** Stages to skip (their circuit breaker is open), with the reason. */
  skip: Record<string, string>;
  /**
   * No stage of this job was done before: there is no earlier result to read, so the worker reads
   * only the session. Absent: the worker reads the job's earlier result too.
   */
  fresh?: boolean;
  /**
   * `reapply-privacy`: the worker reads the session's latest stored result whichever job wrote it,
   * and runs `stages` over its done outcomes. Absent: `enrich`.
   */
  kind?: JobKind;
  params?: Record<string, unknown>;
  /**
   * This attempt's share of the pool slots left idle when it was dispatched (shared out among the
   * jobs on workers, oldest first): a stage may use that many more cores (OCR starts a second text
   * reader). Absent or 0: other jobs share the machine, so a stage uses one core.
   * `EnrichWorkerApi.lend` changes it while the attempt runs.
   */
  idleSlots?: number;
}

/** The outcome of one stage. A failing stage never stops the others. */
export type StageOutcome =
  /** `warning`: done, but with less than asked for (the on-device summary stood in for the provider's). */
  | { status: 'done'; result: unknown; ms: number; warning?: string }
  | { status: 'failed'; error: JobError; ms: number }
  | { status: 'skipped'; message: string };

export interface RunResponse {
  outcomes: Record<string, StageOutcome>;
}

/** Progress of one stage of one job, 0..1, reported as the worker goes. */
/** `detail` says in words what the fraction counts, where that helps ("2:05 of 10:00 of demo.mp4"). */
export type ProgressSink = (jobId: string, stage: string, fraction: number, detail?: string) => void;

/** A span of time one worker spent on one job, in epoch milliseconds (for concurrency proofs). */
export interface RunSpan {
  jobId: string;
  start: number;
  end: number;
}

/** What the main thread offers every pool worker, over one channel per worker. */
export interface WorkerHost extends ProviderHost {
  progress: ProgressSink;
  /** Resolves when `tokens` may be spent on `key` (the engine's shared rate limiter). */
  acquire(key: string, tokens: number): Promise<void>;
}

/** The API a pool worker exposes through Comlink. */
export interface EnrichWorkerApi {
  /** Connects the worker to its host, once per worker (one channel, not one per job). */
  connect(host: WorkerHost): void;
  /**
   * Runs one job attempt. A worker may be handed several at once (a batch of short jobs): it runs
   * them one at a time, in the order they came, and answers each as it ends.
   */
  run(request: RunRequest): Promise<RunResponse>;
  /**
   * Takes a job that has not started yet out of the worker's batch (its `run` rejects with an
   * `AbortError`): true if it was waiting, false if it has started or is unknown.
   */
  drop(jobId: string): boolean;
  /**
   * The pool slots job `jobId` may use beside its own changed (`RunRequest.idleSlots`): another job
   * took one, or one fell idle. True if the job is running or waiting here, false if unknown.
   */
  lend(jobId: string, idleSlots: number): boolean;
  /** Spans of the jobs this worker ran, oldest first. */
  spans(): RunSpan[];
}

/** The host of a pool without a provider: the provider is off. */
export const PROVIDER_OFF: ProviderHost = {
  providerEndpoint: async () => null,
  providerAdmit: async () => ({ kind: 'skip', message: 'No AI provider is set up.' }),
  providerReport: async () => ({ kind: 'stop', message: 'No AI provider is set up.' }),
};

/** Posted by a worker that is about to close itself, so the pool can replace it at once. */
export const WORKER_CLOSING = 'session-enricher:worker-closing';
