import type { Priority } from '../shared/job.ts';

/** `high` runs first, then `normal`, then `low`. */
const RANK: Readonly<Record<Priority, number>> = { high: 0, normal: 1, low: 2 };

interface Entry {
  id: string;
  rank: number;
  seq: number;
  /** Insertion order: keeps ties on `seq` first in, first out. */
  order: number;
}

/**
 * Ids of jobs that may run now, in the order they should start: by priority
 * (`high` > `normal` > `low`), then by `seq` ascending (first in, first out).
 *
 * A binary heap: `push` and `shift` are O(log n). `remove` is O(1): a removed entry stays in
 * the heap, marked stale, until it reaches the top or the heap is compacted.
 */
export class ReadyQueue {
  #heap: Entry[] = [];
  /** The live entry of each id; a heap entry that is not its id's live entry is stale. */
  #live = new Map<string, Entry>();
  #order = 0;

  /** Ids in the queue. */
  get size(): number {
    return this.#live.size;
  }

  /** Adds an id. Pushing an id that is already queued moves it to its new place. */
  push(id: string, priority: Priority, seq: number): void {
    if (!Object.hasOwn(RANK, priority)) {
      throw new TypeError(
        `Expected \`priority\` to be one of \`high\`, \`normal\`, \`low\`, got \`${String(priority)}\` (${typeof priority})`,
      );
    }
    const entry: Entry = { id, rank: RANK[priority], seq, order: this.#order++ };
    this.#live.set(id, entry);
    this.#heap.push(entry);
    this.#up(this.#heap.length - 1);
    this.#compactIfSparse();
  }

  /** Removes and returns the id that should start next, or `undefined` when empty. */
  shift(): string | undefined {
    this.#dropStaleTop();
    const top = this.#heap[0];
    if (top === undefined) return undefined;
    this.#live.delete(top.id);
    this.#popTop();
    return top.id;
  }

  /** The id that should start next, without removing it. */
  peek(): string | undefined {
    this.#dropStaleTop();
    return this.#heap[0]?.id;
  }

  /** Removes an id wherever it is. Returns whether it was queued. */
  remove(id: string): boolean {
    const removed = this.#live.delete(id);
    if (removed) this.#compactIfSparse();
    return removed;
  }

  /** Whether the id is queued. */
  has(id: string): boolean {
    return this.#live.has(id);
  }

  /** Removes every id. */
  clear(): void {
    this.#heap = [];
    this.#live.clear();
  }

  #isStale(entry: Entry): boolean {
    return this.#live.get(entry.id) !== entry;
  }

  #dropStaleTop(): void {
    let top = this.#heap[0];
    while (top !== undefined && this.#isStale(top)) {
      this.#popTop();
      top = this.#heap[0];
    }
  }

  /** Rebuilds the heap from live entries once stale ones outnumber them, so memory stays O(size). */
  #compactIfSparse(): void {
    if (this.#heap.length < 64 || this.#heap.length <= 2 * this.#live.size) return;
    this.#heap = this.#heap.filter((entry) => !this.#isStale(entry));
    for (let i = (this.#heap.length >> 1) - 1; i >= 0; i--) this.#down(i);
  }

  #popTop(): void {
    const last = this.#heap.pop();
    if (last !== undefined && this.#heap.length > 0) {
      this.#heap[0] = last;
      this.#down(0);
    }
  }

  #up(index: number): void {
    const heap = this.#heap;
    const entry = heap[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!before(entry, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = entry;
  }

  #down(index: number): void {
    const heap = this.#heap;
    const length = heap.length;
    const entry = heap[index]!;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, entry)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = entry;
  }
}

function before(a: Entry, b: Entry): boolean {
  if (a.rank !== b.rank) return a.rank < b.rank;
  if (a.seq !== b.seq) return a.seq < b.seq;
  return a.order < b.order;
}
