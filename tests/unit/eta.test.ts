import { describe, expect, it } from 'vitest';
import { StageTimings, estimateRemainingMs } from '../../src/engine/eta.ts';

function timingsOf(samples: Record<string, number[]>, window?: number): StageTimings {
  const timings = new StageTimings(window);
  for (const [stage, values] of Object.entries(samples)) for (const ms of values) timings.record(stage, ms);
  return timings;
}

describe('StageTimings', () => {
  it('.mean() and .median() - over the recorded times', () => {
    const timings = timingsOf({ ocr: [100, 300, 200, 1000] });
    expect(timings.mean('ocr')).toBe(400);
    expect(timings.median('ocr')).toBe(250);
    timings.record('ocr', 50);
    expect(timings.median('ocr')).toBe(200);
  });

  it('.mean() - follows each new sample, also once it was read', () => {
    const timings = timingsOf({ ocr: [100, 300] });
    expect(timings.mean('ocr')).toBe(200);
    timings.record('ocr', 500);
    expect(timings.mean('ocr')).toBe(300);
    expect(timings.mean('audio')).toBeNull();
    timings.record('audio', 40);
    expect(timings.mean('audio')).toBe(40);
  });

  it('.mean() and .median() - null for a stage never timed', () => {
    const timings = new StageTimings();
    expect(timings.mean('ocr')).toBeNull();
    expect(timings.median('ocr')).toBeNull();
    expect(timings.hasData()).toBe(false);
  });

  it('.record() - keeps only the last `window` samples per stage', () => {
    const timings = timingsOf({ ocr: [1000, 1000, 1000, 10, 20, 30] }, 3);
    expect(timings.mean('ocr')).toBe(20);
    expect(timings.median('ocr')).toBe(20);
  });

  it('.record() - keeps 200 samples by default', () => {
    const timings = timingsOf({ audio: Array.from({ length: 250 }, (_, i) => i) });
    // Samples 50..249 remain.
    expect(timings.mean('audio')).toBe(149.5);
  });

  it('.record() - ignores times that are negative or not finite', () => {
    const timings = timingsOf({ ocr: [Number.NaN, -5, Infinity, 40] });
    expect(timings.mean('ocr')).toBe(40);
  });

  it('.stages() - the stages with samples', () => {
    expect(timingsOf({ audio: [1], ocr: [2] }).stages()).toEqual(['audio', 'ocr']);
  });
});

describe('estimateRemainingMs()', () => {
  const timings = timingsOf({ audio: [1000, 3000], ocr: [500] });

  it("reads each stage's mean once, however many jobs remain (a view asks every frame of a batch)", () => {
    const asked: string[] = [];
    const counted = timingsOf({ audio: [1000, 3000], ocr: [500] });
    const mean = counted.mean.bind(counted);
    counted.mean = (stage) => (asked.push(stage), mean(stage));
    const remainingJobs = Array.from({ length: 10_000 }, () => ({ stagesLeft: ['audio', 'ocr', 'summary'] }));

    expect(estimateRemainingMs({ remainingJobs, timings: counted, concurrency: 2, fallbackStageMs: 100 })).toBe((10_000 * 2600) / 2);
    expect(asked.sort()).toEqual(['audio', 'ocr', 'summary']);
  });

  it('is null before any stage has been timed', () => {
    expect(
      estimateRemainingMs({
        remainingJobs: [{ stagesLeft: ['audio'] }],
        timings: new StageTimings(),
        concurrency: 2,
        fallbackStageMs: 100,
      }),
    ).toBeNull();
  });

  it('is 0 when nothing is left', () => {
    expect(estimateRemainingMs({ remainingJobs: [], timings: new StageTimings(), concurrency: 2, fallbackStageMs: 0 })).toBe(0);
  });

  it('shares the expected work among the workers', () => {
    const remainingJobs = Array.from({ length: 4 }, () => ({ stagesLeft: ['audio', 'ocr'] }));
    // 4 jobs × (2000 + 500) = 10,000 ms of work on 2 workers.
    expect(estimateRemainingMs({ remainingJobs, timings, concurrency: 2, fallbackStageMs: 0 })).toBe(5000);
    expect(estimateRemainingMs({ remainingJobs, timings, concurrency: 4, fallbackStageMs: 0 })).toBe(2500);
  });

  it('counts only the part of a running job that is left', () => {
    const remainingJobs = [{ stagesLeft: ['audio', 'ocr'], runningFor: 1500 }, { stagesLeft: ['ocr'] }];
    // (2500 − 1500) + 500 = 1500 on 2 workers, but the longer job alone needs 1000.
    expect(estimateRemainingMs({ remainingJobs, timings, concurrency: 2, fallbackStageMs: 0 })).toBe(1000);
  });

  it('counts a job running past its expected time as nearly done, never negative', () => {
    const remainingJobs = [{ stagesLeft: ['ocr'], runningFor: 9000 }];
    expect(estimateRemainingMs({ remainingJobs, timings, concurrency: 1, fallbackStageMs: 0 })).toBe(0);
  });

  it('uses the fallback for stages with no samples', () => {
    const remainingJobs = [{ stagesLeft: ['ocr', 'chapters'] }];
    expect(estimateRemainingMs({ remainingJobs, timings, concurrency: 1, fallbackStageMs: 250 })).toBe(750);
  });

  it('never promises less than the longest single job, however many workers', () => {
    const remainingJobs = [{ stagesLeft: ['audio'] }];
    expect(estimateRemainingMs({ remainingJobs, timings, concurrency: 8, fallbackStageMs: 0 })).toBe(2000);
  });

  it('rejects a concurrency below 1', () => {
    expect(() => estimateRemainingMs({ remainingJobs: [], timings, concurrency: 0, fallbackStageMs: 0 })).toThrow(TypeError);
  });
});
