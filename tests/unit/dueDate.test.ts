import { describe, expect, test } from 'vitest';
import { dueDate } from '../../workers/text/dueDate.ts';

/** Friday 20 November 2026, 10:00 local time: the session's start, injected. */
const REFERENCE = new Date(2026, 10, 20, 10, 0);

describe('dueDate()', () => {
  test.each([
    ['Sarah will update the runbook by Thursday', '2026-11-26'],
    ['Tom to send the slides tomorrow', '2026-11-21'],
    ['Priya to book the room by next Tuesday', '2026-11-24'],
    ['review it before Monday', '2026-11-23'],
    ['pair on it on the 3rd of December', '2026-12-03'],
    ['update the doc by Dec 1', '2026-12-01'],
    ['share the link by EOD', '2026-11-20'],
    ['draft the contract by end of week', '2026-11-20'],
    ['close the books by the end of the month', '2026-11-30'],
    ["We'll revisit pricing in two weeks", '2026-12-04'],
    ['send it by the 15th', '2026-12-15'],
    ['send it by 3pm', '2026-11-20'],
    ['move the launch to March 3', '2027-03-03'],
    ['fix it by 2026-12-08', '2026-12-08'],
  ])('%s → %s', (text, iso) => {
    expect(dueDate(text, REFERENCE)).toBe(iso);
  });

  test('a bare weekday said on that weekday means the next one', () => {
    expect(dueDate('send it by Friday', REFERENCE)).toBe('2026-11-27');
    expect(dueDate('send it this Friday', REFERENCE)).toBe('2026-11-20');
  });

  test('words that only look like dates are not due dates', () => {
    expect(dueDate('now we can send it', REFERENCE)).toBeUndefined();
    expect(dueDate('we sat down and fixed it', REFERENCE)).toBeUndefined();
    expect(dueDate('you may want to check the logs', REFERENCE)).toBeUndefined();
    expect(dueDate('send the deck', REFERENCE)).toBeUndefined();
  });

  test('resolves against the reference date given, not today', () => {
    expect(dueDate('send it tomorrow', new Date(2025, 0, 31, 12))).toBe('2025-02-01');
  });
});
