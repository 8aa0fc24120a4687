import type { PostingsRecord } from './searchDb.ts';

/**
 * Stored postings of recently read terms, least recently used first, within a byte budget: a
 * query of common words does not read their biggest records from IndexedDB each time.
 */
export class PostingsCache {
  private readonly terms = new Map<string, PostingsRecord[]>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(term: string): PostingsRecord[] | undefined {
    const held = this.terms.get(term);
    if (held) {
      this.terms.delete(term);
      this.terms.set(term, held);
    }
    return held;
  }

  set(term: string, records: PostingsRecord[]): void {
    this.delete(term);
    this.terms.set(term, records);
    this.bytes += sizeOf(records);
    for (const [oldest, held] of this.terms) {
      if (this.bytes <= this.maxBytes) break;
      this.terms.delete(oldest);
      this.bytes -= sizeOf(held);
    }
  }

  /** A saved segment's record joins a held term; a term not held is read whole next time. */
  append(term: string, record: PostingsRecord): void {
    const held = this.terms.get(term);
    if (!held) return;
    held.push(record);
    this.bytes += sizeOf([record]);
  }

  delete(term: string): void {
    const held = this.terms.get(term);
    if (!held) return;
    this.terms.delete(term);
    this.bytes -= sizeOf(held);
  }

  clear(): void {
    this.terms.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.bytes;
  }
}

const sizeOf = (records: readonly PostingsRecord[]) => records.reduce((sum, record) => sum + record.bytes.byteLength + (record.skips?.byteLength ?? 0) + 32, 0);
