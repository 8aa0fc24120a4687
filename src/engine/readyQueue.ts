import type { Priority } from '../shared/job.ts';

/** `high` runs first, then `normal`, then `low`. */
const RANK: Readonly<Record<Priority, number>> = { high: 0, normal: 1, low: 2 };
const LANES = 3;

interface Entry {
  id: string;
  rank: number;
  seq: number;
  /** Insertion order: keeps ties on `seq` first in, first out. */
  order: number;
}

export interface ReadyQueueOptions {
  /**
   * Aging: after a waiting job of a lower priority has been passed over this many times in a row,
   * it goes next, so a steady stream of `high` jobs cannot starve `normal` or `low` ones. A higher
   * priority still gets that many starts out of one more. `Infinity` gives strict priority.
   * @default Infinity
   */
  agingAfter?: number;
}

/**
 * Ids of jobs that may run now, in the order they should start: by priority
 * (`high` > `normal` > `low`), then by `seq` ascending (first in, first out), with aging.
 *
 * One binary heap per priority: `push` and `shift` are O(log n). `remove` is O(1): a removed entry
 * stays in its heap, marked stale, until it reaches the top or the heap is compacted.
 */
export class ReadyQueue {
  #lanes: Entry[][] = Array.from({ length: LANES }, () => []);
  /** The live entry of each id; a heap entry that is not its id's live entry is stale. */
  #live = new Map<string, Entry>();
  /** Per lane: how many starts in a row went to a higher lane while this one had a job waiting. */
  #passedOver = new Array<number>(LANES).fill(0);
  #order = 0;
  readonly #agingAfter: number;

  constructor({ agingAfter = Infinity }: ReadyQueueOptions = {}) {
    if (!(agingAfter >= 1)) throw new TypeError(`Expected \`agingAfter\` to be a number from 1 and up, got \`${agingAfter}\``);
    this.#agingAfter = agingAfter;
  }

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
    const lane = this.#lanes[entry.rank]!;
    lane.push(entry);
    up(lane, lane.length - 1);
    this.#compactIfSparse();
  }

  /** Removes and returns the id that should start next, or `undefined` when empty. */
  shift(): string | undefined {
    const rank = this.#nextLane();
    if (rank === undefined) return undefined;
    for (let lower = rank + 1; lower < LANES; lower++) {
      if (this.#top(lower) !== undefined) this.#passedOver[lower]! += 1;
    }
    this.#passedOver[rank] = 0;
    const lane = this.#lanes[rank]!;
    const top = lane[0]!;
    this.#live.delete(top.id);
    popTop(lane);
    return top.id;
  }

  /** The id that should start next, without removing it. */
  peek(): string | undefined {
    const rank = this.#nextLane();
    return rank === undefined ? undefined : this.#lanes[rank]![0]!.id;
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
    this.#lanes = Array.from({ length: LANES }, () => []);
    this.#live.clear();
    this.#passedOver.fill(0);
  }

  /** The lane to start from: the highest with a job, unless a lower one has waited its turn out. */
  #nextLane(): number | undefined {
    let highest: number | undefined;
    for (let rank = 0; rank < LANES; rank++) {
      if (this.#top(rank) === undefined) {
        this.#passedOver[rank] = 0;
        continue;
      }
      highest ??= rank;
      if (rank > highest && this.#passedOver[rank]! >= this.#agingAfter) return rank;
    }
    return highest;
  }

  /** The live top of a lane, dropping stale entries on the way. */
  #top(rank: number): Entry | undefined {
    const lane = this.#lanes[rank]!;
    let top = lane[0];
    while (top !== undefined && this.#isStale(top)) {
      popTop(lane);
      top = lane[0];
    }
    return top;
  }

  #isStale(entry: Entry): boolean {
    return this.#live.get(entry.id) !== entry;
  }

  /** Rebuilds the heaps from live entries once stale ones outnumber them, so memory stays O(size). */
  #compactIfSparse(): void {
    const total = this.#lanes.reduce((sum, lane) => sum + lane.length, 0);
    if (total < 64 || total <= 2 * this.#live.size) return;
    this.#lanes = this.#lanes.map((lane) => {
      const kept = lane.filter((entry) => !this.#isStale(entry));
      for (let i = (kept.length >> 1) - 1; i >= 0; i--) down(kept, i);
      return kept;
    });
  }
}

function popTop(heap: Entry[]): void {
  const last = heap.pop();
  if (last !== undefined && heap.length > 0) {
    heap[0] = last;
    down(heap, 0);
  }
}

function up(heap: Entry[], index: number): void {
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

function down(heap: Entry[], index: number): void {
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

/** Within one lane (one priority): by `seq`, then by insertion. */
function before(a: Entry, b: Entry): boolean {
  if (a.seq !== b.seq) return a.seq < b.seq;
  return a.order < b.order;
}
