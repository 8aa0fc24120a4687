import type { ResultRecord } from '../shared/db.ts';
import type { Job, Priority } from '../shared/job.ts';

/** One read of a queue loaded in pages. */
export interface JobPage {
  jobs: Job[];
  /** Priorities whose queued jobs have all been read, in this page or an earlier one. */
  lanesRead: readonly Priority[];
}

/** One atomic change to the queue: all of it lands, or none of it. */
export interface QueueChange {
  jobs?: Job[];
  /**
   * Every job of `jobs` is new (an enqueue): none is stored yet, so a store may write many of them
   * together (IdbJobStore packs a big enqueue's jobs a few hundred to a record).
   */
  created?: boolean;
  results?: ResultRecord[];
  deleteJobs?: string[];
}

/** Where the scheduler keeps its queue. IndexedDB in the app; memory for the in-memory mode. */
export interface JobStore {
  loadJobs(): Promise<Job[]>;
  /**
   * Every job, a page at a time, the jobs that may run first in the first page (running, waiting, the
   * head of each priority's queue). A job may come in more than one page: the first copy is current.
   * Optional: without it the scheduler loads everything with `loadJobs()` before it dispatches.
   */
  loadInPages?(): AsyncIterable<JobPage>;
  /** The stored outcomes of a session's last enrichment, kept across retries of one job. */
  loadResult(sessionId: string): Promise<ResultRecord | undefined>;
  /** Resolves once the change is durable (the transaction completed). */
  commit(change: QueueChange): Promise<void>;
  /**
   * Deletes the finished jobs that finished before `cutoff` (epoch ms), without loading the others
   * (jobs settled together may wait until the newest of them is due). Optional: a store without it leaves retention to the scheduler's own sweep.
   * Reads started after the call, before it resolves, must not see the deleted jobs (IndexedDB
   * orders transactions by when they were made: the deletion's is made in the call).
   */
  deleteFinishedBefore?(cutoff: number): Promise<void>;
  /** A key-value of the engine's own (settings, breaker state). */
  getMeta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
}

/** Several changes folded into one, and which of its jobs are new (none of their versions stored yet). */
export interface MergedChange {
  jobs: Job[];
  results: ResultRecord[];
  deleteJobs: string[];
  created: ReadonlySet<string>;
}

/** Folds several changes into one; later writes of a job win. A new job stays new if it changes again before it is stored. */
export function mergeChanges(changes: QueueChange[]): MergedChange {
  const jobs = new Map<string, Job>();
  const created = new Set<string>();
  const results = new Map<string, ResultRecord>();
  const deletes = new Set<string>();
  for (const change of changes) {
    for (const job of change.jobs ?? []) {
      jobs.set(job.id, job);
      deletes.delete(job.id);
      if (change.created) created.add(job.id);
    }
    for (const result of change.results ?? []) results.set(result.sessionId, result);
    for (const id of change.deleteJobs ?? []) {
      deletes.add(id);
      jobs.delete(id);
      created.delete(id);
    }
  }
  return { jobs: [...jobs.values()], results: [...results.values()], deleteJobs: [...deletes], created };
}
