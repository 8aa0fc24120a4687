import type { SettledJobsRecord } from '../shared/db.ts';
import type { FinishedJob } from '../shared/job.ts';

/** Finished jobs `size` to a record, in the order given (see SettledJobsRecord). */
export function settledRecords(jobs: readonly FinishedJob[], size: number, unique: () => string = () => crypto.randomUUID()): SettledJobsRecord[] {
  const records: SettledJobsRecord[] = [];
  for (let from = 0; from < jobs.length; from += size) records.push(recordOf(`settled:${unique()}`, jobs.slice(from, from + size)));
  return records;
}

/** The record without the jobs in `leaving` (null once none is left), under the same key. */
export function withoutSettled(record: SettledJobsRecord, leaving: ReadonlySet<string>): SettledJobsRecord | null {
  const kept = record.jobs.filter((job) => !leaving.has(job.id));
  return kept.length === 0 ? null : recordOf(record.id, kept);
}

function recordOf(id: string, jobs: FinishedJob[]): SettledJobsRecord {
  let finishedAt = -Infinity;
  for (const job of jobs) finishedAt = Math.max(finishedAt, job.finishedAt);
  return { id, finishedAt, sessionIds: [...new Set(jobs.map((job) => job.sessionId))], jobs };
}
