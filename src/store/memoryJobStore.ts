import type { ResultRecord } from '../shared/db.ts';
import type { Job } from '../shared/job.ts';
import { mergeChanges, type JobStore, type QueueChange } from './jobStore.ts';

/** The queue held in memory only: the engine's non-durable mode, and a baseline for benchmarks. */
export class MemoryJobStore implements JobStore {
  readonly jobs = new Map<string, Job>();
  readonly results = new Map<string, ResultRecord>();
  private readonly meta = new Map<string, unknown>();

  async loadJobs(): Promise<Job[]> {
    return [...this.jobs.values()].map((job) => structuredClone(job));
  }

  async loadResult(sessionId: string): Promise<ResultRecord | undefined> {
    return this.results.get(sessionId);
  }

  async commit(change: QueueChange): Promise<void> {
    const { jobs, results, deleteJobs } = mergeChanges([change]);
    for (const job of jobs) this.jobs.set(job.id, job);
    for (const id of deleteJobs) this.jobs.delete(id);
    for (const result of results) this.results.set(result.sessionId, result);
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return this.meta.get(key) as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    this.meta.set(key, value);
  }
}
