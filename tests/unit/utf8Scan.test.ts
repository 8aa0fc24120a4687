import { describe, expect, test } from 'vitest';
import { scanUtf8 } from '../../src/shared/utf8Scan.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('scanUtf8()', () => {
  test('counts well-formed sequences of two, three and four bytes, not ASCII', () => {
    expect(scanUtf8(new TextEncoder().encode('a é € 😀'))).toEqual({ multiByte: 3, badBytes: 0 });
  });

  test('a byte that starts no sequence, an overlong form and a surrogate are bad bytes', () => {
    expect(scanUtf8(bytes(0x41, 0xe9, 0x42))).toEqual({ multiByte: 0, badBytes: 1 });
    // C0 AF: "/" written in two bytes; ED A0 80: a surrogate half. Each byte is bad, as a decoder says.
    expect(scanUtf8(bytes(0xc0, 0xaf))).toEqual({ multiByte: 0, badBytes: 2 });
    expect(scanUtf8(bytes(0xed, 0xa0, 0x80))).toEqual({ multiByte: 0, badBytes: 3 });
  });

  test('a sequence broken off counts its lead and the continuation bytes it had', () => {
    // E2 82 then "a": the start of "€" with its last byte missing.
    expect(scanUtf8(bytes(0xe2, 0x82, 0x61, 0xc3, 0xa9))).toEqual({ multiByte: 1, badBytes: 2 });
  });

  test('with `cut`, a sequence unfinished at the very end is neither good nor bad', () => {
    expect(scanUtf8(bytes(0xc3, 0xa9, 0xe2, 0x82), { cut: true })).toEqual({ multiByte: 1, badBytes: 0 });
    expect(scanUtf8(bytes(0xc3, 0xa9, 0xe2, 0x82))).toEqual({ multiByte: 1, badBytes: 2 });
  });
});
