import { jobKindOf, type Job } from '../shared/job.ts';

/**
 * Which of `sessionIds` "Enrich all" queues: those never enriched, and those whose latest job failed,
 * timed out or was cancelled. The leader decides it over its whole queue, not a tab's view, which may
 * not hold the finished jobs yet. A session with no job but a stored result was enriched (retention
 * deletes finished jobs after a day, and keeps their results), unless that result failed whole
 * (`failedWhole`: no stage done), as its failed job would have said. Only enrichment jobs count: a
 * privacy pass over the result (reapply-privacy) says nothing of how the enrichment went.
 */
export function sessionsToEnrich(sessionIds: readonly string[], jobs: Iterable<Job>, withResult: ReadonlySet<string>, failedWhole: ReadonlySet<string> = new Set()): string[] {
  const latest = new Map<string, Job>();
  for (const job of jobs) {
    if (jobKindOf(job) !== 'enrich') continue;
    const current = latest.get(job.sessionId);
    if (!current || current.seq < job.seq) latest.set(job.sessionId, job);
  }
  return sessionIds.filter((id) => {
    const job = latest.get(id);
    if (!job) return !withResult.has(id) || failedWhole.has(id);
    return job.state === 'failed' || job.state === 'timed-out' || job.state === 'cancelled';
  });
}
