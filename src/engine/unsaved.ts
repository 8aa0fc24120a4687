import type { FailedJob, Job } from '../shared/job.ts';

/** What a session says when its results did not fit on the device. */
export const RESULT_NOT_SAVED =
  'The results could not be saved: the device is out of storage space. The results saved before are kept; free some space, then use "Retry failed".';

/**
 * Whether a job ended for lack of storage space: its result did not fit (RESULT_NOT_SAVED), or a
 * write of a stage or of its state was refused on its last attempt. Every such message names it.
 */
export function failedForSpace(job: Job): boolean {
  return (job.state === 'failed' || job.state === 'partial' || job.state === 'timed-out') && /out of storage space/.test(job.lastError?.message ?? '');
}

export function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/**
 * The job after its result and final state failed to commit together because storage is full: it
 * fails for good with a plain message (retrying would only fill the disk again), and nothing of the
 * result is kept. Null for a job that did not finish with that commit (a retry is still to come).
 */
export function resultNotSaved(job: Job, now: number): FailedJob | null {
  if (job.state !== 'succeeded' && job.state !== 'partial' && job.state !== 'failed' && job.state !== 'timed-out') return null;
  const { startedAt: _startedAt, ...rest } = job as Job & { startedAt?: number };
  return { ...rest, state: 'failed', finishedAt: now, updatedAt: now, lastError: { class: 'permanent', message: RESULT_NOT_SAVED } };
}
