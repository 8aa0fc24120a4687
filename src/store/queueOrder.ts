import type { EnricherDb } from '../shared/db.ts';
import { PRIORITIES, type Job, type JobState, type Priority } from '../shared/job.ts';

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
 * waiting jobs and the first `headPerLane` queued jobs of each priority (one transaction), then each
 * priority's queued jobs in dispatch order, then the finished jobs. A lane's head comes again in its
 * pages; the caller skips the jobs it holds.
 */
export async function* readQueueInPages(db: EnricherDb, headPerLane: number, pageSize: number): AsyncGenerator<QueuePage> {
  const lanesRead: Priority[] = [];
  const index = db.transaction('jobs').store.index('by-queue');
  const [running, waiting, ...heads] = await Promise.all([
    index.getAll(stateRange('running')),
    index.getAll(stateRange('waiting-retry')),
    ...PRIORITIES.map((priority) => index.getAll(laneRange(priority), headPerLane)),
  ]);
  PRIORITIES.forEach((priority, i) => {
    if (heads[i]!.length < headPerLane) lanesRead.push(priority);
  });
  yield { jobs: [...running, ...waiting, ...heads.flat()], lanesRead: [...lanesRead] };
  for (const priority of PRIORITIES) {
    if (lanesRead.includes(priority)) continue;
    for await (const jobs of pagesOf(db, laneRange(priority), pageSize)) yield { jobs, lanesRead: [...lanesRead] };
    lanesRead.push(priority);
    yield { jobs: [], lanesRead: [...lanesRead] };
  }
  for (const range of FINISHED_RANGES) for await (const jobs of pagesOf(db, range, pageSize)) yield { jobs, lanesRead: [...lanesRead] };
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
