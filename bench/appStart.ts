import { DEFAULT_DB_NAME, openEnricherDb, type EnricherDb } from '../src/shared/db.ts';
import { createJob } from '../src/engine/transitions.ts';
import { PIPELINE_STAGES } from '../src/shared/pipeline.ts';
import type { FinishedJob, SucceededJob } from '../src/shared/job.ts';
import { RUNNING_JOBS_KEY } from '../src/shared/runningJobs.ts';
import { settledRecords } from '../src/store/settledRecords.ts';
import { addTinySessions } from './harness.ts';

/** The session the one queued job enriches: a tiny one, so that its run ends quickly. */
const SESSION_PREFIX = 'app-start-';
/** Job records put per transaction while preparing. */
const CHUNK = 5_000;
/** Jobs per settled record when the history is written as the app writes it since schema v8: a batch's commits settle about 17. */
const SETTLED_PER_RECORD = 17;

export interface AppHistory {
  /** Finished job records stored, besides the one queued job. */
  jobs: number;
  /** The queued job the app's scheduler should start first. */
  queuedId: string;
  /** Where the driver's watcher looks for its start: the app's database and its running record's key. */
  dbName: string;
  runningKey: string;
}

/**
 * Empties what a run leaves in the app's database: jobs (records, packs, the running record), settings,
 * and the tiny session's result. Other results stay: scenario 11's session, prepared once before the
 * runs, must keep its results from one run to the next.
 */
async function clearQueue(db: EnricherDb): Promise<void> {
  const tx = db.transaction(['jobs', 'jobPacks', 'runningJobs', 'settledJobs', 'results', 'meta'], 'readwrite');
  await Promise.all([
    ...(['jobs', 'jobPacks', 'runningJobs', 'settledJobs', 'meta'] as const).map((name) => tx.objectStore(name).clear()),
    tx.objectStore('results').delete(IDBKeyRange.bound(SESSION_PREFIX, `${SESSION_PREFIX}\uffff`)),
  ]);
  await tx.done;
}

/**
 * Scenario 6 in the real app, first half: the app's own database as a library with a long history,
 * `jobs` finished jobs over its sessions (a library enriched again and again), a record each or in
 * settled records (`form`), and one job queued behind them. The driver then loads index.html and times its first dispatch.
 */
export async function prepareAppHistory(jobs: number, form: 'records' | 'settled' = 'records'): Promise<AppHistory> {
  const db = await openEnricherDb(DEFAULT_DB_NAME);
  try {
    await clearQueue(db);
    const [sessionId] = await addTinySessions(db, 1, SESSION_PREFIX);
    const sessionIds = await db.getAllKeys('sessions');
    const now = Date.now();
    for (let from = 0; from < jobs; from += CHUNK) {
      const tx = db.transaction(['jobs', 'settledJobs'], 'readwrite', { durability: 'relaxed' });
      const finished: FinishedJob[] = [];
      for (let i = from; i < Math.min(jobs, from + CHUNK); i++) {
        const job = createJob({ id: `history-${i}`, sessionId: sessionIds[i % sessionIds.length]!, batchId: 'history', priority: 'normal', seq: i, stageOrder: [...PIPELINE_STAGES], timeoutMs: 60_000, maxAttempts: 3, now });
        const stages = Object.fromEntries(PIPELINE_STAGES.map((stage) => [stage, { status: 'done' as const, progress: 1, ms: 10 }]));
        finished.push({ ...job, state: 'succeeded', stages, attempts: 1, startedAt: now, finishedAt: now } satisfies SucceededJob);
      }
      // As versions before schema v8 wrote them (a record each), or as the app writes them now.
      if (form === 'records') for (const job of finished) void tx.objectStore('jobs').put(job);
      else for (const record of settledRecords(finished, SETTLED_PER_RECORD)) void tx.objectStore('settledJobs').put(record);
      await tx.done;
    }
    const queued = createJob({ id: 'app-start-queued', sessionId: sessionId!, batchId: 'now', priority: 'normal', seq: jobs, stageOrder: [...PIPELINE_STAGES], timeoutMs: 60_000, maxAttempts: 3, now });
    await db.put('jobs', queued);
    return { jobs, queuedId: queued.id, dbName: DEFAULT_DB_NAME, runningKey: RUNNING_JOBS_KEY };
  } finally {
    db.close();
  }
}

/** Scenario 6 in the real app, cleanup: the history and the tiny session go; the library stays. */
export async function clearAppHistory(): Promise<void> {
  const db = await openEnricherDb(DEFAULT_DB_NAME);
  try {
    await clearQueue(db);
    await db.delete('sessions', `${SESSION_PREFIX}0`);
  } finally {
    db.close();
  }
}

/**
 * Scenario 6 in the real app, the watch: from this (bench) page, a renderer of its own, reads the
 * app's running record and the queued job's record every 10 ms until the job has started, and
 * resolves with that moment as an epoch time (timeOrigin + now). Watched from inside the app's page,
 * each read would wait for that page's main thread, busy with its first render, and be late.
 */
export async function watchAppDispatch(history: AppHistory, timeoutMs = 120_000): Promise<number> {
  const db = await openEnricherDb(history.dbName);
  const deadline = performance.now() + timeoutMs;
  try {
    for (;;) {
      if (performance.now() > deadline) throw new Error(`the app started no job within ${timeoutMs / 1000} s`);
      const tx = db.transaction(['runningJobs', 'jobs']);
      const [running, job] = await Promise.all([tx.objectStore('runningJobs').get(history.runningKey), tx.objectStore('jobs').get(history.queuedId)]);
      // Its record goes once it settles (into a settled record): gone, it has run.
      if (running?.jobs.some((j) => j.id === history.queuedId) || job?.state !== 'queued') return performance.timeOrigin + performance.now();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    db.close();
  }
}
