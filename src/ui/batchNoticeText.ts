import type { JobState } from '../shared/job.ts';

/**
 * What the notice of a finished batch says. Only sessions done or partly done were enriched: a
 * cancelled session counted as "enriched" told someone back at the tab that all their work was done.
 */
export function batchNoticeText(counts: Readonly<Record<JobState, number>>, total: number): string {
  const enriched = counts.succeeded + counts.partial;
  if (enriched === total) return `Your batch is finished: ${total} sessions enriched.`;
  const failed = counts.failed + counts['timed-out'];
  const parts = [`${enriched} of ${total} sessions enriched${counts.partial ? ` (${counts.partial} partly)` : ''}`];
  if (failed) parts.push(`${failed} failed`);
  if (counts.cancelled) parts.push(`${counts.cancelled} cancelled`);
  return `Your batch is finished: ${parts.join(', ')}.`;
}
