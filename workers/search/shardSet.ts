import type { EnricherDb } from '../../src/shared/db.ts';
import type { SearchDocument } from '../../src/shared/results.ts';
import type { SessionFacts } from '../../src/shared/search.ts';
import { charsOf, documentsOf, textsOf } from './documents.ts';
import { factsOf } from './facts.ts';
import { placeSession } from './placement.ts';
import type { CatalogEntry, SearchDb } from './searchDb.ts';
import { Vocabulary } from './vocabulary.ts';
import { dropSession, emptyShard, putSession, restoreShard, shardRecord, type Shard } from './shard.ts';

/** Sessions whose facts are read per transaction when an old catalog is filled in. */
const FACTS_CHUNK = 256;

/** What a save writes for one session besides its shard: its catalog entry and texts, or their removal. */
type SessionChange = { kind: 'put'; entry: CatalogEntry; texts: Record<string, string> } | { kind: 'removed' };

export interface ShardSetOptions {
  /** A shard takes new sessions until it holds this many characters of text: small enough that saving it stays well under 100 ms. */
  readonly maxShardChars: number;
  /** Characters of text held in memory across loaded shards before unchanged shards are let go. */
  readonly maxLoadedChars: number;
}

/**
 * The library's shards over the search database: the catalog (session → shard) in memory, shards
 * loaded when asked for and let go, least recently used first, when over the memory budget; a
 * changed shard stays in memory until saved. The only writer of the search database.
 */
export class ShardSet {
  readonly catalog: Map<string, CatalogEntry>;
  readonly vocabulary: Vocabulary;
  /** Sessions per shard id, from the catalog. */
  private readonly sizes = new Map<number, number>();
  /** Characters of text per shard id, from the catalog. */
  private readonly chars = new Map<number, number>();
  /** Loaded shards, least recently used first. */
  private readonly loaded = new Map<number, Shard>();
  /** Characters of text of each loaded shard (CatalogEntry.chars summed), kept as shards change. */
  private readonly weights = new Map<number, number>();
  /** Changed shards and what changed in each since it was saved. */
  private readonly changes = new Map<number, Map<string, SessionChange>>();

  constructor(
    readonly main: EnricherDb,
    readonly search: SearchDb,
    entries: readonly CatalogEntry[],
    terms: readonly string[],
    private readonly options: ShardSetOptions,
  ) {
    this.vocabulary = new Vocabulary(terms);
    this.catalog = new Map(entries.map((entry) => [entry.sessionId, entry]));
    for (const entry of entries) this.count(entry, 1);
  }

  get changed(): boolean {
    return this.changes.size > 0;
  }

  changedShards(): number[] {
    return [...this.changes.keys()];
  }

  /** Ids of the shards that hold sessions, in order. */
  shardIds(): number[] {
    return [...this.sizes.keys()].sort((a, b) => a - b);
  }

  documentCount(): number {
    let count = 0;
    for (const entry of this.catalog.values()) count += entry.documents;
    return count;
  }

  loadedCount(): number {
    return this.loaded.size;
  }

  /** Replaces a session's documents (in its shard, or a new session in the newest shard). */
  async put(sessionId: string, committedAt: number, documents: readonly SearchDocument[], facts: SessionFacts): Promise<Record<string, string>> {
    const known = this.catalog.get(sessionId);
    const id = known?.shard ?? placeSession(this.chars, this.options.maxShardChars);
    const shard = await this.shard(id);
    putSession(shard, sessionId, committedAt, documents);
    this.vocabulary.add(documents);
    const entry: CatalogEntry = { sessionId, shard: id, committedAt, documents: documents.length, chars: charsOf(documents), facts };
    if (known) this.count(known, -1);
    this.count(entry, 1);
    this.catalog.set(sessionId, entry);
    this.weigh(shard);
    const texts = textsOf(documents);
    this.note(id, sessionId, { kind: 'put', entry, texts });
    return texts;
  }

  /** Takes a session out; false when the index did not hold it. */
  async remove(sessionId: string): Promise<boolean> {
    const known = this.catalog.get(sessionId);
    if (!known) return false;
    const shard = await this.shard(known.shard);
    dropSession(shard, sessionId);
    this.catalog.delete(sessionId);
    this.count(known, -1);
    this.weigh(shard);
    this.note(known.shard, sessionId, { kind: 'removed' });
    return true;
  }

  /** The shard, from memory or the search database; a damaged or missing one is rebuilt from the results. */
  async shard(id: number): Promise<Shard> {
    const held = this.loaded.get(id);
    if (held) {
      this.loaded.delete(id);
      this.loaded.set(id, held);
      return held;
    }
    const record = await this.search.get('shards', id);
    let shard = restoreShard(record, id);
    if (!shard || !this.matchesCatalog(shard)) {
      if (record || this.sizes.has(id)) console.warn(`Search shard ${id} was damaged or out of date; it is rebuilt from the stored results.`);
      shard = await this.rebuild(id, record?.revision ?? 0);
    }
    this.loaded.set(id, shard);
    this.weigh(shard);
    return shard;
  }

  /** Writes a changed shard, with its sessions' catalog entries and texts, in one transaction. */
  async save(id: number): Promise<void> {
    const changes = this.changes.get(id);
    const shard = this.loaded.get(id);
    if (!changes || !shard) return;
    this.changes.delete(id);
    const termsChanged = this.vocabulary.changed;
    this.vocabulary.changed = false;
    try {
      const tx = this.search.transaction(['shards', 'catalog', 'texts', 'vocabulary'], 'readwrite');
      if (termsChanged) void tx.objectStore('vocabulary').put({ terms: this.vocabulary.list() }, 'terms');
      if (shard.sessions.size > 0) void tx.objectStore('shards').put(shardRecord(shard));
      else void tx.objectStore('shards').delete(id);
      for (const [sessionId, change] of changes) {
        if (change.kind === 'put') {
          void tx.objectStore('catalog').put(change.entry);
          void tx.objectStore('texts').put({ sessionId, texts: change.texts });
        } else if (!this.catalog.has(sessionId)) {
          // Only when no other shard took the session in since: that shard's save writes it.
          void tx.objectStore('catalog').delete(sessionId);
          void tx.objectStore('texts').delete(sessionId);
        }
      }
      await tx.done;
    } catch (error) {
      // Kept as changed, to be saved again; later changes of the same sessions win.
      if (termsChanged) this.vocabulary.changed = true;
      const now = this.changes.get(id) ?? new Map<string, SessionChange>();
      this.changes.set(id, new Map([...changes, ...now]));
      throw error;
    }
    if (shard.sessions.size === 0) this.unload(id);
  }

  /**
   * Fills in the facts of catalog entries written before filters existed (or by an older tab), from
   * the stored sessions and results, and saves those entries. Once per library: later entries have them.
   */
  async fillFacts(): Promise<void> {
    const missing = [...this.catalog.values()].filter((entry) => entry.facts === undefined);
    for (let start = 0; start < missing.length; start += FACTS_CHUNK) {
      const chunk = missing.slice(start, start + FACTS_CHUNK);
      const tx = this.main.transaction(['sessions', 'results']);
      const [sessions, results] = await Promise.all([
        Promise.all(chunk.map((entry) => tx.objectStore('sessions').get(entry.sessionId))),
        Promise.all(chunk.map((entry) => tx.objectStore('results').get(entry.sessionId))),
      ]);
      // In place: a change waiting to be saved holds the same entry, so its save writes the facts too.
      for (const [i, entry] of chunk.entries()) entry.facts = factsOf(sessions[i], results[i]);
      const write = this.search.transaction('catalog', 'readwrite');
      for (const entry of chunk) if (this.catalog.get(entry.sessionId) === entry) void write.store.put(entry);
      await write.done;
    }
  }

  /** Lets go of unchanged shards, least recently used first, while more text than the budget is loaded. */
  trim(): void {
    let held = 0;
    for (const id of this.loaded.keys()) held += this.weights.get(id) ?? 0;
    for (const id of this.loaded.keys()) {
      if (held <= this.options.maxLoadedChars) break;
      if (this.changes.has(id)) continue;
      held -= this.weights.get(id) ?? 0;
      this.unload(id);
    }
  }

  private unload(id: number): void {
    this.loaded.delete(id);
    this.weights.delete(id);
  }

  private weigh(shard: Shard): void {
    let chars = 0;
    for (const sessionId of shard.sessions.keys()) chars += this.catalog.get(sessionId)?.chars ?? 0;
    this.weights.set(shard.id, chars);
  }

  /** Adds (`sign` 1) or takes away (-1) a catalog entry from its shard's session and character counts. */
  private count(entry: CatalogEntry, sign: 1 | -1): void {
    const sessions = (this.sizes.get(entry.shard) ?? 0) + sign;
    if (sessions > 0) {
      this.sizes.set(entry.shard, sessions);
      this.chars.set(entry.shard, (this.chars.get(entry.shard) ?? 0) + sign * entry.chars);
    } else {
      this.sizes.delete(entry.shard);
      this.chars.delete(entry.shard);
    }
  }

  private note(id: number, sessionId: string, change: SessionChange): void {
    let changes = this.changes.get(id);
    if (!changes) this.changes.set(id, (changes = new Map()));
    changes.set(sessionId, change);
  }

  /** A stored shard is used only when it holds exactly the sessions the catalog puts in it. */
  private matchesCatalog(shard: Shard): boolean {
    if (shard.sessions.size !== (this.sizes.get(shard.id) ?? 0)) return false;
    for (const [sessionId, indexed] of shard.sessions) {
      const entry = this.catalog.get(sessionId);
      if (entry?.shard !== shard.id || entry.committedAt !== indexed.committedAt) return false;
    }
    return true;
  }

  /** The shard made again from the stored results of the sessions the catalog puts in it. */
  private async rebuild(id: number, revision: number): Promise<Shard> {
    const shard = emptyShard(id, revision);
    const members = [...this.catalog.values()].filter((entry) => entry.shard === id);
    if (members.length === 0) return shard;
    const tx = this.main.transaction(['sessions', 'results']);
    const [sessions, records] = await Promise.all([
      Promise.all(members.map((entry) => tx.objectStore('sessions').get(entry.sessionId))),
      Promise.all(members.map((entry) => tx.objectStore('results').get(entry.sessionId))),
    ]);
    for (const [i, entry] of members.entries()) {
      const record = records[i];
      const documents = documentsOf(record);
      this.count(entry, -1);
      if (record && documents.length > 0) {
        putSession(shard, entry.sessionId, record.committedAt, documents);
        this.vocabulary.add(documents);
        const updated: CatalogEntry = {
          ...entry,
          committedAt: record.committedAt,
          documents: documents.length,
          chars: charsOf(documents),
          facts: factsOf(sessions[i], record),
        };
        this.catalog.set(entry.sessionId, updated);
        this.count(updated, 1);
        this.note(id, entry.sessionId, { kind: 'put', entry: updated, texts: textsOf(documents) });
      } else {
        this.catalog.delete(entry.sessionId);
        this.note(id, entry.sessionId, { kind: 'removed' });
      }
    }
    // An empty rebuilt shard is still saved, so that its stale record is deleted.
    this.changes.set(id, this.changes.get(id) ?? new Map());
    return shard;
  }
}
