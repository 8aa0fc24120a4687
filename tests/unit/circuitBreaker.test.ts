import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/engine/circuitBreaker.ts';

function setup(threshold = 3, cooldownMs = 1000) {
  const time = { now: 10_000 };
  const breaker = new CircuitBreaker({ threshold, cooldownMs, clock: () => time.now });
  return { time, breaker };
}

function fail(breaker: CircuitBreaker, stage: string, times: number): void {
  for (let i = 0; i < times; i++) breaker.recordFailure(stage);
}

describe('CircuitBreaker', () => {
  it('starts closed for any stage', () => {
    const { breaker } = setup();
    expect(breaker.state('ocr')).toEqual({ status: 'closed', failures: 0 });
    expect(breaker.canRun('ocr')).toBe(true);
  });

  it('opens after threshold consecutive failures', () => {
    const { breaker } = setup(3, 1000);
    fail(breaker, 'ocr', 2);
    expect(breaker.state('ocr')).toEqual({ status: 'closed', failures: 2 });
    expect(breaker.canRun('ocr')).toBe(true);
    breaker.recordFailure('ocr');
    expect(breaker.state('ocr')).toEqual({ status: 'open', failures: 3, openedAt: 10_000, retryAt: 11_000 });
    expect(breaker.canRun('ocr')).toBe(false);
  });

  it('keeps stages apart', () => {
    const { breaker } = setup(2);
    fail(breaker, 'ocr', 2);
    expect(breaker.canRun('ocr')).toBe(false);
    expect(breaker.canRun('audio')).toBe(true);
  });

  it('resets the count on a success, so only consecutive failures open it', () => {
    const { breaker } = setup(3);
    fail(breaker, 'ocr', 2);
    breaker.recordSuccess('ocr');
    expect(breaker.state('ocr')).toEqual({ status: 'closed', failures: 0 });
    fail(breaker, 'ocr', 2);
    expect(breaker.canRun('ocr')).toBe(true);
  });

  it('stays open until the cooldown passes on the injected clock', () => {
    const { time, breaker } = setup(1, 1000);
    breaker.recordFailure('ocr');
    time.now += 999;
    expect(breaker.canRun('ocr')).toBe(false);
    time.now += 1;
    expect(breaker.state('ocr')).toEqual({ status: 'half-open', failures: 1, probing: false });
  });

  it('lets exactly one probe through when half-open', () => {
    const { time, breaker } = setup(1, 1000);
    breaker.recordFailure('ocr');
    time.now += 1000;
    expect(breaker.canRun('ocr')).toBe(true);
    expect(breaker.state('ocr')).toEqual({ status: 'half-open', failures: 1, probing: true });
    expect(breaker.canRun('ocr')).toBe(false);
    time.now += 60_000;
    expect(breaker.canRun('ocr')).toBe(false);
  });

  it('closes when the probe succeeds', () => {
    const { time, breaker } = setup(1, 1000);
    breaker.recordFailure('ocr');
    time.now += 1000;
    breaker.canRun('ocr');
    breaker.recordSuccess('ocr');
    expect(breaker.state('ocr')).toEqual({ status: 'closed', failures: 0 });
    expect(breaker.canRun('ocr')).toBe(true);
    expect(breaker.canRun('ocr')).toBe(true);
  });

  it('re-opens for another cooldown when the probe fails', () => {
    const { time, breaker } = setup(2, 1000);
    fail(breaker, 'ocr', 2);
    time.now += 1500;
    expect(breaker.canRun('ocr')).toBe(true);
    breaker.recordFailure('ocr');
    expect(breaker.state('ocr')).toEqual({ status: 'open', failures: 3, openedAt: 11_500, retryAt: 12_500 });
    time.now += 999;
    expect(breaker.canRun('ocr')).toBe(false);
    time.now += 1;
    expect(breaker.canRun('ocr')).toBe(true);
  });

  it('lets another probe through after .releaseProbe()', () => {
    const { time, breaker } = setup(1, 1000);
    breaker.recordFailure('ocr');
    time.now += 1000;
    expect(breaker.canRun('ocr')).toBe(true);
    breaker.releaseProbe('ocr');
    expect(breaker.canRun('ocr')).toBe(true);
    expect(breaker.canRun('ocr')).toBe(false);
  });

  it('ignores stragglers while open: a success does not close it, a failure does not extend it', () => {
    const { time, breaker } = setup(1, 1000);
    breaker.recordFailure('ocr');
    time.now += 500;
    breaker.recordSuccess('ocr');
    breaker.recordFailure('ocr');
    expect(breaker.state('ocr')).toMatchObject({ status: 'open', failures: 2, retryAt: 11_000 });
  });

  it('.snapshot() - plain data that survives structuredClone and .restore()', () => {
    const { time, breaker } = setup(2, 1000);
    fail(breaker, 'ocr', 2);
    breaker.recordFailure('audio');
    fail(breaker, 'chapters', 2);
    time.now += 1000;
    breaker.canRun('chapters');
    const snapshot = structuredClone(breaker.snapshot());
    expect(snapshot).toEqual({
      threshold: 2,
      cooldownMs: 1000,
      stages: {
        ocr: { status: 'half-open', failures: 2, probing: false },
        audio: { status: 'closed', failures: 1 },
        chapters: { status: 'half-open', failures: 2, probing: true },
      },
    });

    const restored = new CircuitBreaker({ threshold: 2, cooldownMs: 1000, clock: () => time.now });
    restored.restore(snapshot);
    // The probe in flight died with the old page: a new one may run.
    expect(restored.state('chapters')).toEqual({ status: 'half-open', failures: 2, probing: false });
    expect(restored.canRun('chapters')).toBe(true);
    restored.recordFailure('audio');
    expect(restored.state('audio').status).toBe('open');
  });

  it('.restore() - an open breaker stays open until its retryAt', () => {
    const { time, breaker } = setup(1, 1000);
    breaker.restore({ stages: { ocr: { status: 'open', failures: 5, openedAt: 9000, retryAt: 10_500 } } });
    expect(breaker.canRun('ocr')).toBe(false);
    time.now = 10_500;
    expect(breaker.canRun('ocr')).toBe(true);
  });

  it('rejects a bad threshold or cooldown', () => {
    expect(() => new CircuitBreaker({ threshold: 0, clock: () => 0 })).toThrow(
      new TypeError('Expected `threshold` to be an integer from 1 and up, got `0` (number)'),
    );
    expect(() => new CircuitBreaker({ cooldownMs: -1, clock: () => 0 })).toThrow(TypeError);
  });
});
