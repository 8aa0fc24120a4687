import { describe, expect, it } from 'vitest';
import { mergeResult } from '../../src/engine/mergeResult.ts';
import { resolveOptions } from '../../src/engine/options.ts';
import { Scheduler } from '../../src/engine/scheduler.ts';
import { isCovered, mustWaitFor, willRunAfresh } from '../../src/engine/sessionOrder.ts';
import { createJob, startAttempt } from '../../src/engine/transitions.ts';
import { planReapply } from '../../src/privacy/reapply.ts';
import type { ResultRecord } from '../../src/shared/db.ts';
import type { Job, JobKind } from '../../src/shared/job.ts';
import { PIPELINE_STAGES, PRIVACY_STAGES } from '../../src/shared/pipeline.ts';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import { MemoryJobStore } from '../../src/store/memoryJobStore.ts';
import { manualRunner } from './fixtures/manualRunner.ts';

const done = (result: unknown, ms = 1): StageOutcome => ({ status: 'done', result, ms });

function job(id: string, seq: number, kind: JobKind = 'enrich', stages: readonly string[] = PIPELINE_STAGES, sessionId = 's1'): Job {
  return createJob({ id, sessionId, batchId: 'b', priority: 'normal', seq, stageOrder: stages, timeoutMs: 1000, maxAttempts: 3, kind, now: 0 });
}

describe('PRIVACY_STAGES', () => {
  it('is redact and every stage after it, in pipeline order', () => {
    expect(PRIVACY_STAGES).toEqual(['redact', 'summary', 'storyboard', 'index']);
  });
});

describe('planReapply()', () => {
  it('a session change matters only with "redact everywhere"; the session someone is looking at goes first', () => {
    expect(planReapply({ kind: 'session', sessionId: 'a' }, 'everywhere')).toEqual({ scope: 'session', sessionId: 'a', priority: 'high' });
    expect(planReapply({ kind: 'session', sessionId: 'a' }, 'exports')).toEqual({ scope: 'none' });
    expect(planReapply({ kind: 'session', sessionId: 'a' }, 'off')).toEqual({ scope: 'none' });
  });

  it('a change of setting into or out of "redact everywhere" redoes every session, at low priority', () => {
    expect(planReapply({ kind: 'mode', before: 'exports', after: 'everywhere' }, 'everywhere')).toEqual({ scope: 'all', priority: 'low' });
    expect(planReapply({ kind: 'mode', before: 'everywhere', after: 'off' }, 'off')).toEqual({ scope: 'all', priority: 'low' });
    expect(planReapply({ kind: 'mode', before: 'exports', after: 'off' }, 'off')).toEqual({ scope: 'none' });
    expect(planReapply({ kind: 'mode', before: 'everywhere', after: 'everywhere' }, 'everywhere')).toEqual({ scope: 'none' });
  });
});

describe('session order', () => {
  it('mustWaitFor(): a job waits for an earlier unfinished job of its session only', () => {
    const first = job('a', 1);
    const reapply = job('b', 2, 'reapply-privacy', PRIVACY_STAGES);
    expect(mustWaitFor(reapply, first)).toBe(true);
    expect(mustWaitFor(first, reapply)).toBe(false);
    expect(mustWaitFor(reapply, job('c', 0, 'enrich', PIPELINE_STAGES, 's2'))).toBe(false);
    expect(mustWaitFor(reapply, { ...first, state: 'succeeded', startedAt: 0, finishedAt: 1 })).toBe(false);
  });

  it('willRunAfresh(): only a job that has yet to start those stages reads the new context', () => {
    const queued = job('a', 1);
    expect(willRunAfresh(queued, PRIVACY_STAGES)).toBe(true);
    expect(willRunAfresh(startAttempt(queued as Job & { state: 'queued' }, { owner: 'o', runId: 'r' }, 1), PRIVACY_STAGES)).toBe(false);
    const redactDone: Job = { ...queued, state: 'waiting-retry', nextRunAt: 5, stages: { ...queued.stages, redact: { status: 'done', progress: 1 } } };
    expect(willRunAfresh(redactDone, PRIVACY_STAGES)).toBe(false);
    expect(willRunAfresh(job('t', 1, 'enrich', ['ocr', 'chapters']), PRIVACY_STAGES)).toBe(false);
  });

  it('isCovered(): an enrichment ignores reapply jobs; a reapply is covered by a job yet to run its stages', () => {
    const reapply = job('b', 2, 'reapply-privacy', PRIVACY_STAGES);
    expect(isCovered('enrich', PIPELINE_STAGES, [reapply])).toBe(false);
    expect(isCovered('enrich', PIPELINE_STAGES, [job('a', 1)])).toBe(true);
    expect(isCovered('reapply-privacy', PRIVACY_STAGES, [reapply])).toBe(true);
    const running = startAttempt(job('a', 1) as Job & { state: 'queued' }, { owner: 'o', runId: 'r' }, 1);
    expect(isCovered('reapply-privacy', PRIVACY_STAGES, [running])).toBe(false);
  });
});

describe('mergeResult()', () => {
  const previous: ResultRecord = {
    sessionId: 's1',
    jobId: 'enrich-1',
    attempt: 1,
    runId: 'run-e',
    committedAt: 1,
    outcomes: { ocr: done('words', 900), redact: done('old findings'), storyboard: done('old board') },
  };

  it('a reapply job keeps the outcomes it did not run, from another job, and says who wrote each', () => {
    const run = { sessionId: 's1', jobId: 'reapply-1', kind: 'reapply-privacy' as const, attempt: 1, runId: 'run-r', committedAt: 2 };
    const failed: StageOutcome = { status: 'failed', error: { class: 'transient', message: 'x' }, ms: 1 };
    const merged = mergeResult(run, { redact: done('new findings'), storyboard: failed }, previous);
    expect(merged.outcomes.ocr).toBe(previous.outcomes.ocr);
    expect(merged.outcomes.redact).toEqual(done('new findings'));
    // A stage this run did not finish keeps its earlier done outcome.
    expect(merged.outcomes.storyboard).toBe(previous.outcomes.storyboard);
    expect(merged.writtenBy).toEqual({
      ocr: { jobId: 'enrich-1', attempt: 1, runId: 'run-e' },
      redact: { jobId: 'reapply-1', attempt: 1, runId: 'run-r' },
      storyboard: { jobId: 'enrich-1', attempt: 1, runId: 'run-e' },
    });
    expect(merged).toMatchObject({ jobId: 'reapply-1', runId: 'run-r', attempt: 1 });
  });

  it('an enrichment builds only on its own job\'s earlier result', () => {
    const run = { sessionId: 's1', jobId: 'enrich-2', attempt: 1, runId: 'run-2', committedAt: 2 };
    expect(Object.keys(mergeResult(run, { ocr: done('again') }, previous).outcomes)).toEqual(['ocr']);
    const retry = { ...run, jobId: 'enrich-1', attempt: 2 };
    expect(Object.keys(mergeResult(retry, { summary: done('s') }, previous).outcomes).sort()).toEqual(['ocr', 'redact', 'storyboard', 'summary']);
  });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Scheduler with reapply-privacy jobs', () => {
  it('.enqueue() - a reapply job waits for the session\'s running enrichment, then commits over its result', async () => {
    const store = new MemoryJobStore();
    const { runner, asked, finish } = manualRunner();
    const scheduler = new Scheduler({ store, runner, dbName: 'db', owner: 'tab', options: resolveOptions({ concurrency: 2 }) });
    await scheduler.start();
    const [enrich] = await scheduler.enqueue([{ sessionId: 's1', timeoutMs: 1000 }], { batchId: 'b', stages: ['ocr', 'redact'] });
    await settle();
    expect(asked.map((r) => r.jobId)).toEqual([enrich!.id]);

    // A mark while the enrichment runs: it read the old context, so a reapply job is queued after it.
    const [reapply] = await scheduler.enqueue([{ sessionId: 's1', timeoutMs: 1000 }], { batchId: 'p', stages: ['redact'], kind: 'reapply-privacy' });
    expect(reapply?.kind).toBe('reapply-privacy');
    // A second mark before it starts is covered by it; "Enrich again" is not.
    expect(await scheduler.enqueue([{ sessionId: 's1', timeoutMs: 1000 }], { batchId: 'p', stages: ['redact'], kind: 'reapply-privacy' })).toEqual([]);
    await settle();
    expect(asked).toHaveLength(1); // a free worker, yet the reapply job waits

    finish.get(enrich!.id)!({ outcomes: { ocr: done('words', 900), redact: done('old') } });
    for (let i = 0; i < 10 && asked.length < 2; i++) await settle();
    expect(asked[1]).toMatchObject({ jobId: reapply!.id, kind: 'reapply-privacy', fresh: false, stages: ['redact'] });
    // The enrichment's result was committed before the reapply job started.
    expect((await store.loadResult('s1'))?.jobId).toBe(enrich!.id);

    finish.get(reapply!.id)!({ outcomes: { redact: done('new') } });
    await scheduler.drain();
    const result = await store.loadResult('s1');
    expect(result?.jobId).toBe(reapply!.id);
    expect(result?.outcomes).toEqual({ ocr: done('words', 900), redact: done('new') });
    expect(result?.writtenBy?.ocr?.jobId).toBe(enrich!.id);
    expect(result?.writtenBy?.redact?.jobId).toBe(reapply!.id);
    scheduler.abandon();
  });
});
