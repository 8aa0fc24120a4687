/** How much of a byte string reads as UTF-8. */
export interface Utf8Scan {
  /** Well-formed sequences of two to four bytes (accented letters, symbols, emoji). */
  multiByte: number;
  /** Bytes that are part of no well-formed sequence; a decoder shows each run as one U+FFFD. */
  badBytes: number;
}

/** The range the byte after `lead` must fall in (Unicode's table of well-formed UTF-8: no overlong forms, no surrogates). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** Bytes in a sequence led by `lead`, or 0 for a byte that starts none. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Counts the well-formed multi-byte sequences of `bytes` and the bytes that belong to none. With
 * `cut`, a sequence left unfinished at the very end was cut by a size limit and counts as neither.
 */
export function scanUtf8(bytes: Uint8Array, { cut = false } = {}): Utf8Scan {
  let multiByte = 0;
  let badBytes = 0;
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at]!;
    if (lead < 0x80) {
      at += 1;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 0) {
      badBytes += 1;
      at += 1;
      continue;
    }
    // The lead and the continuation bytes that fit: a mismatch ends the sequence there, as a decoder does.
    let taken = 1;
    while (taken < length && at + taken < bytes.length) {
      const [low, high] = taken === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      const next = bytes[at + taken]!;
      if (next < low || next > high) break;
      taken += 1;
    }
    if (taken === length) multiByte += 1;
    else if (!(cut && at + taken === bytes.length)) badBytes += taken;
    at += taken;
  }
  return { multiByte, badBytes };
}
