import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/job.ts';
import { selectPrunable } from '../../src/engine/retention.ts';

const HOUR = 60 * 60_000;
const base = {
  sessionId: 's',
  batchId: 'b',
  priority: 'normal' as const,
  seq: 1,
  attempts: 1,
  maxAttempts: 3,
  stageOrder: [],
  stages: {},
  timeoutMs: 30_000,
  createdAt: 0,
  updatedAt: 0,
};

const jobs: Job[] = [
  { ...base, id: 'old-succeeded', state: 'succeeded', startedAt: 0, finishedAt: 0 },
  { ...base, id: 'old-partial', state: 'partial', startedAt: 0, finishedAt: HOUR },
  { ...base, id: 'old-failed', state: 'failed', finishedAt: 0 },
  { ...base, id: 'old-cancelled', state: 'cancelled', finishedAt: 0 },
  { ...base, id: 'old-timed-out', state: 'timed-out', finishedAt: 0 },
  { ...base, id: 'recent-failed', state: 'failed', finishedAt: 24 * HOUR },
  { ...base, id: 'on-the-edge', state: 'succeeded', startedAt: 0, finishedAt: 2 * HOUR },
  { ...base, id: 'old-queued', state: 'queued' },
  { ...base, id: 'old-running', state: 'running', startedAt: 0, lease: { owner: 'x', runId: 'run-x' } },
  { ...base, id: 'old-waiting', state: 'waiting-retry', nextRunAt: 0 },
];

describe('selectPrunable()', () => {
  it('picks finished jobs older than the window, and only those', () => {
    expect(selectPrunable(jobs, 26 * HOUR, 24 * HOUR)).toEqual([
      'old-succeeded',
      'old-partial',
      'old-failed',
      'old-cancelled',
      'old-timed-out',
    ]);
  });

  it('keeps a job that finished exactly retentionMs ago', () => {
    expect(selectPrunable(jobs, 26 * HOUR, 24 * HOUR)).not.toContain('on-the-edge');
    expect(selectPrunable(jobs, 26 * HOUR + 1, 24 * HOUR)).toContain('on-the-edge');
  });

  it('never picks a job that has not finished, however old', () => {
    const ids = selectPrunable(jobs, 1000 * HOUR, 0);
    expect(ids).not.toContain('old-queued');
    expect(ids).not.toContain('old-running');
    expect(ids).not.toContain('old-waiting');
    expect(ids).toHaveLength(7);
  });

  it('picks nothing with an infinite window or no jobs', () => {
    expect(selectPrunable(jobs, 1000 * HOUR, Infinity)).toEqual([]);
    expect(selectPrunable([], 0, 0)).toEqual([]);
  });

  it('accepts any iterable, such as a Map of jobs', () => {
    const byId = new Map(jobs.map((job) => [job.id, job]));
    expect(selectPrunable(byId.values(), 26 * HOUR, 24 * HOUR)).toHaveLength(5);
  });
});
