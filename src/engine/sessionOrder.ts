import { isTerminal, jobKindOf, type Job, type JobKind } from '../shared/job.ts';

// One session's jobs run one after another, in enqueue order: a later job may read what an earlier
// one commits (a `reapply-privacy` job reads the session's latest result), so it never starts
// before that is stored. Pure functions: the scheduler keeps the jobs, these decide.

/** Whether `job` must wait for `other`: an earlier job of the same session that has not finished. */
export function mustWaitFor(job: Job, other: Job): boolean {
  return other.id !== job.id && other.sessionId === job.sessionId && other.seq < job.seq && !isTerminal(other.state);
}

/**
 * Whether an unfinished job will still run every one of `stages` from its next start (queued or
 * waiting to retry, none of them done): it reads the session's privacy context then, so a new
 * request for those stages needs no job of its own.
 */
export function willRunAfresh(job: Job, stages: readonly string[]): boolean {
  if (job.state !== 'queued' && job.state !== 'waiting-retry') return false;
  return stages.every((stage) => job.stageOrder.includes(stage) && job.stages[stage]?.status !== 'done');
}

/**
 * Whether a request of `kind` for `stages` is already covered by one of the session's jobs:
 * - `enrich`: any unfinished enrichment of the session (as before there were kinds);
 * - `reapply-privacy`: an unfinished job that will still run those stages afresh. A running job read
 *   the privacy context when it started, so a change since needs a job after it.
 */
export function isCovered(kind: JobKind, stages: readonly string[], sessionJobs: Iterable<Job>): boolean {
  for (const job of sessionJobs) {
    if (isTerminal(job.state)) continue;
    if (kind === 'enrich' ? jobKindOf(job) === 'enrich' : willRunAfresh(job, stages)) return true;
  }
  return false;
}
