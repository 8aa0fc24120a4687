/** Milliseconds since the epoch, injected so that tests control time. */
export type Clock = () => number;

/** How long a job may run: a base allowance plus time per megabyte of input, capped. */
export interface TimeoutOptions {
  /**
   * Allowance for every job, whatever its size, in milliseconds.
   * @default 30000
   */
  readonly baseMs: number;
  /**
   * Extra allowance per megabyte (2^20 bytes) of input, in milliseconds.
   * @default 2000
   */
  readonly perMegabyteMs: number;
  /**
   * Extra allowance per screenshot (OCR reads each one), in milliseconds.
   * @default 15000
   */
  readonly perScreenshotMs: number;
  /**
   * The most any job may get, in milliseconds. At least `baseMs`.
   * @default 600000 (10 minutes)
   */
  readonly maxMs: number;
}

/** A token bucket on job starts: bursts up to `capacity`, then `refillPerSecond` on average. */
export interface RateLimitOptions {
  /**
   * Starts allowed in one burst.
   * @default 16
   */
  readonly capacity: number;
  /**
   * Starts regained per second.
   * @default 8
   */
  readonly refillPerSecond: number;
}

/** Everything the engine can be tuned by. Resolve partial input with `resolveOptions()`. */
export interface EngineOptions {
  /**
   * Workers running jobs at the same time, from 1 to 16.
   * @default Math.min(navigator.hardwareConcurrency, 8) (4 when unknown)
   */
  readonly concurrency: number;
  /**
   * Runs a job may start, including the first, from 1 to 100.
   * @default 3
   */
  readonly maxAttempts: number;
  /**
   * First retry delay ceiling; doubles with every attempt (full jitter), in milliseconds.
   * @default 1000
   */
  readonly backoffBaseMs: number;
  /**
   * Largest retry delay ceiling, in milliseconds. At least `backoffBaseMs`.
   * @default 30000
   */
  readonly backoffCapMs: number;
  /** Per-job time limit; see `timeoutFor()`. */
  readonly timeoutMs: TimeoutOptions;
  /**
   * How often the progress of running jobs is saved, in milliseconds. State changes are saved at
   * once; progress is only what a reopened tab shows of a job that was running.
   * @default 5000
   */
  readonly progressSaveMs: number;
  /**
   * Consecutive counted failures of one stage that open its circuit breaker.
   * @default 5
   */
  readonly breakerThreshold: number;
  /**
   * How long an open breaker stays open before it lets one probe through, in milliseconds.
   * @default 30000
   */
  readonly breakerCooldownMs: number;
  /**
   * How long finished jobs are kept, in milliseconds. `Infinity` keeps them forever.
   * @default 86400000 (24 hours)
   */
  readonly retentionMs: number;
  /** Limit on how fast jobs start. */
  readonly rateLimit: RateLimitOptions;
}

/** What callers may pass: any option may be left out, nested ones field by field. */
export type EngineOptionsInput = Partial<Omit<EngineOptions, 'timeoutMs' | 'rateLimit'>> & {
  readonly timeoutMs?: Partial<TimeoutOptions>;
  readonly rateLimit?: Partial<RateLimitOptions>;
};

/**
 * Extra time for jobs with videos, beyond `maxMs`: every frame is decoded and kept frames are read,
 * so a one-hour recording needs far longer than screenshots (docs/session-format.md, bench scenario 8: about
 * one second of video per second on a loaded 2-core machine). A video's duration is only known once
 * a worker demuxes it, so the allowance grows with its bytes from a base that covers an hour of
 * static screen (which compresses to tens of megabytes).
 */
export const VIDEO_TIMEOUT = Object.freeze({ baseMs: 60 * 60_000, perMegabyteMs: 20_000, maxMs: 6 * 60 * 60_000 });

/**
 * Extra time for jobs with recordings, beyond `maxMs`: the voice model loads once per pool worker
 * (about 10 s on a loaded 2-core machine) and then takes 8–10 s per minute of audio there
 * (docs/quality.md, "Speed"). A recording's duration is only known once a worker decodes it;
 * speech at 64 kbit/s is about half a megabyte a minute, so 60 s per megabyte gives it 30 s per
 * minute, three times what it needs there; WAV (2–11 MB a minute) gets more.
 */
export const AUDIO_TIMEOUT = Object.freeze({ baseMs: 60_000, perMegabyteMs: 60_000, maxMs: 3 * 60 * 60_000 });

/**
 * The most the screenshots' allowance (`perScreenshotMs` each, beyond `maxMs`) gives a job: OCR of a
 * full-HD screen takes about 5 s on a loaded 2-core machine, so 6 hours covers some 4,000 of them.
 */
export const SCREENSHOTS_MAX_MS = 6 * 60 * 60_000;

/** Used when the hardware concurrency is unknown or unusable. */
const FALLBACK_CONCURRENCY = 4;
/** More workers than this rarely help: stages share memory bandwidth and IndexedDB. */
const DEFAULT_CONCURRENCY_CAP = 8;
const MEGABYTE = 1024 * 1024;

export const DEFAULT_OPTIONS: EngineOptions = Object.freeze({
  concurrency: FALLBACK_CONCURRENCY,
  maxAttempts: 3,
  backoffBaseMs: 1000,
  backoffCapMs: 30_000,
  timeoutMs: Object.freeze({ baseMs: 30_000, perMegabyteMs: 2000, perScreenshotMs: 15_000, maxMs: 10 * 60_000 }),
  progressSaveMs: 5000,
  breakerThreshold: 5,
  breakerCooldownMs: 30_000,
  retentionMs: 24 * 60 * 60_000,
  rateLimit: Object.freeze({ capacity: 16, refillPerSecond: 8 }),
});

/** `min(hardwareConcurrency, 8)`, or 4 when it is not a positive number. */
export function defaultConcurrency(hardwareConcurrency?: number): number {
  if (typeof hardwareConcurrency !== 'number' || !(hardwareConcurrency >= 1)) {
    return FALLBACK_CONCURRENCY;
  }
  return Math.min(Math.floor(hardwareConcurrency), DEFAULT_CONCURRENCY_CAP);
}

interface Range {
  min: number;
  /** `min` itself is not allowed. */
  exclusiveMin?: boolean;
  max?: number;
  integer?: boolean;
  /** Accept `Infinity` as "no limit". */
  infinite?: boolean;
}

/**
 * Throws a TypeError shaped like
 * ``Expected `concurrency` to be an integer from 1 to 16, got `0` (number)``
 * unless `value` is a number in range.
 */
export function expectNumber(name: string, value: unknown, range: Range): number {
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (Number.isFinite(value) || (range.infinite === true && value === Infinity)) &&
    (range.exclusiveMin === true ? value > range.min : value >= range.min) &&
    (range.max === undefined || value <= range.max) &&
    (range.integer !== true || Number.isInteger(value));
  if (!ok) {
    const kind = range.integer === true ? 'an integer' : 'a number';
    const bounds =
      range.exclusiveMin === true
        ? `greater than ${range.min}${range.max === undefined ? '' : ` and at most ${range.max}`}`
        : `from ${range.min} ${range.max === undefined ? 'and up' : `to ${range.max}`}`;
    throw new TypeError(`Expected \`${name}\` to be ${kind} ${bounds}, got \`${String(value)}\` (${typeof value})`);
  }
  return value as number;
}

/**
 * Fills in defaults and validates. Throws a TypeError naming the first bad option.
 * @param hardwareConcurrency `navigator.hardwareConcurrency`, for the default concurrency.
 */
export function resolveOptions(
  partial: EngineOptionsInput = {},
  hardwareConcurrency?: number,
): EngineOptions {
  const d = DEFAULT_OPTIONS;
  const timeout = partial.timeoutMs ?? {};
  const rate = partial.rateLimit ?? {};
  const backoffBaseMs = expectNumber('backoffBaseMs', partial.backoffBaseMs ?? d.backoffBaseMs, { min: 0 });
  const baseMs = expectNumber('timeoutMs.baseMs', timeout.baseMs ?? d.timeoutMs.baseMs, { min: 1 });
  return {
    concurrency: expectNumber('concurrency', partial.concurrency ?? defaultConcurrency(hardwareConcurrency), {
      min: 1,
      max: 16,
      integer: true,
    }),
    maxAttempts: expectNumber('maxAttempts', partial.maxAttempts ?? d.maxAttempts, {
      min: 1,
      max: 100,
      integer: true,
    }),
    backoffBaseMs,
    backoffCapMs: expectNumber('backoffCapMs', partial.backoffCapMs ?? d.backoffCapMs, {
      min: backoffBaseMs,
    }),
    timeoutMs: {
      baseMs,
      perMegabyteMs: expectNumber('timeoutMs.perMegabyteMs', timeout.perMegabyteMs ?? d.timeoutMs.perMegabyteMs, {
        min: 0,
      }),
      perScreenshotMs: expectNumber('timeoutMs.perScreenshotMs', timeout.perScreenshotMs ?? d.timeoutMs.perScreenshotMs, {
        min: 0,
      }),
      maxMs: expectNumber('timeoutMs.maxMs', timeout.maxMs ?? d.timeoutMs.maxMs, { min: baseMs }),
    },
    progressSaveMs: expectNumber('progressSaveMs', partial.progressSaveMs ?? d.progressSaveMs, { min: 1 }),
    breakerThreshold: expectNumber('breakerThreshold', partial.breakerThreshold ?? d.breakerThreshold, {
      min: 1,
      integer: true,
    }),
    breakerCooldownMs: expectNumber('breakerCooldownMs', partial.breakerCooldownMs ?? d.breakerCooldownMs, {
      min: 0,
    }),
    retentionMs: expectNumber('retentionMs', partial.retentionMs ?? d.retentionMs, { min: 0, infinite: true }),
    rateLimit: {
      capacity: expectNumber('rateLimit.capacity', rate.capacity ?? d.rateLimit.capacity, { min: 1 }),
      refillPerSecond: expectNumber('rateLimit.refillPerSecond', rate.refillPerSecond ?? d.rateLimit.refillPerSecond, {
        min: 0,
        exclusiveMin: true,
      }),
    },
  };
}

/**
 * The time limit for a job with this much input: `min(maxMs, baseMs + perMegabyteMs × megabytes)`,
 * rounded up to a whole millisecond, plus `perScreenshotMs × screenshots` up to SCREENSHOTS_MAX_MS.
 * With videos (`videoBytes` > 0) the job also gets VIDEO_TIMEOUT's allowance, up to its own cap,
 * so a one-hour recording is not killed by `maxMs`; with recordings (`audioBytes` > 0, also counted
 * in `totalInputBytes`) AUDIO_TIMEOUT's, for the voice model.
 */
export function timeoutFor(
  totalInputBytes: number,
  options: Pick<EngineOptions, 'timeoutMs'>,
  screenshots = 0,
  videoBytes = 0,
  audioBytes = 0,
): number {
  expectNumber('totalInputBytes', totalInputBytes, { min: 0 });
  expectNumber('videoBytes', videoBytes, { min: 0 });
  expectNumber('audioBytes', audioBytes, { min: 0 });
  const { baseMs, perMegabyteMs, perScreenshotMs, maxMs } = options.timeoutMs;
  const audio = audioBytes === 0 ? 0 : Math.min(AUDIO_TIMEOUT.maxMs, AUDIO_TIMEOUT.baseMs + Math.ceil((AUDIO_TIMEOUT.perMegabyteMs * audioBytes) / MEGABYTE));
  // The screenshots' allowance is on top of maxMs, as OCR reads each one: under it, a session of more
  // than 38 screenshots timed out on every attempt.
  const screens = Math.min(SCREENSHOTS_MAX_MS, perScreenshotMs * screenshots);
  const plain = Math.min(maxMs, Math.ceil(baseMs + (perMegabyteMs * totalInputBytes) / MEGABYTE)) + screens + audio;
  if (videoBytes === 0) return plain;
  const video = VIDEO_TIMEOUT.baseMs + Math.ceil((VIDEO_TIMEOUT.perMegabyteMs * videoBytes) / MEGABYTE);
  return Math.max(plain, Math.min(VIDEO_TIMEOUT.maxMs, plain + video));
}
