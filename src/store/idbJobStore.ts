import { unwrap, wrap } from 'idb';
import type { EnricherDb, JobPackRecord, ResultRecord, SettledJobsRecord } from '../shared/db.ts';
import { isFinished, PRIORITIES, type Job, type Priority, type RunningJob } from '../shared/job.ts';
import { packJobs, packRef, withoutJobs, type PackRef } from './jobPack.ts';
import { unpackJobs } from '../shared/packedJobs.ts';
import { readRunningJobs, RUNNING_JOBS_KEY, withRunning } from '../shared/runningJobs.ts';
import { jobsOfRecords, readSettledInPages } from '../shared/settledJobs.ts';
import { settledRecords, withoutSettled } from './settledRecords.ts';
import { PackedLane } from './packedLane.ts';
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
  /**
   * New jobs in one transaction from which they are packed (see JobPackRecord): fewer are written
   * one record each, as cheap enough and visible to every index. "Enrich all" over a few hundred
   * sessions is packed: 500 job records cloned in the click's task kept its next paint 40 ms away
   * (docs/benchmarks.md, 4b).
   * @default 100
   */
  packFrom: number;
  /**
   * Jobs per pack: a pack of 500 is about 30 KB, under the size past which Chromium stores a value
   * as a file of its own.
   * @default 500
   */
  packSize: number;
  /**
   * Jobs per settled record at most. A record is cloned in one put, on the main thread: "Cancel batch"
   * over 486 jobs in one record was a long task of 63 ms. A batch's commits settle about 17 jobs.
   * @default 64
   */
  settledSize: number;
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
  /** The stored packs, and the pack of each packed job: a job that leaves one rewrites it. */
  private readonly packs = new Map<string, JobPackRecord>();
  private readonly packOf = new Map<string, string>();
  /** The running record as stored: every change rewrites it whole when it starts, updates or ends a run. */
  private running = new Map<string, RunningJob>();
  /**
   * The settled record of each job stored in one (only its key: the record is read again when a job
   * leaves it, which is rare). Noted from what start-up reads and what this store writes.
   */
  private readonly settledOf = new Map<string, string>();

  private readonly paging: PagingOptions;

  constructor(
    private readonly db: EnricherDb,
    paging: Partial<PagingOptions> = {},
  ) {
    this.paging = { headPerLane: 256, pageSize: 2000, sliceMs: 8, packFrom: 100, packSize: 500, settledSize: 64, ...paging };
  }

  /** Every job, read in one transaction: records, packs, settled records and the running record. */
  async loadJobs(): Promise<Job[]> {
    const tx = this.db.transaction(['jobs', 'jobPacks', 'settledJobs', 'runningJobs']);
    const [stored, packs, settled, runningRecord] = await Promise.all([
      tx.objectStore('jobs').getAll(),
      tx.objectStore('jobPacks').getAll(),
      tx.objectStore('settledJobs').getAll(),
      tx.objectStore('runningJobs').get(RUNNING_JOBS_KEY),
    ]);
    const running = this.noteRunning(runningRecord?.jobs ?? []);
    this.packs.clear();
    this.packOf.clear();
    this.settledOf.clear();
    for (const pack of packs) this.notePack(pack);
    for (const record of settled) this.noteSettled(record);
    // A job is in one place only; were it ever in two, its record would be taken.
    const ids = new Set(stored.map((job) => job.id));
    const others = [...packs.flatMap(unpackJobs), ...jobsOfRecords(settled)].filter((job) => !ids.has(job.id));
    return withRunning([...stored, ...others], running);
  }

  /** The running record, noted as stored; its jobs come before their records, which hold their state before the run. */
  private async readRunning(): Promise<RunningJob[]> {
    return this.noteRunning(await readRunningJobs(this.db));
  }

  /** Notes the running record as stored: the next change that starts or ends a run rewrites it from this. */
  private noteRunning(running: RunningJob[]): RunningJob[] {
    this.running = new Map(running.map((job) => [job.id, job]));
    return running;
  }

  /**
   * The running and waiting jobs and the head of each priority's queue first, then the rest a page at
   * a time in dispatch order (schema v3's 'by-queue' index), then the settled records, so a scheduler
   * can dispatch before the whole queue is read. A job may come twice; a job no range covers comes in
   * a last read.
   */
  async *loadInPages(): AsyncGenerator<JobPage> {
    const seen = new Set<string>();
    let lanesRead: readonly Priority[] = [];
    this.settledOf.clear();
    // The running jobs lead the first page: a page's first copy of a job is its current one.
    const [runningRead, packed] = await Promise.all([this.readRunning(), this.packedLanes()]);
    let running: Job[] = runningRead;
    for await (const page of readQueueInPages(this.db, this.paging.headPerLane, this.paging.pageSize, packed)) {
      for (const job of page.jobs) seen.add(job.id);
      lanesRead = page.lanesRead;
      yield running.length === 0 ? page : { ...page, jobs: [...running, ...page.jobs] };
      running = [];
      // The page's jobs may have started meanwhile: their running state goes to the database before
      // the next page's read, which would otherwise hold the write up for as long as it reads.
      await this.queuedCommitStarted();
    }
    // Settled last: no job in them may run. A job settled meanwhile comes again, from its new record.
    for await (const records of readSettledInPages(this.db, this.paging.pageSize)) {
      for (const record of records) this.noteSettled(record);
      const jobs = jobsOfRecords(records);
      for (const job of jobs) seen.add(job.id);
      yield { jobs: [...running, ...jobs], lanesRead: PRIORITIES };
      running = [];
      await this.queuedCommitStarted();
    }
    if (running.length > 0) yield { jobs: running, lanesRead: PRIORITIES };
    // A safety net for records the index does not hold (a field missing): never expected.
    if ((await this.db.count('jobs')) > seen.size) yield { jobs: (await this.db.getAll('jobs')).filter((job) => !seen.has(job.id)), lanesRead };
  }

  /** Each priority's packs, from their keys: a pack is read (and noted) when start-up reaches it. */
  private async packedLanes(): Promise<Map<Priority, PackedLane>> {
    this.packs.clear();
    this.packOf.clear();
    const refs = new Map<Priority, PackRef[]>();
    for (const id of await this.db.getAllKeys('jobPacks')) {
      const ref = packRef(id) ?? refOfRecord(await this.db.get('jobPacks', id));
      if (ref) refs.set(ref.priority, [...(refs.get(ref.priority) ?? []), ref]);
    }
    const read = async (lane: readonly PackRef[]): Promise<Job[]> => {
      const tx = this.db.transaction('jobPacks');
      const packs = await Promise.all(lane.map((ref) => tx.store.get(ref.id)));
      const jobs: Job[] = [];
      for (const pack of packs) {
        if (!pack) continue;
        this.notePack(pack);
        jobs.push(...unpackJobs(pack));
      }
      return jobs.sort((a, b) => a.seq - b.seq);
    };
    return new Map([...refs].map(([priority, lane]) => [priority, new PackedLane(lane, read)]));
  }

  private notePack(pack: JobPackRecord): void {
    this.packs.set(pack.id, pack);
    for (const id of pack.ids) this.packOf.set(id, pack.id);
  }

  private noteSettled(record: SettledJobsRecord): void {
    for (const job of record.jobs) this.settledOf.set(job.id, record.id);
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

  /** Resolves once a commit asked for in this turn has made its transaction (the flush is a microtask queued before). */
  private async queuedCommitStarted(): Promise<void> {
    if (this.next.length > 0 && !this.inFlight) await new Promise<void>((resolve) => queueMicrotask(resolve));
  }

  /**
   * Reads only the keys of due job records and settled records, from their 'by-finished' indexes, and
   * deletes them in one transaction. A settled record is due once its newest job is.
   */
  async deleteFinishedBefore(cutoff: number): Promise<void> {
    const tx = this.db.transaction(['jobs', 'settledJobs'], 'readwrite', { durability: 'relaxed' });
    const due = IDBKeyRange.upperBound(cutoff, true);
    const jobs = tx.objectStore('jobs');
    const settled = tx.objectStore('settledJobs');
    const [ids, recordIds] = await Promise.all([jobs.index('by-finished').getAllKeys(due), settled.index('by-finished').getAllKeys(due)]);
    for (const id of ids) void jobs.delete(id);
    for (const id of recordIds) void settled.delete(id);
    await tx.done;
    if (recordIds.length === 0 || this.settledOf.size === 0) return;
    const gone = new Set(recordIds);
    for (const [jobId, recordId] of this.settledOf) if (gone.has(recordId)) this.settledOf.delete(jobId);
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

  /**
   * Writes changes in one transaction: all of them land, or none. A big enqueue's new jobs are packed;
   * the jobs it settles share settled records; a packed or settled job that changes to any state but
   * running, or goes, leaves its pack or settled record, which is rewritten without it (a started
   * job's pack keeps its state before the run, as a record would).
   */
  private async write(changes: QueueChange[]): Promise<void> {
    const { jobs, results, deleteJobs, created } = mergeChanges(changes);
    const fresh = jobs.filter((job) => created.has(job.id));
    const { packs, rest } = fresh.length >= this.paging.packFrom ? packJobs(fresh, this.paging.packSize) : { packs: [], rest: fresh };
    const changed = jobs.filter((job) => !created.has(job.id));
    const running = runningAfter(this.running, changed, deleteJobs);
    // A running job's state goes in the running record only: its job record (or pack) keeps the state before.
    const written = [...changed.filter((job) => job.state !== 'running'), ...rest];
    const finished = written.filter(isFinished);
    const records = written.filter((job) => !isFinished(job));
    const settled = settledRecords(finished, this.paging.settledSize);
    // A finished job that was in no pack may have a record (a small enqueue's, a retry's): it goes.
    const unrecorded = finished.filter((job) => !this.packOf.has(job.id)).map((job) => job.id);
    const moved = [...written.map((job) => job.id), ...deleteJobs];
    const leaving = new Set(moved.filter((id) => this.packOf.has(id)));
    const leavingSettled = groupBy(moved, (id) => this.settledOf.get(id));
    // Each pack a job leaves, as it is to be stored: without the leaving jobs, or null to delete it.
    const shrunk = new Map<string, JobPackRecord | null>();
    for (const id of leaving) {
      const packId = this.packOf.get(id)!;
      if (!shrunk.has(packId)) shrunk.set(packId, withoutJobs(this.packs.get(packId)!, leaving));
    }
    // 'relaxed' (Chrome's default) completes once the data is with the OS: it survives a tab or
    // browser crash, and only a power cut can lose it. 'strict' waits for the disk, 7–17 ms a commit.
    const tx = this.db.transaction(['jobs', 'results', 'jobPacks', 'runningJobs', 'settledJobs'], 'readwrite', { durability: 'relaxed' });
    this.transactions++;
    // The bare stores: a request through idb's wrapper costs a promise and two listeners each.
    const raw = unwrap(tx);
    const jobStore = raw.objectStore('jobs');
    const resultStore = raw.objectStore('results');
    const packStore = raw.objectStore('jobPacks');
    const settledStore = raw.objectStore('settledJobs');
    try {
      if (running) raw.objectStore('runningJobs').put({ jobs: [...running.values()] }, RUNNING_JOBS_KEY);
      for (const [packId, pack] of shrunk) {
        if (pack) packStore.put(pack);
        else packStore.delete(packId);
      }
      await writeInSlices(
        [
          ...packs.map((pack) => () => packStore.put(pack)),
          ...records.map((job) => () => jobStore.put(job)),
          ...unrecorded.map((id) => () => jobStore.delete(id)),
          ...deleteJobs.map((id) => () => jobStore.delete(id)),
          ...[...leavingSettled].map(([recordId, ids]) => () => leaveSettled(settledStore, recordId, new Set(ids))),
          ...settled.map((record) => () => settledStore.put(record)),
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
    // Only what is stored is noted: a failed transaction leaves the packs as they were.
    if (running) this.running = running;
    for (const id of leaving) this.packOf.delete(id);
    for (const [packId, pack] of shrunk) {
      if (pack) this.packs.set(packId, pack);
      else this.packs.delete(packId);
    }
    for (const pack of packs) this.notePack(pack);
    for (const [recordId, ids] of leavingSettled) for (const id of ids) if (this.settledOf.get(id) === recordId) this.settledOf.delete(id);
    for (const record of settled) this.noteSettled(record);
  }
}

/**
 * Rewrites a settled record without `leaving` (deletes it once none is left), read in the writing
 * transaction itself: only its key is kept in memory. A record no longer stored is left alone.
 */
async function leaveSettled(store: IDBObjectStore, recordId: string, leaving: ReadonlySet<string>): Promise<void> {
  const record = (await wrap(store.get(recordId))) as SettledJobsRecord | undefined;
  if (!record) return;
  const rest = withoutSettled(record, leaving);
  if (rest) store.put(rest);
  else store.delete(recordId);
}

/** The items by the key `keyOf` gives them, items without one left out. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The running jobs once `changed` and `deleted` are written, or null when the change leaves them as they are. */
function runningAfter(before: ReadonlyMap<string, RunningJob>, changed: readonly Job[], deleted: readonly string[]): Map<string, RunningJob> | null {
  let after: Map<string, RunningJob> | null = null;
  const edit = () => (after ??= new Map(before));
  for (const job of changed) {
    if (job.state === 'running') edit().set(job.id, job);
    else if ((after ?? before).has(job.id)) edit().delete(job.id);
  }
  for (const id of deleted) if ((after ?? before).has(id)) edit().delete(id);
  return after;
}

/** A pack's place from its content, for a key that does not say it. */
function refOfRecord(pack: JobPackRecord | undefined): PackRef | null {
  if (!pack || pack.seqs.length === 0) return null;
  return { id: pack.id, priority: pack.spec.priority, first: Math.min(...pack.seqs), last: Math.max(...pack.seqs) };
}

function abortQuietly(tx: { abort(): void; done: Promise<void> }): void {
  tx.done.catch(() => undefined);
  try {
    tx.abort();
  } catch {
    // Already finished or aborted.
  }
}
