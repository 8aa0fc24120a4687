import { describe, expect, test } from 'vitest';
import { DB_VERSION, openEnricherDb } from '../../src/shared/db.ts';
import type { Job } from '../../src/shared/job.ts';
import { IdbJobStore } from '../../src/store/idbJobStore.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { createV1Database, dumpForm, fetchV1Dump } from '../fixtures/schema-v1/loadV1.ts';
import { createTestEngine } from './fixtures/engine.ts';
import { uniqueDbName } from './fixtures/sessions.ts';

describe('schema migration', () => {
  test('a library written at version 1 opens at the current version with every record intact, and v2 indexes it', async () => {
    const dump = await fetchV1Dump();
    expect(dump.version).toBe(1);
    const name = uniqueDbName();
    await createV1Database(name, dump);

    const db = await openEnricherDb(name);
    try {
      expect(DB_VERSION).toBe(2);
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
      const jobs = (await db.getAll('jobs')) as Job[];
      const finished = jobs.filter((job): job is Job & { finishedAt: number } => 'finishedAt' in job).sort((a, b) => a.finishedAt - b.finishedAt);
      expect(jobs.map((job) => job.state).sort()).toEqual(['cancelled', 'running', 'succeeded', 'succeeded']);
      expect(await db.getAllKeysFromIndex('jobs', 'by-finished')).toEqual(finished.map((job) => job.id));

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
      expect(await store.deleteFinishedBefore(oldest.finishedAt + 1)).toEqual([oldest.id]);
      expect((await store.loadJobs()).map((job) => job.id).sort()).toEqual(jobs.filter((job) => job.id !== oldest.id).map((job) => job.id).sort());
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
      const load = engine.store.loadJobs.bind(engine.store);
      engine.store.loadJobs = async () => {
        const jobs = await load();
        loaded.push(jobs.map((job) => job.state));
        return jobs;
      };
      await engine.scheduler.start();
      // Only the job that was running when version 1 closed is loaded (and recovered); the three finished ones never were.
      expect(loaded).toEqual([['running']]);
      const wasRunning = (dump.stores.jobs as Array<{ id: string; state: string }>).find((job) => job.state === 'running')!;
      expect((await engine.db.getAll('jobs')).map((job) => job.id)).toEqual([wasRunning.id]);
      expect(await engine.db.count('results')).toBe(dump.stores.results.length);
    } finally {
      await engine.dispose();
    }
  });
});
