import type { Job } from '../shared/job.ts';

/**
 * Ids of finished jobs (succeeded, partial, failed, cancelled, timed out) that finished more than
 * `retentionMs` before `now`, and may be deleted. Jobs that have not finished are never chosen.
 * With `retentionMs = Infinity` nothing is.
 */
export function selectPrunable(jobs: Iterable<Job>, now: number, retentionMs: number): string[] {
  const ids: string[] = [];
  for (const job of jobs) {
    switch (job.state) {
      case 'succeeded':
      case 'partial':
      case 'failed':
      case 'cancelled':
      case 'timed-out':
        if (now - job.finishedAt > retentionMs) ids.push(job.id);
        break;
      default:
        break;
    }
  }
  return ids;
}

/**
 * The finish time before which a finished job may be deleted (`selectPrunable`'s rule as a bound:
 * finishedAt < cutoff), or null when nothing ever is (`retentionMs = Infinity`).
 */
export function pruneCutoff(now: number, retentionMs: number): number | null {
  return Number.isFinite(retentionMs) ? now - retentionMs : null;
}
