import { describe, expect, it } from 'vitest';
import type { Job, Lease, RunningJob, StageState } from '../../src/shared/job.ts';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import {
  cancelJob,
  createJob,
  failAttempt,
  readyAt,
  recoverOrphan,
  CRASH_LIMIT,
  requeueJob,
  settleAttempt,
  startAttempt,
} from '../../src/engine/transitions.ts';
import type { AttemptContext } from '../../src/engine/transitions.ts';

const STAGES = ['audio', 'ocr', 'chapters'];
const LEASE: Lease = { owner: 'tab-1', runId: 'run-1' };
const ctx = (now: number, random = () => 0.5): AttemptContext => ({
  now,
  random,
  options: { backoffBaseMs: 1000, backoffCapMs: 30_000 },
});

const done = (ms = 10): StageOutcome => ({ status: 'done', result: { ok: true }, ms });
const failed = (cls: 'transient' | 'permanent' | 'timeout', message: string, ms = 5): StageOutcome => ({
  status: 'failed',
  error: { class: cls, message },
  ms,
});
const skipped = (message: string): StageOutcome => ({ status: 'skipped', message });

function newJob(maxAttempts = 3) {
  return createJob({
    id: 'job-1',
    sessionId: 'session-1',
    batchId: 'batch-1',
    priority: 'normal',
    seq: 7,
    stageOrder: STAGES,
    timeoutMs: 30_000,
    maxAttempts,
    now: 1000,
  });
}

function running(maxAttempts = 3, now = 1000): RunningJob {
  return startAttempt(newJob(maxAttempts), LEASE, now);
}

/** Freezes a job and everything in it, so that a mutation throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('createJob()', () => {
  it('queues a job with every stage pending and no attempts', () => {
    const job = createJob({
      id: 'a',
      sessionId: 's',
      batchId: 'b',
      priority: 'high',
      seq: 1,
      stageOrder: STAGES,
      timeoutMs: 30_000,
      maxAttempts: 3,
      params: { fail: 'ocr' },
      now: 42,
    });
    expect(job).toEqual({
      state: 'queued',
      id: 'a',
      sessionId: 's',
      batchId: 'b',
      priority: 'high',
      seq: 1,
      attempts: 0,
      maxAttempts: 3,
      stageOrder: STAGES,
      stages: {
        audio: { status: 'pending', progress: 0 },
        ocr: { status: 'pending', progress: 0 },
        chapters: { status: 'pending', progress: 0 },
      },
      timeoutMs: 30_000,
      params: { fail: 'ocr' },
      createdAt: 42,
      updatedAt: 42,
    });
  });

  it('leaves params out when none are given, so the record stays plain', () => {
    expect('params' in newJob()).toBe(false);
  });

  it('rejects no stages, repeated stages and a bad maxAttempts', () => {
    const input = { ...newJob(), now: 0 };
    expect(() => createJob({ ...input, stageOrder: [] })).toThrow(TypeError);
    expect(() => createJob({ ...input, stageOrder: ['ocr', 'ocr'] })).toThrow(TypeError);
    expect(() => createJob({ ...input, maxAttempts: 0 })).toThrow(
      'Expected `maxAttempts` to be an integer from 1 to 100, got `0` (number)',
    );
  });
});

describe('startAttempt()', () => {
  it('counts the attempt, takes the lease and marks the start', () => {
    const job = startAttempt(deepFreeze(newJob()), LEASE, 2000);
    expect(job.state).toBe('running');
    expect(job.attempts).toBe(1);
    expect(job.lease).toEqual(LEASE);
    expect(job.startedAt).toBe(2000);
    expect(job.updatedAt).toBe(2000);
  });

  it('re-runs only the stages that are not done on a retry, and drops nextRunAt', () => {
    const first = running();
    const waiting = settleAttempt(first, { audio: done(), ocr: failed('transient', 'Network down'), chapters: done() }, ctx(3000));
    expect(waiting.state).toBe('waiting-retry');
    const second = startAttempt(deepFreeze(waiting as Job & { state: 'waiting-retry' }), LEASE, 9000);
    expect(second.attempts).toBe(2);
    expect(second.stages.audio).toEqual({ status: 'done', progress: 1, ms: 10 });
    expect(second.stages.ocr).toEqual({ status: 'pending', progress: 0 });
    expect(second.stages.chapters?.status).toBe('done');
    expect('nextRunAt' in second).toBe(false);
    expect(second.lastError?.message).toBe('Network down');
  });

  it('refuses a job that is not queued or waiting to retry', () => {
    expect(() => startAttempt(running() as never, LEASE, 0)).toThrow(
      'Expected job `job-1` to be queued or waiting-retry to start it, got `running`',
    );
  });
});

describe('settleAttempt()', () => {
  it('succeeds when every stage is done, with their times', () => {
    const job = settleAttempt(deepFreeze(running()), { audio: done(11), ocr: done(22), chapters: done(33) }, ctx(5000));
    expect(job.state).toBe('succeeded');
    if (job.state !== 'succeeded') return;
    expect(job.finishedAt).toBe(5000);
    expect(job.startedAt).toBe(1000);
    expect(job.stages.ocr).toEqual({ status: 'done', progress: 1, ms: 22 });
    expect(job.lastError).toBeUndefined();
    expect('lease' in job).toBe(false);
  });

  it('is partly done, not retried, when a stage was done with a warning (a fallback), which it shows', () => {
    const outcomes = { audio: done(), ocr: { ...done(), warning: 'The AI provider was skipped.' }, chapters: done() };
    const job = settleAttempt(running(), outcomes, ctx(5000));
    expect(job.state).toBe('partial');
    expect(job.lastError).toEqual({ class: 'permanent', message: 'The AI provider was skipped.', stage: 'ocr' });
    expect(job.stages.ocr).toMatchObject({ status: 'done', progress: 1, message: 'The AI provider was skipped.' });
  });

  it('waits to retry a transient failure, with nextRunAt = now + backoff stored on the job', () => {
    const job = settleAttempt(
      running(),
      { audio: done(), ocr: failed('transient', 'The OCR engine crashed'), chapters: done() },
      ctx(5000, () => 0.5),
    );
    expect(job.state).toBe('waiting-retry');
    if (job.state !== 'waiting-retry') return;
    // First attempt: ceiling 1000 ms, random 0.5.
    expect(job.nextRunAt).toBe(5500);
    expect(job.lastError).toEqual({ class: 'transient', message: 'The OCR engine crashed', stage: 'ocr' });
    expect(job.stages.ocr).toEqual({ status: 'failed', progress: 0, message: 'The OCR engine crashed', ms: 5 });
    expect(readyAt(structuredClone(job))).toBe(5500);
  });

  it('grows the retry delay with the attempts made', () => {
    let job: Job = running();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const now = 100_000 * attempt;
      if (job.state === 'waiting-retry') job = startAttempt(job, LEASE, now - 1);
      if (job.state !== 'running') throw new Error('expected a running job');
      job = settleAttempt(job, { audio: done(), ocr: failed('timeout', 'Too slow'), chapters: done() }, ctx(now, () => 0.99));
      if (job.state === 'waiting-retry') delays.push(job.nextRunAt - now);
    }
    expect(delays).toEqual([990, 1980]);
    expect(job.state).toBe('partial');
  });

  it('never retries a permanent failure', () => {
    const job = settleAttempt(
      running(),
      { audio: failed('permanent', 'The file is not audio'), ocr: done(), chapters: done() },
      ctx(5000),
    );
    expect(job.state).toBe('partial');
    expect(job.attempts).toBe(1);
  });

  it('fails at once when every stage failed permanently', () => {
    const job = settleAttempt(
      running(),
      {
        audio: failed('permanent', 'Not audio'),
        ocr: failed('permanent', 'No screenshots'),
        chapters: failed('permanent', 'Nothing to chapter'),
      },
      ctx(5000),
    );
    expect(job.state).toBe('failed');
    expect(job.lastError).toEqual({ class: 'permanent', message: 'Not audio', stage: 'audio' });
  });

  it('retries when a transient failure sits next to a permanent one', () => {
    const job = settleAttempt(
      running(),
      { audio: failed('permanent', 'Not audio'), ocr: failed('transient', 'Busy'), chapters: done() },
      ctx(5000),
    );
    expect(job.state).toBe('waiting-retry');
    expect(job.lastError?.stage).toBe('audio');
  });

  it('ends partial after the last attempt, keeping done stages and the failed ones\' messages', () => {
    const job = settleAttempt(
      running(1),
      { audio: done(12), ocr: failed('transient', 'Still busy'), chapters: done(8) },
      ctx(5000),
    );
    expect(job.state).toBe('partial');
    if (job.state !== 'partial') return;
    expect(job.finishedAt).toBe(5000);
    expect(job.stages).toEqual({
      audio: { status: 'done', progress: 1, ms: 12 },
      ocr: { status: 'failed', progress: 0, message: 'Still busy', ms: 5 },
      chapters: { status: 'done', progress: 1, ms: 8 },
    });
  });

  it('ends partial with the skip message when a breaker skipped a stage', () => {
    const job = settleAttempt(
      running(),
      { audio: done(), ocr: skipped('OCR is paused after repeated failures.'), chapters: done() },
      ctx(5000),
    );
    expect(job.state).toBe('partial');
    expect(job.stages.ocr).toEqual({ status: 'skipped', progress: 0, message: 'OCR is paused after repeated failures.' });
    expect(job.lastError).toEqual({ class: 'breaker-open', message: 'OCR is paused after repeated failures.', stage: 'ocr' });
  });

  it('fails when nothing was done and nothing can be retried', () => {
    const job = settleAttempt(
      running(),
      { audio: skipped('paused'), ocr: skipped('paused'), chapters: failed('permanent', 'No input') },
      ctx(5000),
    );
    expect(job.state).toBe('failed');
  });

  it('keeps stages done in an earlier attempt when the worker reports nothing for them', () => {
    const retry = settleAttempt(running(), { audio: done(3), ocr: failed('transient', 'Busy'), chapters: done(4) }, ctx(2000));
    if (retry.state !== 'waiting-retry') throw new Error('expected a retry');
    const second = startAttempt(retry, LEASE, 3000);
    const job = settleAttempt(second, { ocr: done(9) }, ctx(4000));
    expect(job.state).toBe('succeeded');
    expect(job.stages.audio).toEqual({ status: 'done', progress: 1, ms: 3 });
  });

  it('counts a stage with no outcome as a transient failure', () => {
    const job = settleAttempt(running(), { audio: done(), chapters: done() }, ctx(5000));
    expect(job.state).toBe('waiting-retry');
    expect(job.lastError).toEqual({ class: 'transient', message: 'No result came back for this stage.', stage: 'ocr' });
  });

  it('does not mutate the job it settles', () => {
    const before = running();
    const frozen = deepFreeze(structuredClone(before));
    settleAttempt(frozen, { audio: done(), ocr: failed('transient', 'x'), chapters: done() }, ctx(5000));
    expect(frozen).toEqual(before);
  });
});

describe('failAttempt()', () => {
  const withRunningStage = (maxAttempts = 3): RunningJob => {
    const job = running(maxAttempts);
    const stages: Record<string, StageState> = {
      ...job.stages,
      audio: { status: 'done', progress: 1, ms: 4 },
      ocr: { status: 'running', progress: 0.4 },
    };
    return deepFreeze({ ...job, stages });
  };

  it('retries a timed-out attempt with backoff while attempts are left', () => {
    const job = failAttempt(withRunningStage(), { class: 'timeout', message: 'It ran past 30 s and was stopped.' }, ctx(5000, () => 0.2));
    expect(job.state).toBe('waiting-retry');
    if (job.state !== 'waiting-retry') return;
    expect(job.nextRunAt).toBe(5200);
    expect(job.stages.ocr).toEqual({ status: 'failed', progress: 0.4, message: 'It ran past 30 s and was stopped.' });
    expect(job.stages.audio?.status).toBe('done');
    expect(job.stages.chapters?.status).toBe('pending');
  });

  it('ends timed-out after the last attempt times out', () => {
    const job = failAttempt(withRunningStage(1), { class: 'timeout', message: 'Too slow' }, ctx(5000));
    expect(job.state).toBe('timed-out');
    expect(job.lastError).toEqual({ class: 'timeout', message: 'Too slow' });
  });

  it('ends timed-out after maxAttempts attempts that all time out', () => {
    let job: Job = newJob(3);
    let now = 0;
    while (job.state === 'queued' || job.state === 'waiting-retry') {
      now = Math.max(now, readyAt(job) ?? now) + 1;
      const run = startAttempt(job, LEASE, now);
      now += 30_000;
      job = failAttempt(run, { class: 'timeout', message: 'Too slow' }, ctx(now));
    }
    expect(job.state).toBe('timed-out');
    expect(job.attempts).toBe(3);
  });

  it('retries a crashed worker, then fails', () => {
    expect(failAttempt(withRunningStage(2), { class: 'transient', message: 'The worker crashed.' }, ctx(5000)).state).toBe(
      'waiting-retry',
    );
    expect(failAttempt(withRunningStage(1), { class: 'transient', message: 'The worker crashed.' }, ctx(5000)).state).toBe(
      'failed',
    );
  });

  it('fails a permanent error at once, attempts left or not', () => {
    const job = failAttempt(withRunningStage(), { class: 'permanent', message: 'Unreadable', stage: 'ocr' }, ctx(5000));
    expect(job.state).toBe('failed');
    expect(job.lastError).toEqual({ class: 'permanent', message: 'Unreadable', stage: 'ocr' });
  });

  it('cancels on a cancelled error', () => {
    const job = failAttempt(withRunningStage(), { class: 'cancelled', message: 'Cancelled.' }, ctx(5000));
    expect(job.state).toBe('cancelled');
    if (job.state === 'cancelled') expect(job.finishedAt).toBe(5000);
  });
});

describe('cancelJob()', () => {
  it('cancels a queued, waiting or running job', () => {
    const queued = cancelJob(deepFreeze(newJob()), 3000);
    expect(queued).toMatchObject({ state: 'cancelled', finishedAt: 3000, lastError: { class: 'cancelled' } });
    const waiting = settleAttempt(running(), { audio: done(), ocr: failed('transient', 'x'), chapters: done() }, ctx(2000));
    expect(cancelJob(waiting, 3000).state).toBe('cancelled');
    const run = cancelJob({ ...running(), stages: { ...running().stages, audio: { status: 'running', progress: 0.5 } } }, 3000);
    expect(run.state).toBe('cancelled');
    expect(run.stages.audio).toEqual({ status: 'failed', progress: 0.5, message: 'Cancelled.' });
    expect('lease' in run).toBe(false);
  });

  it('shares the stages of a job that runs none: a cancel of a big queue copies no stage', () => {
    const queued = deepFreeze(newJob());
    expect(cancelJob(queued, 3000).stages).toBe(queued.stages);
    const partlyKnown = { ...newJob(), stages: { audio: { status: 'done', progress: 1 } } } as Job;
    expect(cancelJob(partlyKnown, 3000).stages).toEqual({ audio: { status: 'done', progress: 1 }, ocr: { status: 'pending', progress: 0 }, chapters: { status: 'pending', progress: 0 } });
  });

  it('returns a finished job unchanged (the same object)', () => {
    const finished = settleAttempt(running(), { audio: done(), ocr: done(), chapters: done() }, ctx(2000));
    expect(cancelJob(finished, 3000)).toBe(finished);
    const cancelled = cancelJob(newJob(), 2000);
    expect(cancelJob(cancelled, 3000)).toBe(cancelled);
  });
});

describe('recoverOrphan()', () => {
  it('queues the job again without using up the lost attempt, keeping done stages and seq', () => {
    const orphan = deepFreeze({
      ...running(3),
      stages: { audio: { status: 'done', progress: 1, ms: 5 }, ocr: { status: 'running', progress: 0.3 }, chapters: { status: 'pending', progress: 0 } },
    } satisfies RunningJob);
    const job = recoverOrphan(orphan, 20_000, 'closed');
    expect(job).toEqual({
      ...newJob(3),
      state: 'queued',
      attempts: 0,
      seq: 7,
      stages: { audio: { status: 'done', progress: 1, ms: 5 }, ocr: { status: 'pending', progress: 0 }, chapters: { status: 'pending', progress: 0 } },
      lastError: { class: 'transient', message: 'It stopped while running because the page was closed or reloaded. It will run again.' },
      createdAt: job.createdAt,
      updatedAt: 20_000,
    });
  });

  it('a closed tab costs nothing: a job allowed one attempt survives any number of closes', () => {
    let job: Job = newJob(1);
    for (let close = 1; close <= 10; close++) {
      if (job.state !== 'queued') throw new Error('expected a queued job');
      job = recoverOrphan(startAttempt(job, LEASE, close * 1000), close * 1000 + 500, 'closed');
    }
    expect(job).toMatchObject({ state: 'queued', attempts: 0 });
    expect(job.crashes).toBeUndefined();
  });

  it('a crash counts towards the crash limit only, and the job is set aside at the limit, saying why', () => {
    let job: Job = newJob(1);
    for (let crash = 1; crash <= CRASH_LIMIT; crash++) {
      if (job.state !== 'queued') throw new Error(`expected a queued job before crash ${crash}`);
      job = recoverOrphan(startAttempt(job, LEASE, crash * 1000), crash * 1000 + 500, 'crashed');
      if (crash < CRASH_LIMIT) expect(job).toMatchObject({ state: 'queued', attempts: 0, crashes: crash });
    }
    expect(job).toMatchObject({ state: 'failed', attempts: 0, crashes: CRASH_LIMIT, finishedAt: CRASH_LIMIT * 1000 + 500 });
    expect(job.lastError).toEqual({
      class: 'permanent',
      message: `The page stopped ${CRASH_LIMIT} times while this session was being enriched, so it was set aside: it may be what makes the page crash. Use "Retry failed" to try it again.`,
    });
  });

  it('"Retry failed" gives a crashed-out job a fresh crash allowance', () => {
    let job: Job = newJob(3);
    for (let crash = 1; crash <= CRASH_LIMIT; crash++) {
      if (job.state !== 'queued') throw new Error('expected a queued job');
      job = recoverOrphan(startAttempt(job, LEASE, crash * 1000), crash * 1000 + 500);
    }
    if (job.state !== 'failed') throw new Error('expected a failed job');
    const again = requeueJob(job, 50, 99_000);
    expect(again.crashes).toBeUndefined();
    expect(again.attempts).toBe(0);
  });
});

describe('requeueJob()', () => {
  it('queues a partial job with a fresh allowance, new seq, done stages kept and the rest pending', () => {
    const partial = settleAttempt(
      running(1),
      { audio: done(6), ocr: failed('permanent', 'Unreadable'), chapters: skipped('paused') },
      ctx(5000),
    );
    if (partial.state !== 'partial') throw new Error('expected a partial job');
    const job = requeueJob(deepFreeze(partial), 99, 9000);
    expect(job.state).toBe('queued');
    expect(job.attempts).toBe(0);
    expect(job.seq).toBe(99);
    expect(job.updatedAt).toBe(9000);
    expect(job.stages).toEqual({
      audio: { status: 'done', progress: 1, ms: 6 },
      ocr: { status: 'pending', progress: 0 },
      chapters: { status: 'pending', progress: 0 },
    });
    expect(job.lastError).toBeUndefined();
    expect('finishedAt' in job).toBe(false);
  });

  it('queues failed, timed-out and cancelled jobs', () => {
    const failedJob = failAttempt(running(), { class: 'permanent', message: 'x' }, ctx(1));
    const timedOut = failAttempt(running(1), { class: 'timeout', message: 'x' }, ctx(1));
    const cancelled = cancelJob(newJob(), 1);
    for (const job of [failedJob, timedOut, cancelled]) {
      if (job.state === 'waiting-retry') throw new Error('unexpected retry');
      expect(requeueJob(job, 1, 2).state).toBe('queued');
    }
  });

  it('refuses a job that succeeded', () => {
    const succeeded = settleAttempt(running(), { audio: done(), ocr: done(), chapters: done() }, ctx(2));
    expect(() => requeueJob(succeeded as never, 1, 3)).toThrow(TypeError);
  });
});

describe('readyAt()', () => {
  it('is -Infinity when queued, nextRunAt when waiting, and null otherwise', () => {
    expect(readyAt(newJob())).toBe(-Infinity);
    const waiting = settleAttempt(running(), { audio: done(), ocr: failed('transient', 'x'), chapters: done() }, ctx(100, () => 0));
    expect(readyAt(waiting)).toBe(100);
    expect(readyAt(running())).toBeNull();
    expect(readyAt(cancelJob(newJob(), 5))).toBeNull();
  });
});
