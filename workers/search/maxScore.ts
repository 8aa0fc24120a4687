import type { DocTable } from './docTable.ts';
import { fieldScore, listsOf, type FieldList, type QueryPlan } from './queryPlan.ts';
import { FIELD_BOOSTS } from './scoring.ts';
import { END } from './termCursor.ts';

/** A document of the best `k`, with what scoreQuery() would have given it. */
export interface TopDoc {
  doc: number;
  score: number;
  /** Indices of the query terms it holds, ascending. */
  terms: number[];
}

/** topDocs()'s answer, with what the walk did: candidates fully scored, and those whose held terms were listed. */
export interface TopDocs {
  top: TopDoc[];
  complete: boolean;
  scored: number;
  listed: number;
}

/**
 * The `k` best documents of the query, best first, equal scores in the order scoreQuery() lists
 * documents (by the first term that holds them, then by number), with scores equal to its own to
 * the last bit. Document at a time with MaxScore over block maxima: terms are sorted by the most
 * they can add; once the k-th best score is higher than all the smaller terms together could
 * reach, only documents of the others are candidates, and a candidate is dropped as soon as its
 * score so far plus its remaining terms' block bounds cannot reach the k-th best. AND with several
 * words takes candidates from the word whose terms have the fewest postings only. `complete`:
 * fewer than `k` documents matched, so none was left out.
 */
export function topDocs(
  plan: QueryPlan,
  wordCount: number,
  combineWith: 'AND' | 'OR',
  table: DocTable,
  allowed: ReadonlySet<string> | null,
  k: number,
): TopDocs {
  const terms = plan.terms;
  const lists = terms.flatMap((_, t) => listsOf(plan, t));
  const n = lists.length;
  const full = (wordCount >= 32 ? 0xffffffff : (1 << wordCount) - 1) >>> 0;
  // Lists by bound, smallest first; a list's place in (term, field) order is its index in `lists`.
  const byBound = Array.from({ length: n }, (_, i) => i).sort((a, b) => lists[a]!.upperBound - lists[b]!.upperBound);
  const heap = new TopHeap(k);

  // Candidates come from the generator lists (kept in a heap by their current document); the
  // other lists, the probes, are looked up per candidate, biggest bound first.
  const driver = combineWith === 'AND' && wordCount > 1 ? rarestWord(plan, wordCount) : -1;
  const isGenerator = new Uint8Array(n);
  const generators = new CursorHeap(lists);
  let probes: number[] = [];
  let probeTail = new Float64Array(1);
  let nonEssential = 0;
  let applied = 0;
  const setGenerators = () => {
    applied = nonEssential;
    isGenerator.fill(0);
    for (let i = 0; i < n; i++) {
      const l = byBound[i]!;
      if (driver >= 0 ? (terms[lists[l]!.term]!.words >>> driver) & 1 : i >= nonEssential) isGenerator[l] = 1;
    }
    probes = byBound.filter((l) => !isGenerator[l]).reverse();
    probeTail = new Float64Array(probes.length + 1);
    for (let i = probes.length - 1; i >= 0; i--) probeTail[i] = probeTail[i + 1]! + lists[probes[i]!]!.upperBound;
    generators.rebuild(byBound.filter((l) => isGenerator[l]));
  };
  for (let l = 0; l < n; l++) lists[l]!.cursor.next();
  setGenerators();

  const values = new Float64Array(n);
  const seen = new Uint8Array(terms.length);
  const matched: number[] = [];
  const atDoc: number[] = [];
  const termCount = terms.length;
  let scored = 0;
  let listed = 0;
  for (;;) {
    const doc = generators.peekDoc();
    if (doc === END) break;
    atDoc.length = 0;
    while (generators.peekDoc() === doc) atDoc.push(generators.pop());
    const session = table.sessionOf(doc);
    if (session !== undefined && (!allowed || allowed.has(session))) {
      const threshold = heap.threshold;
      matched.length = 0;
      let partial = 0;
      for (const l of atDoc) {
        partial += values[l] = valueAt(plan, lists[l]!, table);
        matched.push(l);
      }
      let alive = true;
      // The probes left from `i` on can add at most probeTail[i] (their bounds' sum).
      for (let i = 0; alive && i < probes.length; i++) {
        if ((partial + probeTail[i]!) * Math.min(termCount, matched.length + probes.length - i) * (1 + 1e-9) < threshold) {
          alive = false;
          break;
        }
        const cursor = lists[probes[i]!]!.cursor;
        if (cursor.doc > doc || cursor.boundAt(doc) === 0 || cursor.seek(doc) !== doc) continue;
        const l = probes[i]!;
        partial += values[l] = valueAt(plan, lists[l]!, table);
        matched.push(l);
      }
      if (alive) {
        scored++;
        matched.sort(ascending);
        let mask = 0;
        let distinct = 0;
        // Summed pair by pair in (term, field) order, as scoreQuery() adds them: the same float to the last bit.
        let sum = 0;
        for (const l of matched) {
          const t = lists[l]!.term;
          sum += values[l]!;
          mask |= terms[t]!.words;
          if (!seen[t]) {
            seen[t] = 1;
            distinct++;
          }
        }
        for (const l of matched) seen[lists[l]!.term] = 0;
        // `matched` is in (term, field) order: its first list's term is the first term held.
        const first = lists[matched[0]!]!.term;
        const score = sum * distinct;
        // The held terms are listed only for a document the heap takes: a candidate turned away
        // (most of a common word's) leaves no garbage behind (it left a Set and two arrays).
        if ((combineWith === 'OR' || mask >>> 0 === full) && heap.admits(doc, score, first)) {
          listed++;
          if (heap.push(doc, score, first, termsOf(lists, matched)) && driver < 0) {
            const moved = nonEssentialFor(lists, byBound, termCount, heap.threshold);
            if (moved > nonEssential) nonEssential = moved;
          }
        }
      }
    }
    for (const l of atDoc) lists[l]!.cursor.next();
    if (nonEssential > applied) setGenerators();
    else for (const l of atDoc) generators.push(l);
  }
  return { top: heap.sorted(), complete: heap.size < k, scored, listed };
}

const ascending = (a: number, b: number) => a - b;

/** The distinct terms of `matched` (lists in (term, field) order), ascending. */
function termsOf(lists: readonly FieldList[], matched: readonly number[]): number[] {
  const out: number[] = [];
  for (const l of matched) {
    const t = lists[l]!.term;
    if (out[out.length - 1] !== t) out.push(t);
  }
  return out;
}

/** What the list's current pair adds to its document's score: scoreQuery()'s value of that pair. */
function valueAt(plan: QueryPlan, list: FieldList, table: DocTable): number {
  const term = plan.terms[list.term]!;
  const cursor = list.cursor;
  const tf = cursor.codes[cursor.pos]! >>> 2;
  const field = list.field;
  return fieldScore(term.idf[field]!, tf, table.lengthOf(cursor.doc, field), plan.average[field]!) * term.weight * FIELD_BOOSTS[field]! * term.times;
}

/**
 * How many of the smallest-bound lists together cannot reach `threshold`: a document in those
 * alone scores at most their bounds' sum times the distinct terms among them.
 */
function nonEssentialFor(lists: readonly FieldList[], byBound: readonly number[], termCount: number, threshold: number): number {
  const seen = new Uint8Array(termCount);
  let distinct = 0;
  let sum = 0;
  let p = 0;
  while (p < byBound.length) {
    const list = lists[byBound[p]!]!;
    const next = sum + list.upperBound;
    const count = distinct + (seen[list.term] ? 0 : 1);
    if (next * count >= threshold) break;
    sum = next;
    distinct = count;
    seen[list.term] = 1;
    p++;
  }
  return p;
}

/** The word (bit) whose terms hold the fewest pairs: with AND, every match holds one of them. */
export function rarestWord(plan: QueryPlan, wordCount: number): number {
  let best = 0;
  let fewest = Infinity;
  for (let w = 0; w < wordCount; w++) {
    let pairs = 0;
    for (const term of plan.terms) if ((term.words >>> w) & 1) for (const chunk of term.chunks) pairs += chunk.count;
    if (pairs < fewest) {
      fewest = pairs;
      best = w;
    }
  }
  return best;
}

/**
 * The best `k` seen so far: a binary heap, worst at the root. Worse: a lower score, or the same
 * score and a later place in scoreQuery()'s order (first term, then document number).
 */
class TopHeap {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];
  private readonly firsts: number[] = [];
  private readonly terms: number[][] = [];

  constructor(private readonly k: number) {}

  get size(): number {
    return this.docs.length;
  }

  /** The score a candidate must reach (−∞ until k are held). */
  get threshold(): number {
    return this.docs.length < this.k ? -Infinity : this.scores[0]!;
  }

  /** Whether push() would take (doc, score, first): the heap is not full, or its worst is worse. */
  admits(doc: number, score: number, first: number): boolean {
    return this.k > 0 && (this.docs.length < this.k || this.worse(0, score, first, doc));
  }

  /** Adds a document if it beats the worst held (keeping `terms`, not a copy); true when the threshold may have risen. */
  push(doc: number, score: number, first: number, terms: number[]): boolean {
    if (!this.admits(doc, score, first)) return false;
    if (this.docs.length < this.k) {
      this.docs.push(doc);
      this.scores.push(score);
      this.firsts.push(first);
      this.terms.push(terms);
      this.up(this.docs.length - 1);
      return this.docs.length === this.k;
    }
    this.docs[0] = doc;
    this.scores[0] = score;
    this.firsts[0] = first;
    this.terms[0] = terms;
    this.down(0);
    return true;
  }

  sorted(): TopDoc[] {
    const order = Array.from({ length: this.docs.length }, (_, i) => i);
    order.sort((a, b) => this.scores[b]! - this.scores[a]! || this.firsts[a]! - this.firsts[b]! || this.docs[a]! - this.docs[b]!);
    return order.map((i) => ({ doc: this.docs[i]!, score: this.scores[i]!, terms: this.terms[i]! }));
  }

  /** Whether entry `i` is worse than (score, first, doc). */
  private worse(i: number, score: number, first: number, doc: number): boolean {
    const s = this.scores[i]!;
    if (s !== score) return s < score;
    if (this.firsts[i] !== first) return this.firsts[i]! > first;
    return this.docs[i]! > doc;
  }

  private swap(a: number, b: number): void {
    swapAt(this.docs, a, b);
    swapAt(this.scores, a, b);
    swapAt(this.firsts, a, b);
    swapAt(this.terms, a, b);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, this.scores[parent]!, this.firsts[parent]!, this.docs[parent]!)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < this.docs.length && this.worse(left, this.scores[least]!, this.firsts[least]!, this.docs[least]!)) least = left;
      if (right < this.docs.length && this.worse(right, this.scores[least]!, this.firsts[least]!, this.docs[least]!)) least = right;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }
}

/** Exchanges two entries in place (no temporary array: the heap swaps per candidate taken). */
function swapAt<T>(list: T[], a: number, b: number): void {
  const held = list[a]!;
  list[a] = list[b]!;
  list[b] = held;
}

/** Generator lists by their cursor's current document, lowest first (finished cursors are dropped). */
class CursorHeap {
  private items: number[] = [];

  constructor(private readonly lists: readonly FieldList[]) {}

  get size(): number {
    return this.items.length;
  }

  rebuild(lists: readonly number[]): void {
    this.items = [];
    for (const l of lists) this.push(l);
  }

  peekDoc(): number {
    return this.items.length > 0 ? this.docOf(this.items[0]!) : END;
  }

  push(l: number): void {
    if (this.docOf(l) === END) return;
    const items = this.items;
    let i = items.length;
    items.push(l);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.docOf(items[parent]!) <= this.docOf(l)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = l;
  }

  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      const doc = this.docOf(last);
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && this.docOf(items[right]!) < this.docOf(items[left]!) ? right : left;
        if (this.docOf(items[child]!) >= doc) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }

  private docOf(l: number): number {
    return this.lists[l]!.cursor.doc;
  }
}
