import { describe, expect, test } from 'vitest';
import { safeFolderName, uniqueFolderNames } from '../../workers/export/names.ts';

describe('safeFolderName()', () => {
  test('keeps ordinary titles, accents and dashes as they are', () => {
    expect(safeFolderName('Vendor check-in — payments')).toBe('Vendor check-in — payments');
    expect(safeFolderName('Revue de conception')).toBe('Revue de conception');
  });

  test('removes separators, reserved and control characters, and edge dots and spaces', () => {
    expect(safeFolderName('Q3/Q4: plan? <draft> "final" | v2*')).toBe('Q3 Q4 plan draft final v2');
    expect(safeFolderName('../../etc/passwd')).toBe('etc passwd');
    expect(safeFolderName('  notes.  ')).toBe('notes');
    expect(safeFolderName('tab\there\nnewline')).toBe('tab here newline');
  });

  test('never gives an empty name, a Windows device name, or more than 80 characters', () => {
    expect(safeFolderName('')).toBe('session');
    expect(safeFolderName('...')).toBe('session');
    expect(safeFolderName('CON')).toBe('CON_');
    expect(safeFolderName('lpt1.txt')).toBe('lpt1.txt_');
    expect([...safeFolderName('ü'.repeat(200))]).toHaveLength(80);
  });
});

describe('uniqueFolderNames()', () => {
  test('numbers repeated titles, ignoring case, without clashing with a title that already has a number', () => {
    expect(uniqueFolderNames(['Standup', 'standup', 'Standup (2)', 'Standup', 'Review'])).toEqual([
      'Standup',
      'standup (2)',
      'Standup (2) (2)',
      'Standup (3)',
      'Review',
    ]);
    expect(uniqueFolderNames(['a/b', 'a:b'])).toEqual(['a b', 'a b (2)']);
  });
});
