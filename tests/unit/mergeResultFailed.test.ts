import { describe, expect, test } from 'vitest';
import { mergeResult, type CommittingRun } from '../../src/engine/mergeResult.ts';
import type { StageOutcome } from '../../src/shared/protocol.ts';

const DONE: StageOutcome = { status: 'done', result: {}, ms: 1 };
const FAILED: StageOutcome = { status: 'failed', error: { class: 'permanent', message: 'No screen could be read.' }, ms: 1 };
const run = (attempt: number, committedAt: number): CommittingRun => ({ sessionId: 's', jobId: 'j', attempt, runId: `r${attempt}`, committedAt });

describe('a result that failed whole is marked', () => {
  // "Enrich all" finds such sessions through the results' 'by-failed' index once retention has
  // deleted their jobs, without reading every stored result.
  test('every stage failed: failedAt is when it was committed', () => {
    expect(mergeResult(run(1, 100), { ocr: FAILED, chapters: FAILED }, undefined).failedAt).toBe(100);
  });

  test('a stage done, or no stage at all: no mark', () => {
    expect(mergeResult(run(1, 100), { ocr: DONE, chapters: FAILED }, undefined)).not.toHaveProperty('failedAt');
    expect(mergeResult(run(1, 100), {}, undefined)).not.toHaveProperty('failedAt');
  });

  test('a retry that gets a stage done clears the mark; one that keeps an earlier done stage never had it', () => {
    const failedWhole = mergeResult(run(1, 100), { ocr: FAILED, chapters: FAILED }, undefined);
    expect(mergeResult(run(2, 200), { ocr: DONE, chapters: FAILED }, failedWhole)).not.toHaveProperty('failedAt');
    const partly = mergeResult(run(1, 100), { ocr: DONE, chapters: FAILED }, undefined);
    expect(mergeResult(run(2, 200), { chapters: FAILED }, partly)).not.toHaveProperty('failedAt');
  });
});
