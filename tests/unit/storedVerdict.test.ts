import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../src/shared/db.ts';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import { storedVerdict } from '../../src/ui/storedVerdict.ts';

const record = (outcomes: Record<string, StageOutcome>): ResultRecord => ({ sessionId: 's', jobId: 'j', attempt: 1, committedAt: 0, outcomes });
const done: StageOutcome = { status: 'done', result: null, ms: 1 };

describe('the verdict of a stored result, for a session with no job', () => {
  it('reads as the engine settled the run', () => {
    expect(storedVerdict(undefined)).toBeNull();
    expect(storedVerdict(record({}))).toBeNull();
    expect(storedVerdict(record({ ocr: done, audio: done }))).toBe('Done');
    expect(storedVerdict(record({ ocr: done, summary: { ...done, warning: 'on-device summary' } }))).toBe('Partly done');
    expect(storedVerdict(record({ ocr: done, audio: { status: 'skipped', message: 'off' } }))).toBe('Partly done');
    expect(storedVerdict(record({ ocr: { status: 'failed', error: { class: 'permanent', message: 'bad' }, ms: 1 } }))).toBe('Failed');
  });
});
