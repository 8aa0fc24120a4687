import { decodePostings, fieldOf, frequencyOf } from './varint.ts';

/**
 * Skip blocks over one packed postings record: the record's pairs cut into blocks of about
 * BLOCK_PAIRS pairs (a block ends where a document ends), each with where it ends (document, byte,
 * pair) and, per field, its highest frequency and shortest field length. A query jumps over blocks
 * by their last document without decoding them, and bounds what any document of a block can score
 * (block-max, see maxScore.ts). The bytes stay as varint.ts packs them: a block is a run of them.
 *
 * Layout (Uint32Array): pairs per field (3), first document, then per block BLOCK_STRIDE numbers:
 * last document, byte end, pair end, then (max frequency, min length) for each of the 3 fields.
 */
export const BLOCK_PAIRS = 128;
export const SKIP_HEADER = 4;
export const BLOCK_STRIDE = 9;
/** A field absent from a block: its min length. */
const NO_LENGTH = 0xffffffff;

/** How many blocks a skip table holds. */
export const blockCount = (skips: Uint32Array) => (skips.length - SKIP_HEADER) / BLOCK_STRIDE;

let scratchDocs = new Int32Array(1024);
let scratchCodes = new Uint32Array(1024);

/**
 * The skip table of `count` pairs packed in `bytes`, decoding them once. `lengthOf` gives a
 * document's field length (0 when unknown: the bound is then looser, never wrong).
 */
export function buildSkips(bytes: Uint8Array, count: number, docLimit: number, lengthOf: (doc: number, field: number) => number): Uint32Array {
  if (count > scratchDocs.length) {
    const size = 2 ** Math.ceil(Math.log2(count));
    scratchDocs = new Int32Array(size);
    scratchCodes = new Uint32Array(size);
  }
  decodePostings(bytes, count, scratchDocs, scratchCodes, 0, docLimit);
  // Byte offsets are found again by walking the varints: each pair is two of them.
  const out: number[] = [0, 0, 0, count > 0 ? scratchDocs[0]! : 0];
  let pos = 0;
  let blockStart = 0;
  const maxTf = [0, 0, 0];
  const minLen = [NO_LENGTH, NO_LENGTH, NO_LENGTH];
  for (let i = 0; i < count; i++) {
    for (let v = 0; v < 2; v++) while (bytes[pos++]! & 0x80);
    const doc = scratchDocs[i]!;
    const code = scratchCodes[i]!;
    const field = fieldOf(code);
    out[field]!++;
    maxTf[field] = Math.max(maxTf[field]!, frequencyOf(code));
    minLen[field] = Math.min(minLen[field]!, lengthOf(doc, field) || 0);
    const endsDoc = i + 1 === count || scratchDocs[i + 1] !== doc;
    if (endsDoc && (i + 1 - blockStart >= BLOCK_PAIRS || i + 1 === count)) {
      out.push(doc, pos, i + 1, maxTf[0]!, minLen[0]!, maxTf[1]!, minLen[1]!, maxTf[2]!, minLen[2]!);
      blockStart = i + 1;
      maxTf.fill(0);
      minLen.fill(NO_LENGTH);
    }
  }
  return Uint32Array.from(out);
}

const tables = new WeakMap<Uint8Array, Uint32Array>();

/** A record's skip table: the stored one, else built once per record read (records written before skip tables). */
export function skipsOf(record: { bytes: Uint8Array; count: number; skips?: Uint32Array }, docLimit: number, lengthOf: (doc: number, field: number) => number): Uint32Array {
  if (record.skips) return record.skips;
  let table = tables.get(record.bytes);
  if (!table) tables.set(record.bytes, (table = buildSkips(record.bytes, record.count, docLimit, lengthOf)));
  return table;
}
