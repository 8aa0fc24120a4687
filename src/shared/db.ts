import { openDB, unwrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { FinishedJob, Job, QueuedJob, RunningJob } from './job.ts';
import type { MediaRecord, SessionRecord } from './session.ts';
import type { StageOutcome } from './protocol.ts';
import { failedWhole, partlyFailed } from './failedWhole.ts';

/** The stored outcome of the last committed enrichment of a session. */
export interface ResultRecord {
  sessionId: string;
  jobId: string;
  /** The attempt whose outcome this is. */
  attempt: number;
  /** The run that wrote it (its lease's `runId`): exactly one run's result is committed per settle. Absent in records of before. */
  runId?: string;
  committedAt: number;
  outcomes: Record<string, StageOutcome>;
  /**
   * Set (to `committedAt`) when no stage is done (`failedWhole`), and only then: the 'by-failed' index
   * (v6) holds these, so "Enrich all" finds the sessions that failed whole after retention deleted
   * their jobs without reading every result.
   */
  failedAt?: number;
  /**
   * Set (to `committedAt`) when a stage failed and another is done (`partlyFailed`), and only then:
   * the 'by-partly-failed' index (v7) holds these, so "Retry failed" finds the sessions partly done
   * after retention deleted their jobs.
   */
  partlyFailedAt?: number;
  /**
   * Which job and run wrote each stage's outcome: a result merges outcomes of earlier runs (a retry,
   * or a `reapply-privacy` job over another job's result). Absent in records of before.
   */
  writtenBy?: Record<string, StageWriter>;
}

/** The run that wrote one stage's outcome. */
export interface StageWriter {
  jobId: string;
  attempt: number;
  runId?: string;
}

/** What every job of a pack shares, stored once: a new queued job's fields but its own four. */
export type JobPackSpec = Pick<QueuedJob, 'batchId' | 'priority' | 'maxAttempts' | 'stageOrder' | 'createdAt' | 'updatedAt' | 'params' | 'kind'>;

/**
 * New queued jobs written together as one record (v4): a big enqueue stores a few hundred jobs per
 * record instead of one record each, since IndexedDB's cost is per record. A job leaves its pack
 * when it changes to any state but running, or is deleted: in one transaction its record is written
 * and the pack rewritten without it (deleted with its last job). A running job stays in its pack, as
 * a running job's record keeps its state before the run; a job is never in a pack and in `jobs` at
 * once. Columns by job.
 */
export interface JobPackRecord {
  id: string;
  spec: JobPackSpec;
  ids: string[];
  sessionIds: string[];
  seqs: number[];
  timeoutMs: number[];
}

/**
 * Every job whose latest stored state is 'running', in one record (v5) rewritten in the transaction
 * that starts or settles any of them: a run's start costs no record of its own, since IndexedDB's
 * cost is per record. A running job's record in `jobs` (if any: a packed job has none) still holds
 * the state before the run; this record's copy is the current one.
 */
export interface RunningJobsRecord {
  jobs: RunningJob[];
}

/**
 * The jobs one transaction settled (v8), written as one record: IndexedDB's cost is per record, and a
 * settled job's record was most of what a durable job cost (docs/benchmarks.md, stop 47). A job
 * leaves its record when it changes again (a requeue) or is deleted: in one transaction the record is
 * rewritten without it (deleted with its last job). A job is never in a settled record and in `jobs`
 * or a pack at once; records in `jobs` of finished jobs, written before v8, are still read as such.
 */
export interface SettledJobsRecord {
  id: string;
  /** The newest `finishedAt` of its jobs: retention deletes the record once all of them are due. */
  finishedAt: number;
  /** Its jobs' sessions, each once: the 'by-session' index (multi-entry) finds a session's settled jobs. */
  sessionIds: string[];
  jobs: FinishedJob[];
}

/** The whole schema in one place. Bump DB_VERSION and add a step to `upgrade` to change it. */
export interface EnricherDB extends DBSchema {
  sessions: { key: string; value: SessionRecord; indexes: { 'by-imported': number } };
  media: { key: string; value: MediaRecord; indexes: { 'by-session': string } };
  /**
   * 'by-finished' (v2) holds only finished jobs: the others have no `finishedAt`. 'by-queue' (v3) orders
   * jobs by state, then priority (as a word), then `seq`: start-up reads the running jobs and the head
   * of each priority's queue from it, in order, without reading the rest first.
   */
  jobs: { key: string; value: Job; indexes: { 'by-session': string; 'by-queue': [string, string, number]; 'by-finished': number } };
  results: { key: string; value: ResultRecord; indexes: { 'by-failed': number; 'by-partly-failed': number } };
  /** Queued jobs written together (v4): see `JobPackRecord`. */
  jobPacks: { key: string; value: JobPackRecord };
  /** The running jobs (v5): see `RunningJobsRecord`. One record, under RUNNING_JOBS_KEY. */
  runningJobs: { key: string; value: RunningJobsRecord };
  /** Jobs settled together (v8): see `SettledJobsRecord`. */
  settledJobs: { key: string; value: SettledJobsRecord; indexes: { 'by-session': string; 'by-finished': number } };
  meta: { key: string; value: unknown };
}

export const DB_VERSION = 8;
export const DEFAULT_DB_NAME = 'session-enricher';

/**
 * Opens (and creates or migrates) the database. Used by the main thread and by workers,
 * which read sessions and media but never write queue state.
 */
export function openEnricherDb(name: string = DEFAULT_DB_NAME, onVersionChange?: () => void): Promise<IDBPDatabase<EnricherDB>> {
  return openDB<EnricherDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        db.createObjectStore('sessions', { keyPath: 'id' }).createIndex('by-imported', 'importedAt');
        db.createObjectStore('media', { keyPath: 'id' }).createIndex('by-session', 'sessionId');
        const jobs = db.createObjectStore('jobs', { keyPath: 'id' });
        jobs.createIndex('by-session', 'sessionId');
        // Replaced by 'by-queue' in v3; created here as v1 did, so every library upgrades by the same steps.
        unwrap(jobs).createIndex('by-state', 'state');
        db.createObjectStore('results', { keyPath: 'sessionId' });
        db.createObjectStore('meta');
      }
      if (oldVersion < 2) {
        // Retention reads the jobs due for deletion straight from this index instead of loading every
        // job. Creating it indexes the finished jobs already stored: nothing else to migrate.
        transaction.objectStore('jobs').createIndex('by-finished', 'finishedAt');
      }
      if (oldVersion < 3) {
        // Start-up pages the queue through this index in dispatch order. It replaces 'by-state', which
        // nothing read, so a write still updates three indexes. No record changes.
        const jobs = transaction.objectStore('jobs');
        // Unwrapped: the schema's type no longer names the old index.
        unwrap(jobs).deleteIndex('by-state');
        jobs.createIndex('by-queue', ['state', 'priority', 'seq']);
      }
      if (oldVersion < 4) {
        // Big enqueues store their new jobs packed (see JobPackRecord). No record changes: stored jobs
        // stay records, and an older app, which would not see packed jobs, cannot open this version.
        db.createObjectStore('jobPacks', { keyPath: 'id' });
      }
      if (oldVersion < 5) {
        // Running states move to one record (see RunningJobsRecord). Running job records stored before
        // are still read as such; an older app, which would not see this record, cannot open this version.
        db.createObjectStore('runningJobs');
      }
      if (oldVersion < 7) markFailedResults(unwrap(transaction.objectStore('results')), oldVersion);
      if (oldVersion < 8) {
        // Settled jobs are written together (see SettledJobsRecord). Finished job records stored before
        // stay records; an older app, which would not see these, cannot open this version.
        const settled = db.createObjectStore('settledJobs', { keyPath: 'id' });
        settled.createIndex('by-session', 'sessionIds', { multiEntry: true });
        settled.createIndex('by-finished', 'finishedAt');
      }
    },
    blocking(_current, _next, event) {
      // A newer version wants in (another tab after an update): step aside so it can migrate. This
      // connection is then closed for good: its owner must stop using it (the tab steps down).
      (event.target as IDBDatabase).close();
      onVersionChange?.();
    },
  });
}

export type EnricherDb = IDBPDatabase<EnricherDB>;

/**
 * v6: the 'by-failed' index; v7: the 'by-partly-failed' index. The results stored before are marked
 * for both in one pass, a cursor step per task (a library's results are read once, in the upgrade).
 * An older app, which would write unmarked results, cannot open this version.
 */
function markFailedResults(results: IDBObjectStore, oldVersion: number): void {
  if (oldVersion < 6) results.createIndex('by-failed', 'failedAt');
  results.createIndex('by-partly-failed', 'partlyFailedAt');
  const cursor = results.openCursor();
  cursor.onsuccess = () => {
    const at = cursor.result;
    if (!at) return;
    const record = at.value as ResultRecord;
    const failed = record.failedAt === undefined && failedWhole(record.outcomes);
    const partly = record.partlyFailedAt === undefined && partlyFailed(record.outcomes);
    if (failed || partly) {
      at.update({ ...record, ...(failed ? { failedAt: record.committedAt } : {}), ...(partly ? { partlyFailedAt: record.committedAt } : {}) });
    }
    at.continue();
  };
}
