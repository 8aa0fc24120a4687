import { describe, expect, it } from 'vitest';
import { timeLeftInWords } from '../../src/ui/duration.ts';

describe('timeLeftInWords()', () => {
  it('says seconds, minutes and hours in words', () => {
    expect(timeLeftInWords(3_000)).toBe('a few seconds left');
    expect(timeLeftInWords(45_000)).toBe('less than a minute left');
    expect(timeLeftInWords(65_000)).toBe('about a minute left');
    expect(timeLeftInWords(130_000)).toBe('about 2 minutes left');
    expect(timeLeftInWords(3 * 3600_000)).toBe('about 3 hours left');
  });
});
