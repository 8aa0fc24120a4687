import { describe, expect, it } from 'vitest';
import { bytesInWords, storageInWords } from '../../src/pwa/bytes.ts';

describe('bytesInWords()', () => {
  it('counts small sizes in bytes, singular for one', () => {
    expect(bytesInWords(0)).toBe('0 bytes');
    expect(bytesInWords(1)).toBe('1 byte');
    expect(bytesInWords(999)).toBe('999 bytes');
  });

  it('uses decimal units with one decimal below 10 and none above', () => {
    expect(bytesInWords(1000)).toBe('1 kB');
    expect(bytesInWords(1_500_000)).toBe('1.5 MB');
    expect(bytesInWords(12_345_678)).toBe('12 MB');
    expect(bytesInWords(10_737_418_240)).toBe('11 GB');
  });

  it('moves to the next unit instead of showing 1000 of one', () => {
    expect(bytesInWords(999_600)).toBe('1 MB');
  });

  it('refuses a negative or non-finite size with a TypeError', () => {
    expect(() => bytesInWords(-1)).toThrow(TypeError);
    expect(() => bytesInWords(Number.NaN)).toThrow('Expected `bytes` to be a size from 0 up, got `NaN` (number)');
  });
});

describe('storageInWords()', () => {
  it('reads as a sentence: used of available', () => {
    expect(storageInWords(12_000_000, 10_000_000_000)).toBe('12 MB used of 10 GB available');
  });
});
