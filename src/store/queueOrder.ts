import type { EnricherDb } from '../shared/db.ts';
import { PRIORITIES, type Job, type JobState, type Priority } from '../shared/job.ts';
import type { PackedLane } from './packedLane.ts';

/** A key of the jobs store's 'by-queue' index: state, priority (as a word), seq. */
type QueueKey = [string, string, number];


/** Every key of one state. Arrays sort after numbers and strings, so `[state, []]` is past them all. */
const stateRange = (state: JobState) => IDBKeyRange.bound([state], [state, []]);
const laneRange = (priority: Priority) => IDBKeyRange.bound(['queued', priority], ['queued', priority, []]);

/**
 * The keys of jobs that are not running, waiting or queued (finished ones): before 'queued', and
 * between 'running' and 'waiting-retry' in the index's order.
 */
const FINISHED_RANGES = [IDBKeyRange.upperBound(['queued'], true), IDBKeyRange.bound(['running', []], ['waiting-retry'], true, true)];

const keyOf = (job: Job): QueueKey => [job.state, job.priority, job.seq];

/** A page of jobs, and the priorities whose queued jobs have all been read by then. */
export interface QueuePage {
  jobs: Job[];
  lanesRead: Priority[];
}

/**
 * The whole jobs store, a page at a time, in the order a scheduler needs it: first the running and
 * waiting jobs and the first `headPerLane` queued jobs of each priority, then each priority's queued
 * jobs in dispatch order, then the finished jobs. `packed` gives each priority's queued jobs that are
 * stored in packs, by `seq`: they are merged into their priority's order, so a lane's head is its
 * first jobs whichever way they are stored. A job may come twice; the caller skips the jobs it holds.
 */
export async function* readQueueInPages(
  db: EnricherDb,
  headPerLane: number,
  pageSize: number,
  packed: ReadonlyMap<Priority, PackedLane> = new Map(),
): AsyncGenerator<QueuePage> {
  const lanesRead: Priority[] = [];
  const index = db.transaction('jobs').store.index('by-queue');
  const lanes = PRIORITIES.map((priority) => new LaneReader(db, priority, packed.get(priority)));
  const [running, waiting, ...heads] = await Promise.all([
    index.getAll(stateRange('running')),
    index.getAll(stateRange('waiting-retry')),
    ...lanes.map((lane) => lane.next(headPerLane)),
  ]);
  lanes.forEach((lane) => {
    if (lane.done) lanesRead.push(lane.priority);
  });
  yield { jobs: [...running, ...waiting, ...heads.flat()], lanesRead: [...lanesRead] };
  for (const lane of lanes) {
    if (lane.done) continue;
    while (!lane.done) {
      const jobs = await lane.next(pageSize);
      if (jobs.length > 0) yield { jobs, lanesRead: [...lanesRead] };
    }
    lanesRead.push(lane.priority);
    yield { jobs: [], lanesRead: [...lanesRead] };
  }
  for (const range of FINISHED_RANGES) for await (const jobs of pagesOf(db, range, pageSize)) yield { jobs, lanesRead: [...lanesRead] };
}

/** One priority's queued jobs in `seq` order: the 'by-queue' index's, read a page ahead, merged with the packed ones. */
class LaneReader {
  private buffer: Job[] = [];
  private nextStored = 0;
  private from: IDBKeyRange;
  private indexDone = false;
  private packedDone: boolean;
  done = false;

  constructor(
    private readonly db: EnricherDb,
    readonly priority: Priority,
    private readonly packed: PackedLane | undefined,
  ) {
    this.from = laneRange(priority);
    this.packedDone = packed === undefined;
  }

  /** The next `count` jobs (fewer only once the lane is done). */
  async next(count: number): Promise<Job[]> {
    const out: Job[] = [];
    while (out.length < count) {
      if (this.nextStored >= this.buffer.length && !this.indexDone) await this.readIndex(count);
      const packed = this.packedDone ? undefined : await this.packed!.peek(count - out.length);
      if (packed === undefined) this.packedDone = true;
      const stored = this.buffer[this.nextStored];
      if (packed !== undefined && (stored === undefined || packed.seq < stored.seq)) {
        out.push(packed);
        this.packed!.take();
      } else if (stored !== undefined) {
        out.push(stored);
        this.nextStored++;
      } else break;
    }
    this.done = this.indexDone && this.nextStored >= this.buffer.length && this.packedDone;
    return out;
  }

  private async readIndex(count: number): Promise<void> {
    const range = laneRange(this.priority);
    const page = await this.db.getAllFromIndex('jobs', 'by-queue', this.from, count);
    this.buffer = page;
    this.nextStored = 0;
    if (page.length < count) this.indexDone = true;
    // Keys are unique (`seq` is), so the next page starts just past the last key read.
    else this.from = IDBKeyRange.bound(keyOf(page.at(-1)!), range.upper, true, range.upperOpen);
  }
}

async function* pagesOf(db: EnricherDb, range: IDBKeyRange, pageSize: number): AsyncGenerator<Job[]> {
  let from = range;
  for (;;) {
    const page = await db.getAllFromIndex('jobs', 'by-queue', from, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    // Keys are unique (`seq` is), so the next page starts just past the last key read.
    from = IDBKeyRange.bound(keyOf(page.at(-1)!), range.upper, true, range.upperOpen);
  }
}
