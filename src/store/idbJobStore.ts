import type { EnricherDb, ResultRecord } from '../shared/db.ts';
import type { Job } from '../shared/job.ts';
import { mergeChanges, type JobStore, type QueueChange } from './jobStore.ts';

interface Pending {
  changes: QueueChange[];
  resolve: () => void;
  reject: (error: unknown) => void;
  done: Promise<void>;
}

function newPending(): Pending {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { changes: [], resolve, reject, done };
}

/**
 * The queue in IndexedDB, with group commit: a change is written as soon as the current turn ends
 * when no transaction is in flight; changes that arrive meanwhile wait and go together in the
 * next transaction. So a burst of events costs few transactions, and a lone change waits for nothing.
 */
export class IdbJobStore implements JobStore {
  private inFlight = false;
  /** Transactions written so far: a measure of how well changes are grouped. */
  transactions = 0;
  private next: Pending | null = null;

  constructor(private readonly db: EnricherDb) {}

  loadJobs(): Promise<Job[]> {
    return this.db.getAll('jobs');
  }

  loadResult(sessionId: string): Promise<ResultRecord | undefined> {
    return this.db.get('results', sessionId);
  }

  commit(change: QueueChange): Promise<void> {
    this.next ??= newPending();
    const pending = this.next;
    pending.changes.push(change);
    // Start after the current turn, so that changes made together (a result and the next job's
    // start) share one transaction.
    if (!this.inFlight && pending.changes.length === 1) queueMicrotask(() => void this.flush());
    return pending.done;
  }

  /** Reads only the keys of due jobs, from the 'by-finished' index (schema v2), and deletes them in one transaction. */
  async deleteFinishedBefore(cutoff: number): Promise<string[]> {
    const tx = this.db.transaction('jobs', 'readwrite', { durability: 'relaxed' });
    const ids = await tx.store.index('by-finished').getAllKeys(IDBKeyRange.upperBound(cutoff, true));
    for (const id of ids) void tx.store.delete(id);
    await tx.done;
    return ids;
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('meta', key)) as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.db.put('meta', value, key);
  }

  private async flush(): Promise<void> {
    const batch = this.next;
    if (!batch || this.inFlight) return;
    this.next = null;
    this.inFlight = true;
    try {
      const { jobs, results, deleteJobs } = mergeChanges(batch.changes);
      // 'relaxed' (Chrome's default) completes once the data is with the OS: it survives a tab or
      // browser crash, and only a power cut can lose it. 'strict' waits for the disk, 7–17 ms a commit.
      const tx = this.db.transaction(['jobs', 'results'], 'readwrite', { durability: 'relaxed' });
      this.transactions++;
      const jobStore = tx.objectStore('jobs');
      const resultStore = tx.objectStore('results');
      // No awaits between requests: the transaction must not go idle before they are queued.
      for (const job of jobs) void jobStore.put(job);
      for (const id of deleteJobs) void jobStore.delete(id);
      for (const result of results) void resultStore.put(result);
      await tx.done;
      batch.resolve();
    } catch (error) {
      batch.reject(error);
    } finally {
      this.inFlight = false;
      if (this.next) void this.flush();
    }
  }
}
