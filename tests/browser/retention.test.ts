import { afterEach, describe, expect, it } from 'vitest';
import { createTestEngine, type TestEngine } from './fixtures/engine.ts';
import { readStoredJob, readStoredJobs } from '../../src/shared/runningJobs.ts';

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.dispose();
});

const HOUR = 60 * 60_000;

describe('retention', () => {
  it('prunes finished jobs older than the window at start; session results stay; failed jobs can be requeued', async () => {
    let now = Date.now();
    const clock = () => now;
    const first = await createTestEngine({ concurrency: 1, maxAttempts: 1, retentionMs: 24 * HOUR }, undefined, undefined, { clock });
    engines.push(first);
    await first.scheduler.start();
    const [oldSession, failingSession] = await first.addSessions(2);
    const [old] = await first.scheduler.enqueue([{ sessionId: oldSession!, timeoutMs: 10_000 }], { batchId: 'old', stages: ['test.ok'] });
    await first.scheduler.drain();

    now += 25 * HOUR;
    const [failed] = await first.scheduler.enqueue([{ sessionId: failingSession!, timeoutMs: 10_000 }], {
      batchId: 'new',
      stages: ['test.throw'],
    });
    await first.scheduler.drain();

    const second = await first.restart(undefined, { clock });
    engines.push(second);
    // The deletion is not awaited before the queue is read, but the reads must come after it: the old
    // job is never loaded, not even for a moment.
    const loaded = new Set<string>();
    second.scheduler.subscribe(({ changed }) => changed.forEach((id) => loaded.add(id)));
    await second.scheduler.start();
    expect(loaded.has(old!.id)).toBe(false);
    expect(loaded.has(failed!.id)).toBe(true);
    const jobs = await readStoredJobs(second.db);
    expect(jobs.map((job) => job.id)).toEqual([failed!.id]);
    expect(await second.db.get('results', oldSession!)).toBeDefined();

    await second.scheduler.requeue([failed!.id]);
    expect(second.scheduler.get(failed!.id)?.state).not.toBe('failed');
    await second.scheduler.drain();
    expect((await readStoredJob(second.db, failed!.id))?.attempts).toBe(1);
  });

  it('prune() removes due jobs while running, and tells listeners which ones', async () => {
    let now = Date.now();
    const e = await createTestEngine({ retentionMs: HOUR }, undefined, undefined, { clock: () => now });
    engines.push(e);
    await e.scheduler.start();
    const ids = await e.addSessions(2);
    const jobs = await e.scheduler.enqueue(ids.map((sessionId) => ({ sessionId, timeoutMs: 10_000 })), { batchId: 'b', stages: ['test.ok'] });
    await e.scheduler.drain();
    const removed: string[] = [];
    e.scheduler.subscribe((change) => removed.push(...change.removed));
    now += 2 * HOUR;
    await e.scheduler.prune();
    expect(removed.sort()).toEqual(jobs.map((job) => job.id).sort());
    expect(await e.db.count('jobs')).toBe(0);
    expect(await e.db.count('results')).toBe(2);
  });
});
