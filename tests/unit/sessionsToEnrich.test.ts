import { describe, expect, it } from 'vitest';
import { sessionsToEnrich } from '../../src/app/sessionsToEnrich.ts';
import type { Job, JobState } from '../../src/shared/job.ts';

const job = (sessionId: string, seq: number, state: JobState) => ({ id: `${sessionId}-${seq}`, sessionId, seq, state }) as Job;

describe('the sessions "Enrich all" queues', () => {
  it('those never enriched, and those whose latest job failed, timed out or was cancelled', () => {
    const jobs = [
      job('done', 1, 'succeeded'),
      job('partly', 2, 'partial'),
      job('failed', 3, 'failed'),
      job('late', 4, 'timed-out'),
      job('stopped', 5, 'cancelled'),
      job('queued', 6, 'queued'),
      job('running', 7, 'running'),
      // Cancelled once, then enriched again: the latest job speaks.
      job('again', 8, 'cancelled'),
      job('again', 9, 'succeeded'),
    ];
    const all = ['done', 'partly', 'failed', 'late', 'stopped', 'queued', 'running', 'again', 'new', 'pruned'];
    expect(sessionsToEnrich(all, jobs, new Set(['pruned', 'done']))).toEqual(['failed', 'late', 'stopped', 'new']);
  });

  it('with no job left (retention), those whose stored result failed whole, as with their failed job still there', () => {
    expect(sessionsToEnrich(['done', 'partly', 'failed', 'new'], [], new Set(['done', 'partly', 'failed']), new Set(['failed']))).toEqual(['failed', 'new']);
  });

  it('a job, when there is one, speaks over the stored result', () => {
    // Failed whole, then enriched again and still running: its new result is not stored yet.
    expect(sessionsToEnrich(['again'], [job('again', 1, 'running')], new Set(['again']), new Set(['again']))).toEqual([]);
  });
});
