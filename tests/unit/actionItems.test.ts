import { describe, expect, test } from 'vitest';
import { findActionItems, isCommitment, spokenActionItems } from '../../workers/text/actions.ts';

describe('findActionItems()', () => {
  test('checkboxes, open and done, in every list style', () => {
    const notes = ['- [ ] Send the invoice', '* [x] Book the room', '+ [X] Close the sprint', '1. [ ] Draft the **roadmap**', '  - [ ] Nested item'].join('\n');
    expect(findActionItems(notes, 'notes')).toEqual([
      { text: 'Send the invoice', source: 'notes', done: false, kind: 'action' },
      { text: 'Book the room', source: 'notes', done: true, kind: 'action' },
      { text: 'Close the sprint', source: 'notes', done: true, kind: 'action' },
      { text: 'Draft the roadmap', source: 'notes', done: false, kind: 'action' },
      { text: 'Nested item', source: 'notes', done: false, kind: 'action' },
    ]);
  });

  test('TODO and Action markers, with colon or dash, bold or in a list', () => {
    const notes = ['TODO: book the release review', 'todo - call the vendor', 'Action: renew the contract.', 'Action item: share the deck', '**TODO:** update the forecast', '- TODO: check the audit'].join('\n');
    expect(findActionItems(notes, 'notes').map((item) => item.text)).toEqual([
      'book the release review',
      'call the vendor',
      'renew the contract',
      'share the deck',
      'update the forecast',
      'check the audit',
    ]);
  });

  test('sentences that commit someone: we need to, I will, let us, and kin', () => {
    const text = "The numbers look fine. We need to send the budget to finance. I'll draft the contract; let's ship on Monday. Do we need to wait?";
    expect(findActionItems(text, 'transcript')).toEqual([
      { text: 'We need to send the budget to finance', source: 'transcript', done: false, kind: 'action' },
      { text: "I'll draft the contract", source: 'transcript', done: false, kind: 'action' },
      { text: "let's ship on Monday", source: 'transcript', done: false, kind: 'action' },
    ]);
  });

  test('a word like "todo-list" or "actionable" is not a marker', () => {
    expect(findActionItems('todo-list app review\nActionable insights came up', 'notes')).toEqual([]);
  });

  test('screens give marked lines only: phrasings on screen are not commitments', () => {
    expect(findActionItems("TODO: fix the chart\nWe need to talk about pricing", 'screens', { markersOnly: true })).toEqual([
      { text: 'fix the chart', source: 'screens', done: false, kind: 'action' },
    ]);
  });
});

describe('isCommitment()', () => {
  test('questions are not commitments', () => {
    expect(isCommitment("Let's meet Monday")).toBe(true);
    expect(isCommitment("Shouldn't we say I'll do it?")).toBe(false);
    expect(isCommitment('Willing to help')).toBe(false);
  });
});

/** Friday 20 November 2026, 10:00 local time: the session's start. */
const REFERENCE = new Date(2026, 10, 20, 10, 0);

describe('findActionItems() - owners, due dates and decisions', () => {
  test('marked lines name their owner and due date', () => {
    const notes = [
      '- [ ] @jo update the onboarding doc by Dec 1',
      'TODO(mia): rotate the API keys',
      'Action: Priya to book the retro room by next Tuesday',
      'Decision: we keep Postgres for now',
    ].join('\n');
    expect(findActionItems(notes, 'notes', { reference: REFERENCE })).toEqual([
      { text: '@jo update the onboarding doc by Dec 1', source: 'notes', done: false, kind: 'action', owner: 'Jo', due: '2026-12-01' },
      { text: 'rotate the API keys', source: 'notes', done: false, kind: 'action', owner: 'Mia' },
      { text: 'Priya to book the retro room by next Tuesday', source: 'notes', done: false, kind: 'action', owner: 'Priya', due: '2026-11-24' },
      { text: 'we keep Postgres for now', source: 'notes', done: false, kind: 'decision' },
    ]);
  });

  test('prose in notes: named commitments with dates, decisions, and nothing for the rest', () => {
    const notes = 'Sarah will update the runbook by Thursday. Sarah will be out on Friday. We agreed that retros move to Thursdays.';
    expect(findActionItems(notes, 'notes', { reference: REFERENCE })).toEqual([
      { text: 'Sarah will update the runbook by Thursday', source: 'notes', done: false, kind: 'action', owner: 'Sarah', due: '2026-11-26' },
      { text: 'We agreed that retros move to Thursdays', source: 'notes', done: false, kind: 'decision' },
    ]);
  });

  test('without a reference date no due date is guessed', () => {
    expect(findActionItems('Tom to send the deck tomorrow', 'notes')[0]?.due).toBeUndefined();
  });

  test('an unpunctuated line of notes gives no item over 300 characters', () => {
    const line = `we need to ${'check the invoice export and the billing retry logic and '.repeat(12)}tell finance`;
    const items = findActionItems(line, 'notes');
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.text.length).toBeLessThanOrEqual(300);
  });
});

describe('spokenActionItems()', () => {
  test('each item keeps its moment and who said it; "I" is the speaker', () => {
    const sentences = [
      { text: 'the export drops rows', start: 1, end: 3, speaker: 'Priya', cue: 0 },
      { text: "i'll fix the export before monday", start: 3, end: 6, speaker: 'Sam', cue: 1 },
      { text: 'we decided to keep the old dashboard', start: 70.5, end: 73, cue: 2 },
    ];
    expect(spokenActionItems(sentences, REFERENCE)).toEqual([
      { text: "i'll fix the export before monday", source: 'transcript', done: false, kind: 'action', owner: 'Sam', due: '2026-11-23', at: 3, speaker: 'Sam' },
      { text: 'we decided to keep the old dashboard', source: 'transcript', done: false, kind: 'decision', at: 70.5 },
    ]);
  });
});
