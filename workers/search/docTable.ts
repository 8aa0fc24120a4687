import type { SearchDocument } from '../../src/shared/results.ts';

/** Document kinds by their number in the table. */
export const KINDS: ReadonlyArray<SearchDocument['kind']> = ['session', 'chapter', 'cue'];
export const kindCode = (kind: SearchDocument['kind']) => Math.max(0, KINDS.indexOf(kind));

/**
 * Every numbered document in memory, compactly: its session (undefined once removed: a tombstone
 * its postings are skipped by), kind and field lengths, plus the sums BM25's average lengths need.
 * Numbers are never reused, so postings of a removed document can wait for compaction.
 */
export class DocTable {
  private sessions: Array<string | undefined> = [];
  private kinds = new Uint8Array(1024);
  /** 1 per live document: read per posting by the dense scorer, cheaper than the session lookup. */
  private liveDocs = new Uint8Array(1024);
  private lengths = new Uint32Array(1024 * 3);
  private readonly totals = [0, 0, 0];
  /** Documents alive. */
  live = 0;
  /** Bumped whenever a document is added or removed: what was computed from the tombstones is stale. */
  generation = 0;
  private dead: { generation: number; ranges: Int32Array } | null = null;

  /** One past the highest document number seen. */
  get limit(): number {
    return this.sessions.length;
  }

  add(doc: number, sessionId: string, kind: number, lengths: ArrayLike<number>): void {
    if (this.sessions[doc] !== undefined) this.remove(doc);
    while (doc >= this.kinds.length) this.grow();
    if (doc >= this.sessions.length) this.sessions.length = doc + 1;
    this.sessions[doc] = sessionId;
    this.generation++;
    this.kinds[doc] = kind;
    this.liveDocs[doc] = 1;
    for (let f = 0; f < 3; f++) {
      this.lengths[doc * 3 + f] = lengths[f] ?? 0;
      this.totals[f]! += lengths[f] ?? 0;
    }
    this.live++;
  }

  /** A whole session's documents `base …` at once (the catalog at open): no per-document allocation. */
  addRange(base: number, sessionId: string, kinds: Uint8Array, lengths: Uint32Array): void {
    const count = kinds.length;
    for (let doc = base; doc < base + count; doc++) if (this.sessions[doc] !== undefined) this.remove(doc);
    while (base + count > this.kinds.length) this.grow();
    if (base + count > this.sessions.length) this.sessions.length = base + count;
    this.sessions.fill(sessionId, base, base + count);
    this.generation++;
    this.kinds.set(kinds, base);
    this.liveDocs.fill(1, base, base + count);
    this.lengths.set(lengths.subarray(0, count * 3), base * 3);
    for (let i = 0; i < count * 3; i++) this.totals[i % 3]! += lengths[i] ?? 0;
    this.live += count;
  }

  remove(doc: number): void {
    if (this.sessions[doc] === undefined) return;
    this.sessions[doc] = undefined;
    this.liveDocs[doc] = 0;
    this.generation++;
    for (let f = 0; f < 3; f++) this.totals[f]! -= this.lengths[doc * 3 + f]!;
    this.live--;
  }

  /** Makes room for documents up to `limit` (numbers handed out but not yet added). */
  reserve(limit: number): void {
    if (limit > this.sessions.length) this.sessions.length = limit;
    this.generation++;
  }

  /**
   * The numbers below `limit` with no live document (removed, or never added), as flat
   * `[start, end, …]` ranges: scoring takes their pairs out of a term's document frequency.
   */
  deadRanges(): Int32Array {
    if (this.dead?.generation === this.generation) return this.dead.ranges;
    const out: number[] = [];
    const sessions = this.sessions;
    for (let doc = 0; doc < sessions.length; doc++) {
      if (sessions[doc] !== undefined) continue;
      const start = doc;
      while (doc < sessions.length && sessions[doc] === undefined) doc++;
      out.push(start, doc);
    }
    this.dead = { generation: this.generation, ranges: Int32Array.from(out) };
    return this.dead.ranges;
  }

  /** Per document number, 1 when live (at least `limit` long; read only, do not keep across changes). */
  get alive(): Uint8Array {
    return this.liveDocs;
  }

  sessionOf(doc: number): string | undefined {
    return this.sessions[doc];
  }

  kindOf(doc: number): number {
    return this.kinds[doc]!;
  }

  lengthOf(doc: number, field: number): number {
    return this.lengths[doc * 3 + field]!;
  }

  averageLength(field: number): number {
    return this.live > 0 ? this.totals[field]! / this.live : 0;
  }

  private grow(): void {
    const kinds = new Uint8Array(this.kinds.length * 2);
    kinds.set(this.kinds);
    const lengths = new Uint32Array(this.lengths.length * 2);
    lengths.set(this.lengths);
    const liveDocs = new Uint8Array(this.liveDocs.length * 2);
    liveDocs.set(this.liveDocs);
    this.kinds = kinds;
    this.lengths = lengths;
    this.liveDocs = liveDocs;
  }
}
