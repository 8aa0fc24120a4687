import { describe, expect, test } from 'vitest';
import { findActionItems, isCommitment } from '../../workers/text/actions.ts';

describe('findActionItems()', () => {
  test('checkboxes, open and done, in every list style', () => {
    const notes = ['- [ ] Send the invoice', '* [x] Book the room', '+ [X] Close the sprint', '1. [ ] Draft the **roadmap**', '  - [ ] Nested item'].join('\n');
    expect(findActionItems(notes, 'notes')).toEqual([
      { text: 'Send the invoice', source: 'notes', done: false },
      { text: 'Book the room', source: 'notes', done: true },
      { text: 'Close the sprint', source: 'notes', done: true },
      { text: 'Draft the roadmap', source: 'notes', done: false },
      { text: 'Nested item', source: 'notes', done: false },
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
      { text: 'We need to send the budget to finance', source: 'transcript', done: false },
      { text: "I'll draft the contract", source: 'transcript', done: false },
      { text: "let's ship on Monday", source: 'transcript', done: false },
    ]);
  });

  test('a word like "todo-list" or "actionable" is not a marker', () => {
    expect(findActionItems('todo-list app review\nActionable insights came up', 'notes')).toEqual([]);
  });

  test('screens give marked lines only: phrasings on screen are not commitments', () => {
    expect(findActionItems("TODO: fix the chart\nWe need to talk about pricing", 'screens', true)).toEqual([
      { text: 'fix the chart', source: 'screens', done: false },
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
