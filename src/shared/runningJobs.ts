import type { EnricherDb } from './db.ts';
import type { Job, RunningJob } from './job.ts';
import { jobsOfRecords, jobsOfSession } from './settledJobs.ts';

// Reading the running record lives here, beside the schema, so a worker (the export) and a follower
// tab read jobs as the store means them; writing it is the store's (src/store/idbJobStore.ts).

/** The one key of the `runningJobs` store. */
export const RUNNING_JOBS_KEY = 'current';

/** The jobs whose latest stored state is 'running'. */
export async function readRunningJobs(db: EnricherDb): Promise<RunningJob[]> {
  return (await db.get('runningJobs', RUNNING_JOBS_KEY))?.jobs ?? [];
}

/** Stored job records with each running job's current copy in place of its record (or added, if it has none). */
export function withRunning(records: readonly Job[], running: readonly RunningJob[]): Job[] {
  if (running.length === 0) return [...records];
  const byId = new Map(running.map((job) => [job.id, job]));
  const jobs: Job[] = records.map((job) => {
    const current = byId.get(job.id);
    byId.delete(job.id);
    return current ?? job;
  });
  return [...jobs, ...byId.values()];
}

/** One job as stored now (records, settled records and the running record read in one transaction); packed jobs are not looked at. */
export async function readStoredJob(db: EnricherDb, id: string): Promise<Job | undefined> {
  const tx = db.transaction(['jobs', 'settledJobs', 'runningJobs']);
  const [record, settled, running] = await Promise.all([
    tx.objectStore('jobs').get(id),
    // No index by job: a settled job is found by reading them all (tests and tools, not the app).
    tx.objectStore('settledJobs').getAll(),
    tx.objectStore('runningJobs').get(RUNNING_JOBS_KEY),
  ]);
  return running?.jobs.find((job) => job.id === id) ?? record ?? jobsOfRecords(settled).find((job) => job.id === id);
}

/** Every stored job, records and settled records, running ones current, in one transaction; packed jobs are not looked at. */
export async function readStoredJobs(db: EnricherDb): Promise<Job[]> {
  const tx = db.transaction(['jobs', 'settledJobs', 'runningJobs']);
  const [records, settled, running] = await Promise.all([
    tx.objectStore('jobs').getAll(),
    tx.objectStore('settledJobs').getAll(),
    tx.objectStore('runningJobs').get(RUNNING_JOBS_KEY),
  ]);
  return withRunning([...records, ...jobsOfRecords(settled)], running?.jobs ?? []);
}

/** A session's stored jobs, records and settled records, running ones current, in one transaction; packed jobs are not looked at. */
export async function readStoredJobsOfSession(db: EnricherDb, sessionId: string): Promise<Job[]> {
  const tx = db.transaction(['jobs', 'settledJobs', 'runningJobs']);
  const [records, settled, running] = await Promise.all([
    tx.objectStore('jobs').index('by-session').getAll(sessionId),
    tx.objectStore('settledJobs').index('by-session').getAll(sessionId),
    tx.objectStore('runningJobs').get(RUNNING_JOBS_KEY),
  ]);
  return withRunning([...records, ...jobsOfSession(settled, sessionId)], (running?.jobs ?? []).filter((job) => job.sessionId === sessionId));
}
