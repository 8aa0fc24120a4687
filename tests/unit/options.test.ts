import { describe, expect, it } from 'vitest';
import { AUDIO_TIMEOUT, DEFAULT_OPTIONS, defaultConcurrency, resolveOptions, SCREENSHOTS_MAX_MS, timeoutFor, VIDEO_TIMEOUT } from '../../src/engine/options.ts';
import type { EngineOptionsInput } from '../../src/engine/options.ts';

const MB = 1024 * 1024;

describe('resolveOptions()', () => {
  it('fills in the defaults', () => {
    expect(resolveOptions({}, 4)).toEqual({
      concurrency: 4,
      maxAttempts: 3,
      backoffBaseMs: 1000,
      backoffCapMs: 30_000,
      timeoutMs: { baseMs: 30_000, perMegabyteMs: 2000, perScreenshotMs: 15_000, maxMs: 600_000 },
      progressSaveMs: 5000,
      breakerThreshold: 5,
      breakerCooldownMs: 30_000,
      retentionMs: 86_400_000,
      rateLimit: { capacity: 16, refillPerSecond: 8 },
    });
    expect(resolveOptions()).toEqual(DEFAULT_OPTIONS);
  });

  it('defaults concurrency to the hardware concurrency, at most 8', () => {
    expect(resolveOptions({}, 2).concurrency).toBe(2);
    expect(resolveOptions({}, 32).concurrency).toBe(8);
    expect(resolveOptions({ concurrency: 12 }, 2).concurrency).toBe(12);
  });

  it('falls back to 4 workers when the hardware concurrency is unknown', () => {
    expect(defaultConcurrency(undefined)).toBe(4);
    expect(defaultConcurrency(0)).toBe(4);
    expect(defaultConcurrency(Number.NaN)).toBe(4);
    expect(defaultConcurrency(1)).toBe(1);
  });

  it('merges nested options field by field', () => {
    const options = resolveOptions({ timeoutMs: { maxMs: 60_000 }, rateLimit: { refillPerSecond: 1 } });
    expect(options.timeoutMs).toEqual({ baseMs: 30_000, perMegabyteMs: 2000, perScreenshotMs: 15_000, maxMs: 60_000 });
    expect(options.rateLimit).toEqual({ capacity: 16, refillPerSecond: 1 });
  });

  it('accepts Infinity as retention (keep forever)', () => {
    expect(resolveOptions({ retentionMs: Infinity }).retentionMs).toBe(Infinity);
  });

  it('keeps DEFAULT_OPTIONS frozen', () => {
    expect(Object.isFrozen(DEFAULT_OPTIONS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_OPTIONS.timeoutMs)).toBe(true);
  });

  const invalid: Array<[EngineOptionsInput, string]> = [
    [{ concurrency: 0 }, 'Expected `concurrency` to be an integer from 1 to 16, got `0` (number)'],
    [{ concurrency: 17 }, 'Expected `concurrency` to be an integer from 1 to 16, got `17` (number)'],
    [{ concurrency: 2.5 }, 'Expected `concurrency` to be an integer from 1 to 16, got `2.5` (number)'],
    [{ concurrency: '4' as unknown as number }, 'Expected `concurrency` to be an integer from 1 to 16, got `4` (string)'],
    [{ maxAttempts: 0 }, 'Expected `maxAttempts` to be an integer from 1 to 100, got `0` (number)'],
    [{ maxAttempts: 101 }, 'Expected `maxAttempts` to be an integer from 1 to 100, got `101` (number)'],
    [{ backoffBaseMs: -1 }, 'Expected `backoffBaseMs` to be a number from 0 and up, got `-1` (number)'],
    [{ backoffCapMs: 500 }, 'Expected `backoffCapMs` to be a number from 1000 and up, got `500` (number)'],
    [{ timeoutMs: { baseMs: 0 } }, 'Expected `timeoutMs.baseMs` to be a number from 1 and up, got `0` (number)'],
    [{ timeoutMs: { perMegabyteMs: Number.NaN } }, 'Expected `timeoutMs.perMegabyteMs` to be a number from 0 and up, got `NaN` (number)'],
    [{ timeoutMs: { maxMs: 1000 } }, 'Expected `timeoutMs.maxMs` to be a number from 30000 and up, got `1000` (number)'],
    [{ progressSaveMs: 0 }, 'Expected `progressSaveMs` to be a number from 1 and up, got `0` (number)'],
    [{ breakerThreshold: 1.5 }, 'Expected `breakerThreshold` to be an integer from 1 and up, got `1.5` (number)'],
    [{ breakerCooldownMs: Infinity }, 'Expected `breakerCooldownMs` to be a number from 0 and up, got `Infinity` (number)'],
    [{ retentionMs: -1 }, 'Expected `retentionMs` to be a number from 0 and up, got `-1` (number)'],
    [{ rateLimit: { capacity: 0 } }, 'Expected `rateLimit.capacity` to be a number from 1 and up, got `0` (number)'],
    [{ rateLimit: { refillPerSecond: 0 } }, 'Expected `rateLimit.refillPerSecond` to be a number greater than 0, got `0` (number)'],
    [{ progressSaveMs: '15000' as unknown as number }, 'Expected `progressSaveMs` to be a number from 1 and up, got `15000` (string)'],
  ];

  it.each(invalid)('throws a TypeError for %o', (partial, message) => {
    expect(() => resolveOptions(partial)).toThrow(new TypeError(message));
  });
});

describe('timeoutFor()', () => {
  const options = resolveOptions();

  it('gives the base allowance to an empty job', () => {
    expect(timeoutFor(0, options)).toBe(30_000);
  });

  it('adds the per-megabyte allowance', () => {
    expect(timeoutFor(10 * MB, options)).toBe(50_000);
    expect(timeoutFor(MB / 2, options)).toBe(31_000);
  });

  it('rounds up to a whole millisecond', () => {
    expect(timeoutFor(1, options)).toBe(30_001);
    expect(timeoutFor(0, options, 4)).toBe(90_000);
  });

  it('never goes over maxMs', () => {
    expect(timeoutFor(10_000 * MB, options)).toBe(600_000);
  });

  it('gives every screenshot its allowance beyond maxMs: a big session can finish its OCR', () => {
    // 300 full-HD screenshots (133 MB) took over 10 minutes of OCR on 2 cores: capped at maxMs, the
    // job timed out on every attempt and never finished.
    expect(timeoutFor(133 * MB, options, 300)).toBe(30_000 + 133 * 2000 + 300 * 15_000);
    expect(timeoutFor(10_000 * MB, options, 100_000)).toBe(600_000 + SCREENSHOTS_MAX_MS);
  });

  it('rejects a negative size', () => {
    expect(() => timeoutFor(-1, options)).toThrow(
      new TypeError('Expected `totalInputBytes` to be a number from 0 and up, got `-1` (number)'),
    );
  });
});

describe('timeoutFor() with recordings', () => {
  const options = { timeoutMs: { baseMs: 30_000, perMegabyteMs: 2000, perScreenshotMs: 15_000, maxMs: 600_000 } };
  it('a job with audio bytes gets the voice model\'s allowance on top, beyond maxMs, up to the audio cap', () => {
    expect(timeoutFor(5 * MB, options, 0, 0, 5 * MB)).toBe(30_000 + 5 * 2000 + AUDIO_TIMEOUT.baseMs + 5 * AUDIO_TIMEOUT.perMegabyteMs);
    // An hour of speech at 64 kbit/s (about 29 MB) gets maxMs and more than 20 s per minute on top.
    expect(timeoutFor(29 * MB, options, 0, 0, 29 * MB)).toBeGreaterThan(600_000 + 60 * 20_000);
    expect(timeoutFor(100_000 * MB, options, 0, 0, 100_000 * MB)).toBe(600_000 + AUDIO_TIMEOUT.maxMs);
    expect(() => timeoutFor(0, options, 0, 0, -1)).toThrow(TypeError);
  });
});

describe('timeoutFor() with videos', () => {
  const options = { timeoutMs: { baseMs: 30_000, perMegabyteMs: 2000, perScreenshotMs: 15_000, maxMs: 600_000 } };
  it('a job with video bytes gets more than maxMs, growing with the bytes, up to the video cap', () => {
    const small = timeoutFor(0, options, 0, 10 * MB);
    const large = timeoutFor(0, options, 0, 400 * MB);
    expect(small).toBe(30_000 + VIDEO_TIMEOUT.baseMs + 10 * VIDEO_TIMEOUT.perMegabyteMs);
    expect(large).toBeGreaterThan(options.timeoutMs.maxMs);
    expect(large).toBe(30_000 + VIDEO_TIMEOUT.baseMs + 400 * VIDEO_TIMEOUT.perMegabyteMs);
    // An hour of 1080p screen, even at a low bitrate, gets more than an hour.
    expect(timeoutFor(0, options, 0, 60 * MB)).toBeGreaterThan(60 * 60_000);
    expect(timeoutFor(0, options, 0, 100_000 * MB)).toBe(VIDEO_TIMEOUT.maxMs);
    expect(timeoutFor(10 * MB, options)).toBe(50_000);
  });
});
