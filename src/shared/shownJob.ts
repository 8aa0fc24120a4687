import { isTerminal, jobKindOf, type Job } from './job.ts';

/** A session's newest job of each kind: its enrichment, and the privacy pass over its result. */
export interface SessionJobs {
  enrich?: Job;
  privacy?: Job;
}

const slotOf = (job: Job): keyof SessionJobs => (jobKindOf(job) === 'enrich' ? 'enrich' : 'privacy');

/** The job of `held` of the same kind as `job`: the one `job` would replace. */
export function sameKind(held: SessionJobs | undefined, job: Job): Job | undefined {
  return held?.[slotOf(job)];
}

/** `held` with `job` in its kind's place, if it is that place's job or a newer one (by seq); else `held`. */
export function withJob(held: SessionJobs, job: Job): SessionJobs {
  const slot = slotOf(job);
  const current = held[slot];
  return !current || current.id === job.id || current.seq <= job.seq ? { ...held, [slot]: job } : held;
}

/**
 * The job that says how a session stands. A privacy job ("Redact everywhere" turned on or off, a
 * mark) redoes the privacy stages over the stored result. Once the enrichment has ended, the pass is
 * the news while it waits or runs, or if it failed or was cancelled. Once it has succeeded, the
 * session is as enriched as its enrichment says: a pass over a partly done session turned it "Done"
 * and hid its failures from "Retry failed". The enrichment is then shown as last updated when the
 * pass ended, so that what reads the session's result for the job shown (its row's facts) reads the
 * pass's result.
 */
export function shownJob({ enrich, privacy }: SessionJobs): Job | undefined {
  if (!privacy || !enrich) return privacy ?? enrich;
  // A pass queued behind an enrichment that has not ended waits for it (a session's jobs run in order).
  if (privacy.seq < enrich.seq || !isTerminal(enrich.state)) return enrich;
  if (privacy.state !== 'succeeded') return privacy;
  return enrich.updatedAt >= privacy.updatedAt ? enrich : { ...enrich, updatedAt: privacy.updatedAt };
}
