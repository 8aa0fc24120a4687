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

describe('a result with a stage failed beside one done is marked partly failed', () => {
  // "Retry failed" finds such sessions through the results' 'by-partly-failed' index once retention
  // has deleted their partial jobs; their rows still say "Partly done".
  test('a stage done and one failed: partlyFailedAt is when it was committed, and no failedAt', () => {
    const record = mergeResult(run(1, 100), { ocr: DONE, chapters: FAILED }, undefined);
    expect(record.partlyFailedAt).toBe(100);
    expect(record).not.toHaveProperty('failedAt');
  });

  test('every stage done, every stage failed, or a stage skipped beside those done: no mark', () => {
    const skipped: StageOutcome = { status: 'skipped', message: 'No recording.' };
    expect(mergeResult(run(1, 100), { ocr: DONE, audio: skipped }, undefined)).not.toHaveProperty('partlyFailedAt');
    expect(mergeResult(run(1, 100), { ocr: FAILED, chapters: FAILED }, undefined)).not.toHaveProperty('partlyFailedAt');
    expect(mergeResult(run(1, 100), {}, undefined)).not.toHaveProperty('partlyFailedAt');
  });

  test('a retry that gets the failed stage done clears the mark; one that fails it again keeps it', () => {
    const partly = mergeResult(run(1, 100), { ocr: DONE, chapters: FAILED }, undefined);
    expect(mergeResult(run(2, 200), { chapters: DONE }, partly)).not.toHaveProperty('partlyFailedAt');
    expect(mergeResult(run(2, 200), { chapters: FAILED }, partly).partlyFailedAt).toBe(200);
  });
});
