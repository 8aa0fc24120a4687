import { describe, expect, it } from 'vitest';
import type { Lease } from '../../src/shared/job.ts';
import { createJob, failAttempt, startAttempt } from '../../src/engine/transitions.ts';
import { putBackUnstarted } from '../../src/engine/unstarted.ts';

const LEASE: Lease = { owner: 'tab-1', runId: 'run-1' };
const ctx = { now: 2_000, random: () => 0.5, options: { backoffBaseMs: 1000, backoffCapMs: 30_000 } };

const queued = () =>
  createJob({ id: 'job-1', sessionId: 's-1', batchId: 'b-1', priority: 'high', seq: 7, stageOrder: ['audio', 'ocr'], timeoutMs: 60_000, maxAttempts: 3, now: 1_000 });

describe('putBackUnstarted', () => {
  it('queues the job as before it started: attempt unspent, place and priority kept, no crash counted', () => {
    const back = putBackUnstarted(startAttempt(queued(), LEASE, 1_500), 1_600);
    expect(back).toMatchObject({ state: 'queued', attempts: 0, seq: 7, priority: 'high', updatedAt: 1_600 });
    expect(back).not.toHaveProperty('crashes');
    expect(back).not.toHaveProperty('lastError');
    expect(back).not.toHaveProperty('lease');
  });

  it('keeps the error of the attempt before, and the crashes counted before', () => {
    const retrying = failAttempt(startAttempt(queued(), LEASE, 1_500), { class: 'transient', message: 'Flaky.' }, ctx);
    if (retrying.state !== 'waiting-retry') throw new Error('expected a retry');
    const running = { ...startAttempt(retrying, { owner: 'tab-1', runId: 'run-2' }, 5_000), crashes: 2 };
    const back = putBackUnstarted(running, 5_100);
    expect(back).toMatchObject({ state: 'queued', attempts: 1, crashes: 2, lastError: { class: 'transient', message: 'Flaky.' } });
  });
});
