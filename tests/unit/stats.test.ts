import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job.ts';
import { StageTimings } from '../../src/engine/eta.ts';
import { computeStats } from '../../src/engine/stats.ts';
import type { WorkerHealth } from '../../src/engine/stats.ts';

const MINUTE = 60_000;
const NOW = 100 * MINUTE;
const base = {
  sessionId: 's',
  batchId: 'b',
  priority: 'normal' as const,
  seq: 1,
  attempts: 1,
  maxAttempts: 3,
  stageOrder: ['audio', 'ocr'],
  stages: { audio: { status: 'pending' as const, progress: 0 }, ocr: { status: 'pending' as const, progress: 0 } },
  timeoutMs: 30_000,
  createdAt: 0,
  updatedAt: 0,
};
const finished = (id: string, state: 'succeeded' | 'partial', minutesAgo: number): Job => ({
  ...base,
  id,
  state,
  startedAt: 0,
  finishedAt: NOW - minutesAgo * MINUTE,
});

const jobs: Job[] = [
  { ...base, id: 'q1', state: 'queued' },
  { ...base, id: 'q2', state: 'queued' },
  {
    ...base,
    id: 'r1',
    state: 'running',
    startedAt: NOW - 500,
    lease: { owner: 'tab', runId: 'run-1' },
    stages: { audio: { status: 'done', progress: 1, ms: 900 }, ocr: { status: 'running', progress: 0.5 } },
  },
  { ...base, id: 'w1', state: 'waiting-retry', nextRunAt: NOW + 1000 },
  finished('s1', 'succeeded', 1),
  finished('s2', 'succeeded', 2),
  finished('s3', 'succeeded', 30),
  finished('p1', 'partial', 3),
  { ...base, id: 'f1', state: 'failed', finishedAt: NOW - 4 * MINUTE },
  { ...base, id: 't1', state: 'timed-out', finishedAt: NOW - 90 * MINUTE },
  { ...base, id: 'c1', state: 'cancelled', finishedAt: NOW - MINUTE },
];

const health: WorkerHealth[] = [
  { restarts: 1, jobsRun: 10, errors: 2 },
  { restarts: 0, jobsRun: 12, errors: 0 },
];

function timings(): StageTimings {
  const result = new StageTimings();
  for (const ms of [1000, 3000]) result.record('audio', ms);
  for (const ms of [1000, 2000, 6000]) result.record('ocr', ms);
  return result;
}

describe('computeStats()', () => {
  it('counts jobs by state, in total and finished', () => {
    const stats = computeStats(jobs, timings(), health, NOW, 10 * MINUTE);
    expect(stats.counts).toEqual({
      queued: 2,
      running: 1,
      'waiting-retry': 1,
      succeeded: 3,
      partial: 1,
      failed: 1,
      cancelled: 1,
      'timed-out': 1,
    });
    expect(stats.total).toBe(11);
    expect(stats.done).toBe(7);
  });

  it('reports jobs finished in the window per minute, cancelled ones aside', () => {
    // s1, s2, p1, f1 finished in the last 10 minutes: 4 per 10 minutes.
    expect(computeStats(jobs, timings(), health, NOW, 10 * MINUTE).throughputPerMin).toBe(0.4);
    expect(computeStats(jobs, timings(), health, NOW, MINUTE).throughputPerMin).toBe(1);
  });

  it('reports the error rate as the failed, timed-out and partial share of finished jobs', () => {
    expect(computeStats(jobs, timings(), health, NOW, MINUTE).errorRate).toBeCloseTo(3 / 7);
  });

  it('reports mean and median per stage', () => {
    expect(computeStats(jobs, timings(), health, NOW, MINUTE).stageMs).toEqual({
      audio: { mean: 2000, median: 2000 },
      ocr: { mean: 3000, median: 2000 },
    });
  });

  it('passes worker health through as a copy', () => {
    const stats = computeStats(jobs, timings(), health, NOW, MINUTE);
    expect(stats.workers).toEqual(health);
    expect(stats.workers[0]).not.toBe(health[0]);
  });

  it('estimates the time left over unfinished jobs, with the workers as concurrency', () => {
    // q1, q2, w1: 5000 each; r1: ocr 3000 − 500 running = 2500. 17,500 on 2 workers.
    expect(computeStats(jobs, timings(), health, NOW, MINUTE).etaMs).toBe(8750);
    expect(computeStats(jobs, timings(), health, NOW, MINUTE, { concurrency: 1 }).etaMs).toBe(17_500);
  });

  it('has no ETA before any stage is timed, and zeros for no jobs', () => {
    expect(computeStats(jobs, new StageTimings(), health, NOW, MINUTE).etaMs).toBeNull();
    const empty = computeStats([], new StageTimings(), [], NOW, MINUTE);
    expect(empty).toMatchObject({ total: 0, done: 0, throughputPerMin: 0, errorRate: 0, etaMs: 0, workers: [] });
  });

  it('is plain data', () => {
    const stats = computeStats(jobs, timings(), health, NOW, MINUTE);
    expect(structuredClone(stats)).toEqual(stats);
  });
});
