import { describe, expect, test } from 'vitest';
import { createJob, settleAttempt, startAttempt } from '../../src/engine/transitions.ts';
import { resolveOptions } from '../../src/engine/options.ts';
import { isQuotaError, RESULT_NOT_SAVED, resultNotSaved } from '../../src/engine/unsaved.ts';

const options = resolveOptions({ concurrency: 1 });
const queued = createJob({ id: 'job-1', sessionId: 'ses-1', batchId: 'b', priority: 'normal', seq: 0, stageOrder: ['ocr'], timeoutMs: 1000, maxAttempts: 3, now: 0 });
const running = startAttempt(queued, { owner: 'tab', runId: 'run-1' }, 10);

describe('a result that did not fit on the device', () => {
  test('a finished job becomes failed for good, with the plain message and a new finish time', () => {
    const succeeded = settleAttempt(running, { ocr: { status: 'done', result: {}, ms: 5 } }, { now: 20, random: () => 0, options });
    expect(succeeded.state).toBe('succeeded');
    const failed = resultNotSaved(succeeded, 30);
    expect(failed).toMatchObject({ id: 'job-1', state: 'failed', finishedAt: 30, updatedAt: 30, attempts: 1, lastError: { class: 'permanent', message: RESULT_NOT_SAVED } });
    expect(failed).not.toHaveProperty('startedAt');
    expect(RESULT_NOT_SAVED).toMatch(/^The results could not be saved: the device is out of storage space\./);
  });

  test('a job that will run again is left to its retry', () => {
    const waiting = settleAttempt(running, { ocr: { status: 'failed', error: { class: 'transient', message: 'Busy.' }, ms: 5 } }, { now: 20, random: () => 0, options });
    expect(waiting.state).toBe('waiting-retry');
    expect(resultNotSaved(waiting, 30)).toBeNull();
  });

  test('only QuotaExceededError counts as a full device', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new DOMException('gone', 'AbortError'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
  });
});
