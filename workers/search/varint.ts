/**
 * Packed postings: for each (document, field) pair in document order, varint(document − previous
 * document) then varint(frequency × 4 + field). The first document counts from −1, so a delta of 0
 * means "the same document, another field". Most pairs take two bytes.
 */

/** Field numbers in the packed code: the order of INDEX_OPTIONS.fields. */
export const FIELD_BITS = 2;

/** A (document, field, frequency) code: frequency in the high bits, field in the low two. */
export const codeOf = (field: number, frequency: number) => frequency * 4 + field;
export const fieldOf = (code: number) => code & 3;
export const frequencyOf = (code: number) => code >>> FIELD_BITS;

/** Grows as bytes are written; `bytes()` is a copy of exactly what was written. */
export class ByteWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  varint(value: number): void {
    if (this.length + 5 > this.buffer.length) {
      const bigger = new Uint8Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buffer[this.length++] = v;
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/**
 * Packs `count` pairs from flat `[doc, code, doc, code, …]` (documents ascending), keeping only
 * those whose document `keep` lets through. Returns the bytes and how many pairs they hold.
 */
export function encodePostings(flat: ArrayLike<number>, keep: (doc: number) => boolean = () => true): { bytes: Uint8Array; count: number } {
  const writer = new ByteWriter();
  let previous = -1;
  let count = 0;
  for (let i = 0; i < flat.length; i += 2) {
    const doc = flat[i]!;
    if (!keep(doc)) continue;
    if (doc < previous) throw new RangeError(`Postings must be in document order: ${doc} after ${previous}.`);
    writer.varint(doc - previous);
    writer.varint(flat[i + 1]!);
    previous = doc;
    count++;
  }
  return { bytes: writer.bytes(), count };
}

/** Thrown when stored bytes do not decode to what their record says: the index must be rebuilt. */
export class DamagedPostingsError extends Error {
  override name = 'DamagedPostingsError';
}

/**
 * Unpacks `count` pairs of `bytes` into `docs` and `codes` from `at` (both long enough); returns
 * where the next pair goes. Throws DamagedPostingsError when the bytes hold another count, a
 * document at or past `docLimit`, or a broken varint.
 */
export function decodePostings(bytes: Uint8Array, count: number, docs: Int32Array, codes: Uint32Array, at: number, docLimit: number): number {
  const pos = decodeRun(bytes, 0, -1, count, docs, codes, at, docLimit);
  if (pos !== bytes.length) throw new DamagedPostingsError('A postings record holds more bytes than its count says.');
  return at + count;
}

/**
 * Unpacks `count` pairs starting at byte `start`, the document before them being `previous` (−1 at
 * a record's start): one block of a record (skips.ts). Returns the byte after the last pair.
 */
export function decodeRun(bytes: Uint8Array, start: number, previous: number, count: number, docs: Int32Array, codes: Uint32Array, at: number, docLimit: number): number {
  let pos = start;
  let doc = previous;
  const end = bytes.length;
  for (let n = 0; n < count; n++) {
    let delta = 0;
    let shift = 0;
    let byte: number;
    do {
      if (pos >= end || shift > 28) throw new DamagedPostingsError('A postings record ends inside a number.');
      byte = bytes[pos++]!;
      delta |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    let code = 0;
    shift = 0;
    do {
      if (pos >= end || shift > 28) throw new DamagedPostingsError('A postings record ends inside a number.');
      byte = bytes[pos++]!;
      code |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    doc += delta >>> 0;
    if (doc >= docLimit || (delta === 0 && n === 0)) throw new DamagedPostingsError(`A postings record names document ${doc}, which was never numbered.`);
    docs[at + n] = doc;
    codes[at + n] = code >>> 0;
  }
  return pos;
}
