import type { PostingsRecord, SearchDb } from './searchDb.ts';
import { prefixRange, termRange } from './searchDb.ts';

/**
 * A prefix whose missing terms number at least this many is read as one key range (two requests:
 * its keys and its records) instead of a request per term: each request costs a round trip to the
 * database's backend, about 0.25 ms, so a four-letter prefix of ~100 terms spent ~25 ms on them.
 */
export const RANGE_READ_MIN_TERMS = 8;

/**
 * Every stored record of `terms`, in one read-only transaction. The terms of a query word widened by
 * prefix (`prefixes`: the words whose prefix terms were all asked for) are read per prefix with one
 * key range; the rest one term at a time.
 */
export async function readPostings(db: SearchDb, terms: readonly string[], prefixes: readonly string[] = []): Promise<Map<string, PostingsRecord[]>> {
  const store = db.transaction('postings').store;
  const wanted = new Set(terms);
  const out = new Map<string, PostingsRecord[]>();
  const byRange: Array<Promise<void>> = [];
  for (const prefix of new Set(prefixes)) {
    const inRange = [...wanted].filter((term) => term.startsWith(prefix));
    if (inRange.length < RANGE_READ_MIN_TERMS) continue;
    for (const term of inRange) {
      wanted.delete(term);
      out.set(term, []);
    }
    const range = prefixRange(prefix);
    // Keys and values of one range in one transaction come in the same order.
    byRange.push(
      Promise.all([store.getAllKeys(range), store.getAll(range)]).then(([keys, records]) => {
        keys.forEach(([term], i) => out.get(term)?.push(records[i]!));
      }),
    );
  }
  const single = [...wanted];
  const read = Promise.all(single.map((term) => store.getAll(termRange(term))));
  await Promise.all(byRange);
  (await read).forEach((records, i) => out.set(single[i]!, records));
  return out;
}
