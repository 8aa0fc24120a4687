import { describe, expect, it } from 'vitest';
import type { EnqueueOptions } from '../../src/engine/scheduler.ts';
import { engineFactory, type TestEngine } from './fixtures/engine.ts';
import { readStoredJob } from '../../src/shared/runningJobs.ts';

const { engine } = engineFactory({ backoffBaseMs: 20 });

/** Runs one job to the end and returns it as stored, with its session's stored result. */
async function runOne(e: TestEngine, options: Omit<EnqueueOptions, 'batchId'>) {
  await e.scheduler.start();
  const [sessionId] = await e.addSessions(1);
  const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], { batchId: 'b1', ...options });
  await e.scheduler.drain();
  const stored = await readStoredJob(e.db, job!.id);
  const result = await e.db.get('results', sessionId!);
  return { id: job!.id, stored: stored!, result };
}

describe('stage errors: transient retried, permanent not, and one stage never stops the next', () => {
  it('a transient failure is retried until it succeeds (failing twice → succeeded on attempt 3)', async () => {
    const e = await engine({ maxAttempts: 3 });
    const { id, stored, result } = await runOne(e, { stages: ['test.failTimes'], params: { failTimes: 2 } });

    expect(stored.state).toBe('succeeded');
    expect(stored.attempts).toBe(3);
    expect(stored.lastError).toBeUndefined();
    expect(result).toMatchObject({ jobId: id, attempt: 3 });
    expect(result?.outcomes['test.failTimes']).toMatchObject({ status: 'done', result: { succeededOn: 3 } });
  });

  it('a permanent failure fails at once: one attempt, failed, lastError permanent with its message', async () => {
    const e = await engine({ maxAttempts: 5 });
    const { stored } = await runOne(e, {
      stages: ['test.throw'],
      params: { errorClass: 'permanent', message: 'This recording is unreadable.' },
    });

    expect(stored.state).toBe('failed');
    expect(stored.attempts).toBe(1);
    expect(stored.lastError).toEqual({ class: 'permanent', message: 'This recording is unreadable.', stage: 'test.throw' });
    expect(stored.stages['test.throw']).toMatchObject({ status: 'failed', message: 'This recording is unreadable.' });
    expect((await e.pool.spans()).map((span) => span.jobId)).toEqual([stored.id]);
  });

  it('partial: the results store keeps the outcomes of the stages that succeeded', async () => {
    const e = await engine();
    const { id, stored, result } = await runOne(e, {
      stages: ['test.ok', 'test.throw', 'test.sleep'],
      params: { errorClass: 'permanent', message: 'Broken on purpose.', sleepMs: 20 },
    });

    expect(stored.state).toBe('partial');
    expect(stored.attempts).toBe(1);
    expect(stored.lastError).toMatchObject({ class: 'permanent', stage: 'test.throw' });
    expect(result?.jobId).toBe(id);
    expect(result?.outcomes['test.ok']).toMatchObject({ status: 'done', result: { title: expect.stringContaining('Session') } });
    expect(result?.outcomes['test.sleep']).toMatchObject({ status: 'done', result: { slept: 20 } });
    expect(result?.outcomes['test.throw']).toMatchObject({ status: 'failed', error: { class: 'permanent', message: 'Broken on purpose.' } });
  });

  it('a failing first stage does not stop the stages after it', async () => {
    const e = await engine();
    const { stored, result } = await runOne(e, {
      stages: ['test.throw', 'test.ok', 'test.sleep'],
      params: { errorClass: 'permanent', sleepMs: 20 },
    });

    expect(stored.state).toBe('partial');
    expect(stored.stages['test.throw']?.status).toBe('failed');
    expect(stored.stages['test.ok']?.status).toBe('done');
    expect(stored.stages['test.sleep']?.status).toBe('done');
    expect(result?.outcomes['test.ok']?.status).toBe('done');
    expect(result?.outcomes['test.sleep']?.status).toBe('done');
  });

  it('a retry re-runs only the stage that failed; the result keeps the stages done before', async () => {
    const e = await engine();
    const { id, stored, result } = await runOne(e, {
      stages: ['test.failTimes', 'test.ok'],
      params: { failTimes: 1 },
    });

    expect(stored.state).toBe('succeeded');
    expect(stored.attempts).toBe(2);
    expect(result).toMatchObject({ jobId: id, attempt: 2 });
    expect(result?.outcomes['test.failTimes']).toMatchObject({ status: 'done', result: { succeededOn: 2 } });
    expect(result?.outcomes['test.ok']?.status).toBe('done');
  });

  it('when the attempts run out the job fails with the last error', async () => {
    const e = await engine({ maxAttempts: 3 });
    const { stored } = await runOne(e, { stages: ['test.failTimes'], params: { failTimes: 10 } });

    expect(stored.state).toBe('failed');
    expect(stored.attempts).toBe(3);
    expect(stored.lastError).toMatchObject({ class: 'transient', stage: 'test.failTimes' });
    expect(stored.lastError?.message).toContain('Failure number 3.');
    expect((await e.pool.spans()).filter((span) => span.jobId === stored.id)).toHaveLength(3);
  });
});
