import type { SearchDocument } from '../../src/shared/results.ts';
import type { SessionFacts } from '../../src/shared/search.ts';
import { analyze, type AnalyzedDocument } from './analyze.ts';
import { charsOf } from './documents.ts';
import { DocTable, kindCode } from './docTable.ts';
import { PostingsCache } from './postingsCache.ts';
import { readPostings } from './readPostings.ts';
import { termRange, type CatalogEntry, type Counters, type FreshSegment, type PostingsRecord, type SearchDb, type StoredDocument } from './searchDb.ts';
import { buildSkips } from './skips.ts';
import { ByteWriter, decodePostings, encodePostings } from './varint.ts';
import { Vocabulary } from './vocabulary.ts';

/** Postings keys read per request when looking for terms to merge. */
const KEY_PAGE = 50_000;
/**
 * Terms written per transaction when fresh segments are merged into the terms' records: a save or
 * query that arrives during a merge waits for one such step at most (500 took up to ~240 ms on a
 * loaded machine).
 */
export const MERGE_TERMS_PER_STEP = 48;

/** What a save writes for one session besides postings: its catalog entry and documents, or their removal. */
type SessionChange = { kind: 'put'; entry: CatalogEntry; documents: StoredDocument[] } | { kind: 'removed' };

export interface PostingsIndexOptions {
  /** Bytes of stored postings kept in memory between queries. */
  readonly maxCachedBytes: number;
  /** A term read with more segments than this is merged into one. */
  readonly compactAfterSegments: number;
  /** Fresh segments (one per save during a batch) held before they are merged into the terms' records. */
  readonly maxFreshSegments: number;
}

/**
 * The inverted index over the search database: in memory only the catalog, a compact table of the
 * documents (session, kind, field lengths), the vocabulary, the postings of documents not saved
 * yet and a byte-bounded cache of read postings. Each save writes one segment: a record per term
 * the new documents hold, keyed `[term, segment]`. Removal marks documents dead (a tombstone);
 * their postings go when a read term is compacted. The only writer of the search database.
 */
export class PostingsIndex {
  readonly catalog: Map<string, CatalogEntry>;
  readonly docs = new DocTable();
  readonly vocabulary: Vocabulary;
  private readonly cache: PostingsCache;
  /** Postings of documents indexed since the last save: term → flat `[doc, code, …]`. */
  private pending = new Map<string, number[]>();
  private changes = new Map<string, SessionChange>();
  /**
   * Documents removed since the last save (`[base, count]` of each replaced or removed session):
   * compaction keeps their postings until the removal is stored, and the save deletes their `docs` records.
   */
  private unsavedRemovals: Array<[number, number]> = [];
  private counters: Counters;
  /** Saved fresh segments not merged yet, oldest first, and their postings by term (in memory). */
  private freshSegments: number[] = [];
  private fresh = new Map<string, PostingsRecord[]>();

  constructor(
    readonly search: SearchDb,
    entries: readonly CatalogEntry[],
    terms: readonly string[],
    counters: Counters | undefined,
    private readonly options: PostingsIndexOptions,
    segments: readonly FreshSegment[] = [],
  ) {
    this.vocabulary = new Vocabulary(terms);
    for (const segment of segments) this.holdFresh(segment);
    this.cache = new PostingsCache(options.maxCachedBytes);
    this.catalog = new Map(entries.map((entry) => [entry.sessionId, entry]));
    let nextDoc = 0;
    for (const entry of entries) {
      this.docs.addRange(entry.base, entry.sessionId, entry.kinds.subarray(0, entry.documents), entry.lengths);
      nextDoc = Math.max(nextDoc, entry.base + entry.documents);
    }
    this.counters = { nextDoc: Math.max(nextDoc, counters?.nextDoc ?? 0), nextSegment: counters?.nextSegment ?? 0 };
    this.docs.reserve(this.counters.nextDoc);
  }

  get changed(): boolean {
    return this.changes.size > 0;
  }

  /** Postings waiting for the next save. */
  get pendingPairs(): number {
    let pairs = 0;
    for (const flat of this.pending.values()) pairs += flat.length / 2;
    return pairs;
  }

  documentCount(): number {
    return this.docs.live;
  }

  /** Replaces a session's documents: the old ones become tombstones, the new ones get new numbers. */
  put(sessionId: string, committedAt: number, documents: readonly SearchDocument[], facts: SessionFacts): StoredDocument[] {
    return this.putAnalyzed(sessionId, committedAt, documents, documents.map(analyze), facts);
  }

  /** put() with the documents already analyzed: the bench's generator counts its words itself. */
  putAnalyzed(sessionId: string, committedAt: number, documents: readonly SearchDocument[], analyzedDocs: readonly AnalyzedDocument[], facts: SessionFacts): StoredDocument[] {
    this.drop(sessionId);
    const base = this.counters.nextDoc;
    this.counters.nextDoc += documents.length;
    const kinds = new Uint8Array(documents.length);
    const lengths = new Uint32Array(documents.length * 3);
    documents.forEach((doc, i) => {
      const analyzed = analyzedDocs[i]!;
      kinds[i] = kindCode(doc.kind);
      lengths.set(analyzed.lengths, i * 3);
      this.docs.add(base + i, sessionId, kinds[i]!, analyzed.lengths);
      for (const [term, codes] of analyzed.terms) {
        let flat = this.pending.get(term);
        if (!flat) this.pending.set(term, (flat = []));
        for (const code of codes) flat.push(base + i, code);
      }
      this.vocabulary.addTerms(analyzed.terms.keys());
    });
    const entry: CatalogEntry = { sessionId, committedAt, base, documents: documents.length, kinds, lengths, chars: charsOf(documents), facts };
    this.catalog.set(sessionId, entry);
    const stored = documents.map(({ id, kind, chapter, time, title, text }) => ({ id, kind, chapter, time, title, text }));
    this.changes.set(sessionId, { kind: 'put', entry, documents: stored });
    return stored;
  }

  /** Takes a session out (its documents become tombstones); false when the index did not hold it. */
  remove(sessionId: string): boolean {
    if (!this.drop(sessionId)) return false;
    this.changes.set(sessionId, { kind: 'removed' });
    return true;
  }

  private drop(sessionId: string): boolean {
    const known = this.catalog.get(sessionId);
    if (!known) return false;
    for (let i = 0; i < known.documents; i++) this.docs.remove(known.base + i);
    this.unsavedRemovals.push([known.base, known.documents]);
    this.catalog.delete(sessionId);
    return true;
  }

  /**
   * Each term's stored segments (from the cache, else one read-only transaction for all the terms
   * missing) and its pending postings.
   */
  async postings(terms: readonly string[], prefixes: readonly string[] = []): Promise<Map<string, { stored: PostingsRecord[]; pending?: number[] }>> {
    const out = new Map<string, { stored: PostingsRecord[]; pending?: number[] }>();
    const missing: string[] = [];
    for (const term of terms) {
      const held = this.cache.get(term);
      if (held) out.set(term, { stored: held });
      else missing.push(term);
    }
    if (missing.length > 0) {
      for (const [term, records] of await readPostings(this.search, missing, prefixes)) {
        out.set(term, { stored: records });
        this.cache.set(term, records);
      }
    }
    const oldestFresh = this.freshSegments[0] ?? Infinity;
    for (const [term, value] of out) {
      // A record written by an unfinished merge of fresh segments is still read from those segments.
      if (value.stored.some((record) => record.segment >= oldestFresh)) value.stored = value.stored.filter((record) => record.segment < oldestFresh);
      const fresh = this.fresh.get(term);
      if (fresh) value.stored = [...value.stored, ...fresh];
      const pending = this.pending.get(term);
      if (pending) value.pending = pending;
    }
    return out;
  }

  /** Whether fresh segments wait to be merged into the terms' own records. */
  get wantsMerge(): boolean {
    return this.freshSegments.length >= this.options.maxFreshSegments;
  }

  /**
   * Merges the fresh segments into one record per term (`[term, newest segment]`, covering them
   * all), `MERGE_TERMS_PER_STEP` terms per `step`, then deletes the segments and writes the
   * vocabulary. Queries between steps read the fresh segments and skip the new records, so a
   * merge cut short (a crash) is only redone.
   */
  async mergeFresh(step: (fn: () => Promise<void>) => Promise<void>): Promise<void> {
    const merging = [...this.freshSegments];
    if (merging.length === 0) return;
    const first = merging[0]!;
    const last = merging.at(-1)!;
    const terms = [...this.fresh.keys()];
    for (let start = 0; start < terms.length; start += MERGE_TERMS_PER_STEP) {
      await step(async () => {
        const tx = this.search.transaction('postings', 'readwrite');
        for (const term of terms.slice(start, start + MERGE_TERMS_PER_STEP)) {
          const records = this.fresh.get(term)!.filter((record) => record.segment <= last);
          const { bytes, count } = concatPostings(records, this.docs.limit);
          void tx.store.put({ segment: last, first, count, bytes, skips: this.skipsFor(bytes, count) }, [term, last]);
        }
        await tx.done;
      });
    }
    await step(async () => {
      const tx = this.search.transaction(['segments', 'vocabulary'], 'readwrite');
      void tx.objectStore('segments').delete(IDBKeyRange.bound(first, last));
      void tx.objectStore('vocabulary').put({ terms: this.vocabulary.list() }, 'terms');
      await tx.done;
      this.vocabulary.changed = false;
      this.freshSegments = this.freshSegments.filter((segment) => segment > last);
      for (const term of terms) {
        const left = this.fresh.get(term)!.filter((record) => record.segment > last);
        if (left.length > 0) this.fresh.set(term, left);
        else this.fresh.delete(term);
        // Read again with its merged record next time.
        this.cache.delete(term);
      }
    });
  }

  private holdFresh(segment: FreshSegment): void {
    this.freshSegments.push(segment.segment);
    segment.terms.forEach((term, i) => {
      const record: PostingsRecord = {
        segment: segment.segment,
        first: segment.segment,
        count: segment.counts[i]!,
        bytes: segment.bytes.subarray(segment.offsets[i]!, segment.offsets[i + 1]!),
      };
      const held = this.fresh.get(term);
      if (held) held.push(record);
      else this.fresh.set(term, [record]);
    });
    this.vocabulary.addTerms(segment.terms);
  }

  /** Whether a term read with these segments and dead pairs is worth merging. */
  wantsCompaction(segments: number, pairs: number, dead: number): boolean {
    return segments > this.options.compactAfterSegments || (dead > 64 && dead * 4 > pairs);
  }

  /** Merges a term's stored segments into one, without the pairs of documents whose removal is saved. */
  async compact(term: string): Promise<void> {
    const tx = this.search.transaction('postings', 'readwrite');
    const oldestFresh = this.freshSegments[0] ?? Infinity;
    // Records of an unfinished merge of fresh segments are left to that merge.
    const records = (await tx.store.getAll(termRange(term))).filter((record) => record.segment < oldestFresh);
    if (records.length < 2 && !records.some((record) => this.hasDead(record))) return void (await tx.done);
    const total = records.reduce((sum, record) => sum + record.count, 0);
    const docs = new Int32Array(total);
    const codes = new Uint32Array(total);
    let at = 0;
    for (const record of records) at = decodePostings(record.bytes, record.count, docs, codes, at, this.docs.limit);
    const flat: number[] = [];
    for (let i = 0; i < total; i++) {
      if (this.docs.sessionOf(docs[i]!) === undefined && !this.removedUnsaved(docs[i]!)) continue;
      flat.push(docs[i]!, codes[i]!);
    }
    const last = records.at(-1)!.segment;
    void tx.store.delete(IDBKeyRange.bound([term], [term, last]));
    const { bytes, count } = encodePostings(flat);
    const merged: PostingsRecord = { segment: last, first: Math.min(...records.map((record) => record.first ?? record.segment)), count, bytes, skips: this.skipsFor(bytes, count) };
    if (count > 0) void tx.store.put(merged, [term, last]);
    await tx.done;
    this.cache.delete(term);
  }

  /** The skip table stored with a record, so that a query jumps through it without decoding it first. */
  private skipsFor(bytes: Uint8Array, count: number): Uint32Array {
    return buildSkips(bytes, count, this.docs.limit, (doc, field) => this.docs.lengthOf(doc, field));
  }

  /** Whether a record holds postings of removed documents (read only when it is the term's one record). */
  private hasDead(record: PostingsRecord): boolean {
    const docs = new Int32Array(record.count);
    decodePostings(record.bytes, record.count, docs, new Uint32Array(record.count), 0, this.docs.limit);
    return docs.some((doc) => this.docs.sessionOf(doc) === undefined && !this.removedUnsaved(doc));
  }

  /** Terms stored in more than one segment (a build leaves many), read in pages of keys. */
  async fragmentedTerms(): Promise<string[]> {
    const out: string[] = [];
    let after: [string, number] | null = null;
    let current = '';
    let segments = 0;
    for (;;) {
      const range: IDBKeyRange | null = after ? IDBKeyRange.lowerBound(after, true) : null;
      const keys: Array<[string, number]> = await this.search.getAllKeys('postings', range, KEY_PAGE);
      for (const [term] of keys) {
        if (term !== current) {
          if (segments > 1) out.push(current);
          current = term;
          segments = 0;
        }
        segments++;
      }
      if (keys.length < KEY_PAGE) break;
      after = keys.at(-1)!;
    }
    if (segments > 1) out.push(current);
    return out;
  }

  private removedUnsaved(doc: number): boolean {
    return this.unsavedRemovals.some(([base, count]) => doc >= base && doc < base + count);
  }

  /**
   * Writes one segment of the pending postings of live documents, the changed sessions' catalog
   * entries and documents, and the counters, in one transaction. `fresh` (a save during a batch):
   * the segment is one record, merged into the terms' records later (mergeFresh); `terms` (the
   * first build): a record per term at once, with the vocabulary.
   */
  async save(mode: 'fresh' | 'terms' = 'fresh'): Promise<void> {
    if (!this.changed && this.pending.size === 0) return;
    const pending = this.pending;
    const changes = this.changes;
    const removals = this.unsavedRemovals;
    const termsChanged = this.vocabulary.changed;
    this.pending = new Map();
    this.changes = new Map();
    this.unsavedRemovals = [];
    const segment = this.counters.nextSegment++;
    const live = (doc: number) => this.docs.sessionOf(doc) !== undefined;
    let freshSegment: FreshSegment | null = null;
    const written: Array<[string, PostingsRecord]> = [];
    try {
      const tx = this.search.transaction(['postings', 'segments', 'catalog', 'documents', 'docs', 'vocabulary', 'state'], 'readwrite');
      if (mode === 'fresh') {
        freshSegment = packSegment(segment, pending, live);
        if (freshSegment.terms.length > 0) void tx.objectStore('segments').put(freshSegment);
      } else {
        for (const [term, flat] of pending) {
          const { bytes, count } = encodePostings(flat, live);
          if (count === 0) continue;
          const record: PostingsRecord = { segment, first: segment, count, bytes, skips: this.skipsFor(bytes, count) };
          void tx.objectStore('postings').put(record, [term, segment]);
          written.push([term, record]);
        }
        if (termsChanged && this.freshSegments.length === 0) void tx.objectStore('vocabulary').put({ terms: this.vocabulary.list() }, 'terms');
      }
      // The documents of replaced and removed sessions, by their old numbers (never reused).
      for (const [base, count] of removals) if (count > 0) void tx.objectStore('docs').delete(IDBKeyRange.bound(base, base + count - 1));
      for (const [sessionId, change] of changes) {
        if (change.kind === 'put') {
          void tx.objectStore('catalog').put(change.entry);
          change.documents.forEach((doc, i) => void tx.objectStore('docs').put(doc, change.entry.base + i));
        } else {
          void tx.objectStore('catalog').delete(sessionId);
        }
        // Its record of before version 3, if any: its documents are read from `docs` from now on.
        void tx.objectStore('documents').delete(sessionId);
      }
      void tx.objectStore('state').put({ ...this.counters }, 'counters');
      await tx.done;
    } catch (error) {
      // Kept, to be saved again with what came since (later changes of the same sessions win).
      for (const [term, flat] of this.pending) pending.set(term, [...(pending.get(term) ?? []), ...flat]);
      this.pending = pending;
      this.changes = new Map([...changes, ...this.changes]);
      this.unsavedRemovals = [...removals, ...this.unsavedRemovals];
      throw error;
    }
    if (mode === 'terms' && this.freshSegments.length === 0) this.vocabulary.changed = false;
    if (freshSegment && freshSegment.terms.length > 0) this.holdFresh(freshSegment);
    for (const [term, record] of written) this.cache.append(term, record);
  }
}

/** The pending postings of live documents as one fresh segment record. */
function packSegment(segment: number, pending: ReadonlyMap<string, readonly number[]>, live: (doc: number) => boolean): FreshSegment {
  const terms: string[] = [];
  const counts: number[] = [];
  const offsets: number[] = [0];
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const [term, flat] of pending) {
    const { bytes, count } = encodePostings(flat, live);
    if (count === 0) continue;
    terms.push(term);
    counts.push(count);
    parts.push(bytes);
    size += bytes.length;
    offsets.push(size);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { segment, terms, counts: Uint32Array.from(counts), offsets: Uint32Array.from(offsets), bytes };
}

/** Records of one term (in segment order) as one packed list. */
function concatPostings(records: readonly PostingsRecord[], docLimit: number): { bytes: Uint8Array; count: number } {
  const total = records.reduce((sum, record) => sum + record.count, 0);
  const docs = new Int32Array(total);
  const codes = new Uint32Array(total);
  let at = 0;
  for (const record of records) at = decodePostings(record.bytes, record.count, docs, codes, at, docLimit);
  const writer = new ByteWriter();
  let previous = -1;
  for (let i = 0; i < total; i++) {
    writer.varint(docs[i]! - previous);
    writer.varint(codes[i]!);
    previous = docs[i]!;
  }
  return { bytes: writer.bytes(), count: total };
}
