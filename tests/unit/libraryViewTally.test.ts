import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { LibraryView, type LibrarySnapshot } from '../../src/app/libraryView.ts';
import { DEFAULT_OPTIONS } from '../../src/engine/options.ts';
import { zeroCounts } from '../../src/engine/stats.ts';
import { cancelJob, createJob, failAttempt, settleAttempt, startAttempt } from '../../src/engine/transitions.ts';
import { RESULT_NOT_SAVED, failedForSpace } from '../../src/engine/unsaved.ts';
import { isTerminal, type Job, type QueuedJob, type RunningJob } from '../../src/shared/job.ts';
import { bareSession } from '../fixtures/stageContext.ts';
import { mulberry32 } from '../../workers/samples/random.ts';

/** The snapshot once published (on a timer outside a page). */
function published(view: LibraryView): LibrarySnapshot {
  vi.advanceTimersByTime(300);
  return view.getSnapshot();
}

const ctx = (now: number) => ({ now, random: () => 0.5, options: DEFAULT_OPTIONS });
let seq = 0;
const queued = (sessionId: string, now: number, kind?: 'reapply-privacy'): QueuedJob =>
  createJob({ id: `j${++seq}`, sessionId, batchId: 'b', priority: 'normal', seq, stageOrder: ['ocr'], timeoutMs: 10_000, maxAttempts: 3, now, ...(kind ? { kind } : {}) });
const running = (job: QueuedJob, now: number): RunningJob => startAttempt(job, { owner: 'tab', runId: `r${job.id}` }, now);

/** Every state a job shown can be in, a storage-full failure among them. */
function advanced(job: QueuedJob, now: number, roll: number): Job {
  if (roll < 0.2) return job;
  if (roll < 0.4) return running(job, now);
  if (roll < 0.55) return settleAttempt(running(job, now), { ocr: { status: 'done', result: null, ms: 1 } }, ctx(now));
  if (roll < 0.65) return failAttempt(running(job, now), { class: 'permanent', message: 'Broken file.' }, ctx(now));
  if (roll < 0.75) return failAttempt(running(job, now), { class: 'permanent', message: RESULT_NOT_SAVED }, ctx(now));
  if (roll < 0.85) return failAttempt(running(job, now), { class: 'timeout', message: 'Took too long.' }, { ...ctx(now), options: { ...DEFAULT_OPTIONS } });
  return cancelJob(job, now);
}

/** What the snapshot says, counted afresh from the jobs it shows: what it said before it kept a tally. */
function recounted(snapshot: LibrarySnapshot, storedFailed: readonly string[]) {
  const counts = zeroCounts();
  let done = 0;
  let storageFull = 0;
  const running: string[] = [];
  for (const job of snapshot.jobs.values()) {
    counts[job.state]++;
    if (isTerminal(job.state)) done++;
    if (failedForSpace(job)) storageFull++;
    if (job.state === 'running') running.push(job.id);
  }
  const sessions = new Set(snapshot.sessions.map((session) => session.id));
  const failedStored = storedFailed.filter((id) => !snapshot.jobs.has(id) && sessions.has(id)).length;
  return { counts, batch: { done, total: snapshot.jobs.size }, storageFull, failedStored, running: running.sort() };
}

const told = (snapshot: LibrarySnapshot) => ({
  counts: snapshot.counts,
  batch: snapshot.batch,
  storageFull: snapshot.storageFull,
  failedStored: snapshot.failedStored,
  running: snapshot.running.map(({ job }) => job.id).sort(),
});

describe('LibraryView keeps its counts as jobs change', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('after random updates, removals, resets, stored failures and sessions added, every snapshot says what a count of its jobs says', () => {
    const random = mulberry32(7);
    const view = new LibraryView();
    const sessions = Array.from({ length: 300 }, (_, i) => bareSession({ id: `s${i}`, title: `Session ${i}` }));
    view.setSessions(sessions.slice(0, 250));
    const live = new Map<string, Job>();
    let storedFailed: string[] = [];
    // The sequence reaches every count: none stays at 0 throughout.
    const seen = { storageFull: 0, failedStored: 0, running: 0 };
    let now = 1_000;
    for (let round = 0; round < 120; round++) {
      for (let step = 0; step < 40; step++) {
        now += 10;
        const sessionId = `s${Math.floor(random() * sessions.length)}`;
        const roll = random();
        if (roll < 0.7) {
          const job = advanced(queued(sessionId, now, random() < 0.2 ? 'reapply-privacy' : undefined), now, random());
          live.set(job.id, job);
          view.updateJobs([job]);
        } else if (roll < 0.8) {
          const ids = [...live.keys()].filter(() => random() < 0.05);
          for (const id of ids) live.delete(id);
          view.removeJobs(new Set(ids));
        } else if (roll < 0.97) {
          const older = [...live.values()][Math.floor(random() * live.size)];
          if (older) view.updateStoredJobs([older]);
        } else if (roll < 0.98) {
          // Sessions whose stored results failed: among them some never shown, and some with a job.
          storedFailed = sessions.map((session) => session.id).filter(() => random() < 0.3);
          view.setStoredFailed(storedFailed);
        } else if (roll < 0.99) {
          view.addSessions(sessions.filter(() => random() < 0.05));
        } else {
          view.setJobs([...live.values()].filter(() => random() < 0.5));
        }
      }
      const snapshot = published(view);
      expect(told(snapshot)).toEqual(recounted(snapshot, storedFailed));
      seen.storageFull = Math.max(seen.storageFull, snapshot.storageFull);
      seen.failedStored = Math.max(seen.failedStored, snapshot.failedStored);
      seen.running = Math.max(seen.running, snapshot.running.length);
      const shownIds = new Set(snapshot.sessions.map((session) => session.id));
      expect(snapshot.running.every(({ job, title }) => title === (shownIds.has(job.sessionId) ? `Session ${job.sessionId.slice(1)}` : 'Session'))).toBe(true);
    }
    expect(Object.values(seen).every((most) => most > 0), JSON.stringify(seen)).toBe(true);
  });

  test('publishing after one job changed reads that job, not every job of the library', () => {
    const view = new LibraryView();
    const reads = { count: 0 };
    // Jobs that count every read of their fields.
    const watched = (job: Job): Job => new Proxy(job, { get: (target, key, receiver) => (reads.count++, Reflect.get(target, key, receiver)) });
    view.updateJobs(Array.from({ length: 10_000 }, (_, i) => watched(queued(`s${i}`, 1))));
    const before = published(view);
    expect(before.counts.queued).toBe(10_000);
    reads.count = 0;
    const started = running(before.jobs.get('s42')! as QueuedJob, 2);
    view.updateJobs([watched(started)]);
    const after = published(view);
    expect(after.counts).toMatchObject({ queued: 9_999, running: 1 });
    expect(after.jobs.get('s42')?.state).toBe('running');
    expect(before.jobs.get('s42')?.state).toBe('queued');
    expect(reads.count).toBeLessThan(100);
  });
});
