import type { Enricher } from '../app/enricher.ts';
import type { ResultRecord } from '../shared/db.ts';
import type { Job } from '../shared/job.ts';

/**
 * A session's stored result. The engine announces that a job ended before its result is written,
 * so for a job that ended with results this reads again, briefly backing off, until the result is
 * that job's or a later one's (or about 6 s have passed, or the caller no longer cares).
 */
export async function committedResult(enricher: Enricher, sessionId: string, job: Job | undefined, live: () => boolean): Promise<ResultRecord | undefined> {
  const wanted = job?.state === 'succeeded' || job?.state === 'partial' ? job : null;
  for (let wait = 50; ; wait *= 2) {
    const record = await enricher.sessions.result(sessionId);
    // A result committed after the job ended is a later job's (a privacy pass over it): newer still.
    const current = !wanted || (record?.jobId === wanted.id && record.attempt === wanted.attempts) || (record !== undefined && record.committedAt > wanted.finishedAt);
    if (current || wait > 3200 || !live()) return record;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
