import { BLOCK_STRIDE, SKIP_HEADER, blockCount } from './skips.ts';
import { decodeRun } from './varint.ts';

/** Past the last document: a cursor at its end. */
export const END = 0x7fffffff;
/** A cursor over every field's pairs. */
export const ALL_FIELDS = -1;

/** One packed record of a term and its skip table; a term's chunks come in ascending, disjoint document ranges. */
export interface Chunk {
  bytes: Uint8Array;
  count: number;
  skips: Uint32Array;
}

/**
 * Walks a term's postings a document at a time, forward only, decoding a block only when a
 * document in it is asked for: `seek` passes whole blocks by their last document, and `boundAt`
 * tells what a document of the block holding a number could score without decoding it. With a
 * `field`, only that field's pairs are walked (a list of its own for MaxScore), and blocks without
 * that field are passed undecoded.
 */
export class TermCursor {
  /** The current document, END when done (−1 before the first move). */
  doc = -1;
  /** The current document's pairs are `docs[pos … pairEnd)`, `codes` alike. */
  pos = 0;
  pairEnd = 0;
  docs: Int32Array;
  codes: Uint32Array;
  private readonly lastDoc: Int32Array;
  /** Per block, whether it holds pairs of the walked field. */
  private readonly present: Uint8Array;
  private readonly blockChunk: Uint16Array;
  private readonly blockIndex: Uint32Array;
  /** Per block, the most a document in it can add to a score (filled by the caller: it knows the weights). */
  readonly bounds: Float64Array;
  /** The block the cursor is in, and the block decoded into the buffers (−1: none). */
  private block = 0;
  private decoded = -1;
  private length = 0;

  constructor(
    readonly chunks: readonly Chunk[],
    private readonly docLimit: number,
    readonly field = ALL_FIELDS,
  ) {
    let blocks = 0;
    for (const chunk of chunks) blocks += blockCount(chunk.skips);
    this.lastDoc = new Int32Array(blocks);
    this.present = new Uint8Array(blocks);
    this.blockChunk = new Uint16Array(blocks);
    this.blockIndex = new Uint32Array(blocks);
    this.bounds = new Float64Array(blocks);
    let g = 0;
    let biggest = 0;
    chunks.forEach((chunk, c) => {
      const n = blockCount(chunk.skips);
      let previousEnd = 0;
      for (let i = 0; i < n; i++, g++) {
        const at = SKIP_HEADER + i * BLOCK_STRIDE;
        this.lastDoc[g] = chunk.skips[at]!;
        this.present[g] = field === ALL_FIELDS || chunk.skips[at + 3 + field * 2]! > 0 ? 1 : 0;
        this.blockChunk[g] = c;
        this.blockIndex[g] = i;
        biggest = Math.max(biggest, chunk.skips[at + 2]! - previousEnd);
        previousEnd = chunk.skips[at + 2]!;
      }
    });
    this.docs = new Int32Array(biggest);
    this.codes = new Uint32Array(biggest);
  }

  get blocks(): number {
    return this.lastDoc.length;
  }

  /** The skip entry of global block `g`: its chunk's table and the entry's offset in it. */
  entry(g: number): { skips: Uint32Array; at: number } {
    const skips = this.chunks[this.blockChunk[g]!]!.skips;
    return { skips, at: SKIP_HEADER + this.blockIndex[g]! * BLOCK_STRIDE };
  }

  /** Moves to the first block whose last document is at least `target` (no decoding); its bound, 0 past the end. */
  boundAt(target: number): number {
    this.skipTo(target);
    return this.block < this.lastDoc.length ? this.bounds[this.block]! : 0;
  }

  /** Moves to the first document at or after `target` (holding the walked field). */
  seek(target: number): number {
    if (this.doc >= target) return this.doc;
    this.skipTo(target);
    return this.scan(target);
  }

  /** Moves to the next document (holding the walked field). */
  next(): number {
    if (this.doc === END) return END;
    return this.scan(this.doc + 1);
  }

  /** The first pair at or after `target` from the current block on, of the walked field. */
  private scan(target: number): number {
    for (;;) {
      while (this.block < this.lastDoc.length && !this.present[this.block]) this.block++;
      if (this.block >= this.lastDoc.length) return (this.doc = END);
      if (this.decoded !== this.block) this.decode(this.block);
      const docs = this.docs;
      let pos = this.pos;
      while (pos < this.length && (docs[pos]! < target || (this.field !== ALL_FIELDS && (this.codes[pos]! & 3) !== this.field))) pos++;
      if (pos < this.length) return this.settle(pos);
      this.block++;
    }
  }

  private skipTo(target: number): void {
    const last = this.lastDoc;
    let g = this.block;
    if (g >= last.length || last[g]! >= target) return;
    // Gallop, then search: a far target passes many blocks in a few steps.
    let step = 1;
    while (g + step < last.length && last[g + step]! < target) step *= 2;
    let lo = g + (step >> 1) + 1;
    let hi = Math.min(last.length, g + step + 1);
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (last[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    g = lo;
    this.block = g;
  }

  private settle(pos: number): number {
    this.pos = pos;
    const doc = this.docs[pos]!;
    let end = pos + 1;
    if (this.field === ALL_FIELDS) while (end < this.length && this.docs[end] === doc) end++;
    this.pairEnd = end;
    return (this.doc = doc);
  }

  private decode(g: number): void {
    const chunk = this.chunks[this.blockChunk[g]!]!;
    const i = this.blockIndex[g]!;
    const at = SKIP_HEADER + i * BLOCK_STRIDE;
    const start = i === 0 ? 0 : chunk.skips[at - BLOCK_STRIDE + 1]!;
    const previous = i === 0 ? -1 : chunk.skips[at - BLOCK_STRIDE]!;
    const firstPair = i === 0 ? 0 : chunk.skips[at - BLOCK_STRIDE + 2]!;
    this.length = chunk.skips[at + 2]! - firstPair;
    decodeRun(chunk.bytes, start, previous, this.length, this.docs, this.codes, 0, this.docLimit);
    this.decoded = g;
    this.pos = 0;
  }
}
