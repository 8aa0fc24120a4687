import type { FailedJob, QueuedJob, RunningJob } from '../shared/job.ts';
import { recoverOrphan } from './transitions.ts';

/**
 * A job handed to a worker in a batch whose worker was stopped (for another job's timeout, crash or
 * cancel) before the job ran: it goes back in the queue as it was before it started, in its place
 * (`seq`), with its attempt and its crash count unspent and its earlier error kept.
 */
export function putBackUnstarted(job: RunningJob, now: number): QueuedJob | FailedJob {
  // A 'closed' interruption spends neither an attempt nor a crash.
  const back = recoverOrphan(job, now, 'closed');
  if (back.state !== 'queued') return back;
  const { lastError: _notItsOwn, ...rest } = back;
  return job.lastError === undefined ? rest : { ...rest, lastError: job.lastError };
}
