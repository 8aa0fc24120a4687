import type { EnricherDb, SettledJobsRecord } from './db.ts';
import type { FinishedJob } from './job.ts';

// Reading settled records lives here, beside the schema, so a worker (the export) and a follower tab
// read them as the store means them; writing them is the store's (src/store/settledRecords.ts).

/** Records read by the first page of `readSettledInPages`, before their size is known. */
const FIRST_PAGE_RECORDS = 16;

/**
 * Every settled record, a page at a time, in key order, each page about `pageJobs` jobs: a record
 * holds one job or hundreds, so the next page's record count follows the mean size seen so far.
 */
export async function* readSettledInPages(db: EnricherDb, pageJobs: number): AsyncGenerator<SettledJobsRecord[]> {
  let after: string | undefined;
  let records = 0;
  let jobs = 0;
  for (;;) {
    const count = records === 0 ? FIRST_PAGE_RECORDS : Math.max(1, Math.round(pageJobs / Math.max(1, jobs / records)));
    const page = await db.getAll('settledJobs', after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), count);
    if (page.length > 0) yield page;
    if (page.length < count) return;
    records += page.length;
    for (const record of page) jobs += record.jobs.length;
    after = page.at(-1)!.id;
  }
}

/** The jobs of some settled records. */
export const jobsOfRecords = (records: readonly SettledJobsRecord[]): FinishedJob[] => records.flatMap((record) => record.jobs);

/** A session's jobs among settled records read by its 'by-session' index (each record holds others' too). */
export const jobsOfSession = (records: readonly SettledJobsRecord[], sessionId: string): FinishedJob[] =>
  jobsOfRecords(records).filter((job) => job.sessionId === sessionId);
