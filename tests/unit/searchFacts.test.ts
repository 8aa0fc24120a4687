import { describe, expect, test } from 'vitest';
import type { ResultRecord } from '../../src/shared/db.ts';
import type { SessionFacts } from '../../src/shared/search.ts';
import { hasActionItems, isFiltering, passes } from '../../workers/search/facts.ts';

const withSummary = (summary: unknown, status: 'done' | 'failed' = 'done'): ResultRecord => ({
  sessionId: 's',
  jobId: 'j',
  attempt: 1,
  committedAt: 1,
  outcomes: { summary: status === 'done' ? { status, result: summary, ms: 0 } : { status, error: { kind: 'bad-input', message: 'x' }, ms: 0 } } as ResultRecord['outcomes'],
});

const FACTS: SessionFacts = { startedAt: 1_000, tags: ['finance'], hasActionItems: true };

describe('search facts', () => {
  test('hasActionItems() - actions and items of before (no kind) count; decisions alone do not', () => {
    expect(hasActionItems(withSummary({ actionItems: [{ text: 'a', kind: 'action' }] }))).toBe(true);
    expect(hasActionItems(withSummary({ actionItems: [{ text: 'a' }] }))).toBe(true);
    expect(hasActionItems(withSummary({ actionItems: [{ text: 'a', kind: 'decision' }] }))).toBe(false);
    expect(hasActionItems(withSummary({ actionItems: [], provider: { status: 'done', actionItems: ['Call Tom'] } }))).toBe(true);
    expect(hasActionItems(withSummary(null, 'failed'))).toBe(false);
    expect(hasActionItems(undefined)).toBe(false);
  });

  test('isFiltering() - empty filters, an empty tag and an unticked box do not narrow', () => {
    expect(isFiltering(undefined)).toBe(false);
    expect(isFiltering({ tag: '', hasActionItems: false })).toBe(false);
    expect(isFiltering({ from: 0 })).toBe(true);
    expect(isFiltering({ tag: 'x' })).toBe(true);
  });

  test('passes() - from is inclusive, to exclusive; unknown facts pass no filter that needs them', () => {
    expect(passes(FACTS, { from: 1_000, to: 1_001 })).toBe(true);
    expect(passes(FACTS, { to: 1_000 })).toBe(false);
    expect(passes(FACTS, { from: 1_001 })).toBe(false);
    expect(passes({ ...FACTS, startedAt: null }, { from: 0 })).toBe(false);
    expect(passes(FACTS, { tag: 'finance', hasActionItems: true })).toBe(true);
    expect(passes(FACTS, { tag: 'design' })).toBe(false);
    expect(passes(undefined, { hasActionItems: true })).toBe(false);
    expect(passes(undefined, {})).toBe(true);
  });
});
