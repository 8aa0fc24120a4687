import { describe, expect, test } from 'vitest';
import { DB_VERSION, openEnricherDb, type ResultRecord } from '../../src/shared/db.ts';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import type { Job, QueuedJob } from '../../src/shared/job.ts';
import { createJob, recoverOrphan, startAttempt } from '../../src/engine/transitions.ts';
import { IdbJobStore } from '../../src/store/idbJobStore.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { createV1Database, dumpForm, fetchV1Dump } from '../fixtures/schema-v1/loadV1.ts';
import { createTestEngine } from './fixtures/engine.ts';
import { uniqueDbName } from './fixtures/sessions.ts';
import { readRunningJobs, readStoredJob, readStoredJobs, RUNNING_JOBS_KEY } from '../../src/shared/runningJobs.ts';

/** Opens `name` (at `version`, running `upgrade` if it is a step up), stores `records` in `storeName` as that version wrote them, and closes it. */
async function storeAt(name: string, storeName: string, records: readonly unknown[], version?: number, upgrade?: (open: IDBOpenDBRequest) => void): Promise<void> {
  const open = indexedDB.open(name, version);
  if (upgrade) open.onupgradeneeded = () => upgrade(open);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const tx = db.transaction(storeName, 'readwrite');
  for (const record of records) tx.objectStore(storeName).put(record);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

/** Opens `name` at `version`, running `upgrade` if it is a step up, stores `jobs` as that version wrote them, and closes it. */
const openAt = (name: string, version: number, upgrade: (open: IDBOpenDBRequest) => void, jobs: readonly Job[] = []) => storeAt(name, 'jobs', jobs, version, upgrade);

/** Version 2's upgrade step, frozen here, then `jobs` stored as version 2 wrote them. */
const upgradeToV2 = (name: string, jobs: readonly Job[]) =>
  openAt(name, 2, (open) => open.transaction!.objectStore('jobs').createIndex('by-finished', 'finishedAt'), jobs);

/** Version 3's upgrade step, frozen here: 'by-queue' replaces 'by-state'. */
const upgradeToV3 = (name: string) =>
  openAt(name, 3, (open) => {
    const jobs = open.transaction!.objectStore('jobs');
    jobs.deleteIndex('by-state');
    jobs.createIndex('by-queue', ['state', 'priority', 'seq']);
  });

/** Version 4's upgrade step, frozen here, then `jobs` stored as version 4 wrote them: a running job was a record. */
const upgradeToV4 = (name: string, jobs: readonly Job[]) => openAt(name, 4, (open) => open.result.createObjectStore('jobPacks', { keyPath: 'id' }), jobs);
/** A library written at version 1 and upgraded step by step, as each version did, to version 5. */
async function libraryAtV5(): Promise<string> {
  const name = uniqueDbName();
  await createV1Database(name, await fetchV1Dump());
  await upgradeToV2(name, []);
  await upgradeToV3(name);
  await upgradeToV4(name, []);
  await openAt(name, 5, (open) => open.result.createObjectStore('runningJobs'));
  return name;
}
const DONE: StageOutcome = { status: 'done', result: {}, ms: 1 };
const FAILED: StageOutcome = { status: 'failed', error: { class: 'permanent', message: 'No screen could be read.' }, ms: 1 };

/** The order of the 'by-queue' index: state, then priority, as strings by code unit, then seq. */
function queueOrder(a: Job, b: Job): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return text(a.state, b.state) || text(a.priority, b.priority) || a.seq - b.seq;
}

describe('schema migration', () => {
  test('a library written at version 1 opens at the current version with every record intact, and v2 indexes it', async () => {
    const dump = await fetchV1Dump();
    expect(dump.version).toBe(1);
    const name = uniqueDbName();
    await createV1Database(name, dump);

    const db = await openEnricherDb(name);
    try {
      expect(DB_VERSION).toBe(8);
      expect(db.version).toBe(DB_VERSION);
      // Every session, media blob (byte for byte), job and result, exactly as version 1 stored them.
      for (const store of ['sessions', 'media', 'jobs', 'results'] as const) {
        const stored = await db.getAll(store);
        expect(stored.length, store).toBe(dump.stores[store].length);
        expect(await dumpForm(stored), store).toEqual(dump.stores[store]);
      }
      expect(dump.stores.media.length).toBeGreaterThan(0);
      const media = await db.getAll('media');
      expect(media.every((record) => record.blob instanceof Blob && record.blob.size > 0)).toBe(true);

      // v2: the finished jobs (and only they) are in the new index, oldest first.
      const jobs = (await readStoredJobs(db)) as Job[];
      const finished = jobs.filter((job): job is Job & { finishedAt: number } => 'finishedAt' in job).sort((a, b) => a.finishedAt - b.finishedAt);
      expect(jobs.map((job) => job.state).sort()).toEqual(['cancelled', 'running', 'succeeded', 'succeeded']);
      expect(await db.getAllKeysFromIndex('jobs', 'by-finished')).toEqual(finished.map((job) => job.id));
      // v3: 'by-queue' replaces 'by-state' and holds every job, by state, priority and seq.
      expect([...db.transaction('jobs').store.indexNames].sort()).toEqual(['by-finished', 'by-queue', 'by-session']);
      const byQueue = [...jobs].sort(queueOrder);
      expect(await db.getAllKeysFromIndex('jobs', 'by-queue')).toEqual(byQueue.map((job) => job.id));

      // v8: settled records start empty, with their two indexes; the finished jobs of before stay records.
      expect(await db.count('settledJobs')).toBe(0);
      expect([...db.transaction('settledJobs').store.indexNames].sort()).toEqual(['by-finished', 'by-session']);
      // v6: the results that failed whole are in their index: none of version 1's did.
      expect(await db.getAllKeysFromIndex('results', 'by-failed')).toEqual([]);
      // The app's stores read the migrated library: each session with its files and its result.
      const sessions = new SessionStore(db);
      for (const session of await db.getAll('sessions')) {
        const result = await sessions.result(session.id);
        expect(result?.sessionId).toBe(session.id);
        expect(Object.values(result?.outcomes ?? {}).every((outcome) => outcome.status === 'done')).toBe(true);
        const files = await db.getAllFromIndex('media', 'by-session', session.id);
        expect(files.map((file) => file.id).sort()).toEqual(
          [...session.screenshots, ...session.audio, ...(session.transcript ? [session.transcript] : [])].map((ref) => ref.id).sort(),
        );
      }

      // Retention reads the due jobs from the index: the oldest finished job goes, the rest stay.
      const store = new IdbJobStore(db);
      const oldest = finished[0]!;
      await store.deleteFinishedBefore(oldest.finishedAt + 1);
      expect(await db.get('jobs', oldest.id)).toBeUndefined();
      expect((await store.loadJobs()).map((job) => job.id).sort()).toEqual(jobs.filter((job) => job.id !== oldest.id).map((job) => job.id).sort());
    } finally {
      db.close();
      indexedDB.deleteDatabase(name);
    }
  });

  test('a library written at version 2 opens at version 3: its jobs unchanged, queued ones in dispatch order in by-queue', async () => {
    const name = uniqueDbName();
    await createV1Database(name, await fetchV1Dump());
    const priorities = ['low', 'high', 'normal', 'high', 'low', 'normal'] as const;
    const queued = priorities.map((priority, i) =>
      createJob({ id: `v2-${i}`, sessionId: `s-${i}`, batchId: 'v2', priority, seq: 100 + i, stageOrder: ['ocr'], timeoutMs: 1000, maxAttempts: 3, now: 1 }),
    );
    await upgradeToV2(name, queued);

    const db = await openEnricherDb(name);
    try {
      for (const job of queued) expect(await readStoredJob(db, job.id)).toEqual(job);
      const queue = await db.getAllKeysFromIndex('jobs', 'by-queue', IDBKeyRange.bound(['queued'], ['queued', []]));
      // By priority as a word (high, low, normal), then FIFO: start-up reads each priority's range on its own.
      expect(queue).toEqual(['v2-1', 'v2-3', 'v2-0', 'v2-4', 'v2-2', 'v2-5']);
      // Start-up's first page: the running job version 1 left, then the head of each priority in dispatch order.
      const pages: string[][] = [];
      for await (const page of new IdbJobStore(db, { headPerLane: 1, pageSize: 1 }).loadInPages()) pages.push(page.jobs.map((job) => job.id));
      const running = (await readStoredJobs(db)).find((job) => job.state === 'running')!;
      expect(pages[0]).toEqual([running.id, 'v2-1', 'v2-2', 'v2-0']);
      expect(new Set(pages.flat()).size).toBe(await db.count('jobs'));
    } finally {
      db.close();
      indexedDB.deleteDatabase(name);
    }
  });

  test('on a migrated library, the scheduler deletes long-finished jobs from the index before it loads any job', async () => {
    const dump = await fetchV1Dump();
    const name = uniqueDbName();
    await createV1Database(name, dump);
    const finishedAt = (dump.stores.jobs as Array<{ finishedAt?: number }>).flatMap((job) => (job.finishedAt ? [job.finishedAt] : []));
    const retentionMs = 60 * 60_000;
    const now = Math.max(...finishedAt) + retentionMs + 1;
    const engine = await createTestEngine({ retentionMs }, name, 'owner-migrated', { clock: () => now });
    try {
      const loaded: string[][] = [];
      const load = engine.store.loadInPages.bind(engine.store);
      engine.store.loadInPages = async function* () {
        for await (const page of load()) {
          loaded.push(page.jobs.map((job) => job.state));
          yield page;
        }
      };
      await engine.scheduler.start();
      // Only the job that was running when version 1 closed is loaded (and recovered); the three finished ones never were.
      expect(loaded).toEqual([['running']]);
      const wasRunning = (dump.stores.jobs as Array<{ id: string; state: string }>).find((job) => job.state === 'running')!;
      expect((await readStoredJobs(engine.db)).map((job) => job.id)).toEqual([wasRunning.id]);
      expect(await engine.db.count('results')).toBe(dump.stores.results.length);
    } finally {
      await engine.dispose();
    }
  });

  test('a library written at version 3 opens at the current version: its jobs stay records, and a big enqueue after is packed', async () => {
    const name = uniqueDbName();
    await createV1Database(name, await fetchV1Dump());
    const before = ['normal', 'high'].map((priority, i) =>
      createJob({ id: `v3-${i}`, sessionId: `s-${i}`, batchId: 'v3', priority: priority as 'normal' | 'high', seq: 100 + i, stageOrder: ['ocr'], timeoutMs: 1000, maxAttempts: 3, now: 1 }),
    );
    await upgradeToV2(name, before);
    await upgradeToV3(name);

    const db = await openEnricherDb(name);
    try {
      expect(db.version).toBe(DB_VERSION);
      const jobsBefore = await readStoredJobs(db);
      for (const job of before) expect(await readStoredJob(db, job.id)).toEqual(job);
      expect(await db.count('jobPacks')).toBe(0);
      const big = Array.from({ length: 5 }, (_, i) =>
        createJob({ id: `v4-${i}`, sessionId: `t-${i}`, batchId: 'v4', priority: 'normal', seq: 200 + i, stageOrder: ['ocr'], timeoutMs: 1000, maxAttempts: 3, now: 2 }),
      );
      await new IdbJobStore(db, { packFrom: 4 }).commit({ jobs: big, created: true });
      expect(await readStoredJobs(db)).toEqual(jobsBefore);
      expect(await db.count('jobPacks')).toBe(1);
      const loaded = await new IdbJobStore(db).loadJobs();
      expect(loaded.map((job) => job.id).sort()).toEqual([...jobsBefore, ...big].map((job) => job.id).sort());
    } finally {
      db.close();
      indexedDB.deleteDatabase(name);
    }
  });

  test('a library written at version 4 with a running job record opens at version 5: the run is recovered, and runs after it go in the running record', async () => {
    const name = uniqueDbName();
    await createV1Database(name, await fetchV1Dump());
    await upgradeToV2(name, []);
    await upgradeToV3(name);
    const queued = createJob({ id: 'v4-run', sessionId: 's-v4', batchId: 'v4', priority: 'high', seq: 300, stageOrder: ['ocr'], timeoutMs: 1000, maxAttempts: 3, now: 1 });
    const running = startAttempt(queued, { owner: 'tab-v4', runId: 'run-v4' }, 2);
    await upgradeToV4(name, [running]);

    const db = await openEnricherDb(name);
    try {
      expect(db.version).toBe(DB_VERSION);
      expect(await db.get('runningJobs', RUNNING_JOBS_KEY)).toBeUndefined();
      const store = new IdbJobStore(db);
      // Version 4's running record is read as the running job it is.
      expect((await store.loadJobs()).find((job) => job.id === running.id)).toEqual(running);
      // Its recovery is a record again; a new run of it goes in the running record only.
      const recovered = recoverOrphan(running, 3);
      await store.commit({ jobs: [recovered] });
      expect(await db.get('jobs', running.id)).toEqual(recovered);
      const rerun = startAttempt(recovered as QueuedJob, { owner: 'tab-v5', runId: 'run-v5' }, 4);
      await store.commit({ jobs: [rerun] });
      expect(await db.get('jobs', running.id)).toEqual(recovered);
      expect(await readRunningJobs(db)).toEqual([rerun]);
      expect(await readStoredJob(db, running.id)).toEqual(rerun);
    } finally {
      db.close();
      indexedDB.deleteDatabase(name);
    }
  });

  test('a library written at version 5 opens at the current version: results that failed whole or in part are marked and indexed, the others unchanged', async () => {
    const name = await libraryAtV5();
    const stored: ResultRecord[] = [
      { sessionId: 'all-failed', jobId: 'j1', attempt: 3, committedAt: 40, outcomes: { ocr: FAILED, chapters: FAILED } },
      { sessionId: 'partly', jobId: 'j2', attempt: 1, committedAt: 50, outcomes: { ocr: DONE, chapters: FAILED } },
      { sessionId: 'done', jobId: 'j3', attempt: 1, committedAt: 60, outcomes: { ocr: DONE } },
    ];
    await storeAt(name, 'results', stored);

    const db = await openEnricherDb(name);
    try {
      expect(await db.getAllKeysFromIndex('results', 'by-failed')).toEqual(['all-failed']);
      expect(await db.getAllKeysFromIndex('results', 'by-partly-failed')).toEqual(['partly']);
      expect(await db.get('results', 'all-failed')).toEqual({ ...stored[0], failedAt: 40 });
      expect(await db.get('results', 'partly')).toEqual({ ...stored[1], partlyFailedAt: 50 });
      expect(await db.get('results', 'done')).toEqual(stored[2]);
    } finally {
      db.close();
      indexedDB.deleteDatabase(name);
    }
  });

  test('a library written at version 6 opens at version 7: results partly failed are marked and indexed, those marked failed whole kept', async () => {
    const name = await libraryAtV5();
    await openAt(name, 6, (open) => open.transaction!.objectStore('results').createIndex('by-failed', 'failedAt'));
    const stored: ResultRecord[] = [
      { sessionId: 'all-failed', jobId: 'j1', attempt: 3, committedAt: 40, failedAt: 40, outcomes: { ocr: FAILED, chapters: FAILED } },
      { sessionId: 'partly', jobId: 'j2', attempt: 1, committedAt: 50, outcomes: { ocr: DONE, chapters: FAILED } },
      { sessionId: 'done', jobId: 'j3', attempt: 1, committedAt: 60, outcomes: { ocr: DONE, audio: { status: 'skipped', message: 'No recording.' } } },
    ];
    await storeAt(name, 'results', stored);

    const db = await openEnricherDb(name);
    try {
      expect(await db.getAllKeysFromIndex('results', 'by-failed')).toEqual(['all-failed']);
      expect(await db.getAllKeysFromIndex('results', 'by-partly-failed')).toEqual(['partly']);
      const mine = (await db.getAll('results')).filter((record) => stored.some((one) => one.sessionId === record.sessionId));
      expect(mine).toEqual([stored[0], stored[2], { ...stored[1], partlyFailedAt: 50 }]); // in key order
    } finally {
      db.close();
      indexedDB.deleteDatabase(name);
    }
  });
});
