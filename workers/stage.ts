import type { JobKind } from '../src/shared/job.ts';
import type { SessionRecord } from '../src/shared/session.ts';
import type { PrivacyContext } from '../src/shared/privacy.ts';
import type { ProviderHost } from '../src/shared/provider.ts';
import type { SpeechSettings } from '../src/shared/speechModel.ts';
import type { SpareSlots } from './spareSlots.ts';

/** What a stage gets to do its work. Inputs are read by id; nothing big comes from the main thread. */
export interface StageContext {
  session: SessionRecord;
  /** Reads one stored file of the session from IndexedDB. */
  readMedia(id: string): Promise<Blob>;
  /**
   * Reports this stage's progress, 0..1, and optionally what it counts in words ("2:05 of 10:00 of
   * demo.mp4"). Cheap to call often: it is coalesced.
   */
  progress(fraction: number, detail?: string): void;
  /** Waits until the engine's rate limiter lets `tokens` be spent on `key` (a provider's requests). */
  rateLimit(key: string, tokens?: number): Promise<void>;
  /** The optional AI provider, through the main thread's shared breaker, limiter and backoff. */
  provider?: ProviderHost;
  /** Aborted when the job is cancelled; long stages check it between steps. */
  signal: AbortSignal;
  /** 1 for the first run of the job, 2 for its first retry, and so on. */
  attempt: number;
  /**
   * `reapply-privacy`: only the stages from `redact` on run again, over the session's stored result
   * (in `results`), because the privacy context changed. Such a run asks no remote provider: a stage
   * keeps the provider's stored answer. Absent (stage tests): `enrich`.
   */
  kind?: JobKind;
  /** The job's parameters (test stages read their behaviour from here). */
  params: Record<string, unknown>;
  /**
   * The stages this run goes on to after this one (asked for and not skipped): a stage does work
   * ahead for a later stage only when that stage will run. Absent (stage tests): all of them.
   */
  laterStages?: readonly string[];
  /** Pool slots this stage may use beside its own, kept current as other jobs start and end. Absent: none. */
  spareSlots?: SpareSlots;
  /**
   * The stage did its work, but less than it was asked to (a fallback): the job ends "partly done"
   * with this plain message on the stage, and is not retried for it.
   */
  warn(message: string): void;
  /**
   * The library's redaction setting and the session's findings marked "Not sensitive", read when
   * the job starts. Absent (stage tests): redact what leaves the app, nothing dismissed.
   */
  privacy?: PrivacyContext;
  /** The library's speech setting (the language a speech model is told), read when the job starts. Absent: the defaults. */
  speech?: SpeechSettings;
  /** Results of the stages that already ran in this attempt, by stage name. */
  results: Record<string, unknown>;
}

/** A stage: one job of enrichment. Returns plain, cloneable data. */
export type StageFn = (ctx: StageContext) => Promise<unknown>;

/**
 * A failure a stage knows how to classify. Anything else a stage throws counts as transient.
 * `message` is shown to people: plain words, no stack trace.
 */
export class StageFailure extends Error {
  readonly errorClass: 'transient' | 'permanent';
  constructor(errorClass: 'transient' | 'permanent', message: string) {
    super(message);
    this.name = 'StageFailure';
    this.errorClass = errorClass;
  }
}
