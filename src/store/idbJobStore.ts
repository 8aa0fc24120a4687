import type { EnricherDb, ResultRecord } from '../shared/db.ts';
import type { Job, Priority } from '../shared/job.ts';
import { mergeChanges, type JobPage, type JobStore, type QueueChange } from './jobStore.ts';
import { readQueueInPages } from './queueOrder.ts';
import { writeInSlices } from './writeInSlices.ts';

/** How start-up reads the queue and how big commits are paced (tests make both small). */
export interface PagingOptions {
  /**
   * Queued jobs of each priority read before the first dispatch.
   * @default 256
   */
  headPerLane: number;
  /**
   * Jobs per read after that: a few tens of milliseconds of cloning per task.
   * @default 2000
   */
  pageSize: number;
  /**
   * Main-thread time spent queueing (cloning) a big commit's requests before it lets the page run:
   * a slice holds at least 32 requests and as many more as fit in this time.
   * @default 8
   */
  sliceMs: number;
}


/** One caller's change, settled on its own even when it shares a transaction. */
interface Pending {
  change: QueueChange;
  resolve: () => void;
  reject: (error: unknown) => void;
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
  private next: Pending[] = [];

  private readonly paging: PagingOptions;

  constructor(
    private readonly db: EnricherDb,
    paging: Partial<PagingOptions> = {},
  ) {
    this.paging = { headPerLane: 256, pageSize: 2000, sliceMs: 8, ...paging };
  }

  loadJobs(): Promise<Job[]> {
    return this.db.getAll('jobs');
  }

  /**
   * The running and waiting jobs and the head of each priority's queue first, then the rest a page at
   * a time in dispatch order (schema v3's 'by-queue' index), so a scheduler can dispatch before the
   * whole queue is read. A job may come twice; a job no range covers comes in a last read.
   */
  async *loadInPages(): AsyncGenerator<JobPage> {
    const seen = new Set<string>();
    let lanesRead: readonly Priority[] = [];
    for await (const page of readQueueInPages(this.db, this.paging.headPerLane, this.paging.pageSize)) {
      for (const job of page.jobs) seen.add(job.id);
      lanesRead = page.lanesRead;
      yield page;
    }
    // A safety net for records the index does not hold (a field missing): never expected.
    if ((await this.db.count('jobs')) > seen.size) yield { jobs: (await this.db.getAll('jobs')).filter((job) => !seen.has(job.id)), lanesRead };
  }

  loadResult(sessionId: string): Promise<ResultRecord | undefined> {
    return this.db.get('results', sessionId);
  }

  commit(change: QueueChange): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.next.push({ change, resolve, reject });
      // Start after the current turn, so that changes made together (a result and the next job's
      // start) share one transaction.
      if (!this.inFlight && this.next.length === 1) queueMicrotask(() => void this.flush());
    });
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
    if (batch.length === 0 || this.inFlight) return;
    this.next = [];
    this.inFlight = true;
    try {
      await this.write(batch.map((pending) => pending.change));
      for (const pending of batch) pending.resolve();
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      // One bad change must not fail the others it was grouped with: each goes again on its own.
      else for (const pending of batch) await this.write([pending.change]).then(pending.resolve, pending.reject);
    } finally {
      this.inFlight = false;
      if (this.next.length > 0) void this.flush();
    }
  }

  /** Writes changes in one transaction: all of them land, or none. */
  private async write(changes: QueueChange[]): Promise<void> {
    const { jobs, results, deleteJobs } = mergeChanges(changes);
    // 'relaxed' (Chrome's default) completes once the data is with the OS: it survives a tab or
    // browser crash, and only a power cut can lose it. 'strict' waits for the disk, 7–17 ms a commit.
    const tx = this.db.transaction(['jobs', 'results'], 'readwrite', { durability: 'relaxed' });
    this.transactions++;
    const jobStore = tx.objectStore('jobs');
    const resultStore = tx.objectStore('results');
    try {
      await writeInSlices(
        [
          ...jobs.map((job) => () => jobStore.put(job)),
          ...deleteJobs.map((id) => () => jobStore.delete(id)),
          ...results.map((result) => () => resultStore.put(result)),
        ],
        { sliceMs: this.paging.sliceMs },
      );
    } catch (error) {
      // A put that throws (a value that cannot be cloned) must take the whole change with it:
      // without the abort, the transaction would commit the requests queued before it.
      abortQuietly(tx);
      throw error;
    }
    await tx.done;
  }
}

function abortQuietly(tx: { abort(): void; done: Promise<void> }): void {
  tx.done.catch(() => undefined);
  try {
    tx.abort();
  } catch {
    // Already finished or aborted.
  }
}
