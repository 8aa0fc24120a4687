import { afterEach, expect, test, vi } from 'vitest';
import { openSearchDb, type PostingsRecord, type SearchDb } from '../../workers/search/searchDb.ts';
import { RANGE_READ_MIN_TERMS, readPostings } from '../../workers/search/readPostings.ts';
import { searchDbName } from '../../src/shared/search.ts';
import { deleteDatabase, uniqueDbName } from './fixtures/sessions.ts';

const opened: Array<{ db: SearchDb; name: string }> = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const { db, name } of opened.splice(0)) {
    db.close();
    await deleteDatabase(searchDbName(name));
  }
});

/** A record told apart by its term and segment. */
const record = (term: string, segment: number): PostingsRecord => ({ segment, first: segment, count: term.length, bytes: new TextEncoder().encode(`${term}@${segment}`) });

/** A search database holding, per term, one record per segment given. */
async function storedTerms(terms: Record<string, number[]>): Promise<SearchDb> {
  const name = uniqueDbName();
  const db = await openSearchDb(name, () => {});
  opened.push({ db, name });
  const tx = db.transaction('postings', 'readwrite');
  for (const [term, segments] of Object.entries(terms)) for (const segment of segments) void tx.store.put(record(term, segment), [term, segment]);
  await tx.done;
  return db;
}

/** The records as read one term at a time: what readPostings must return. */
async function oneByOne(db: SearchDb, terms: readonly string[]): Promise<Map<string, PostingsRecord[]>> {
  const out = new Map<string, PostingsRecord[]>();
  for (const term of terms) out.set(term, await db.getAll('postings', IDBKeyRange.bound([term], [term, Infinity])));
  return out;
}

/** Counts the requests made to any object store. */
function countRequests(): () => number {
  const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
  const getAllKeys = vi.spyOn(IDBObjectStore.prototype, 'getAllKeys');
  return () => getAll.mock.calls.length + getAllKeys.mock.calls.length;
}

const prefixed = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${String.fromCharCode(97 + i)}`);

test('readPostings() - a prefix of many terms is read as one key range (keys and records), each term getting exactly its own records', async () => {
  const widened = ['dord', ...prefixed('dord', 11)];
  // Neighbours in key order that the prefix must not take: 'dorc…', 'dore', and 'dor' itself.
  const db = await storedTerms({ ...Object.fromEntries(widened.map((term, i) => [term, i % 3 === 0 ? [1, 4] : [2]])), dorczzz: [1], dore: [3], dor: [1], other: [5, 6] });
  const terms = [...widened, 'other'];
  const requests = countRequests();
  const read = await readPostings(db, terms, ['dord']);
  // One range (2 requests) for the 12 prefix terms, one request for 'other'.
  expect(requests()).toBe(3);
  expect(read).toEqual(await oneByOne(db, terms));
  expect(read.get('dorda')!.map((r) => r.segment)).toEqual([2]);
  expect(read.get('dordc')!.map((r) => r.segment)).toEqual([1, 4]);
});

test('readPostings() - a prefix term with no stored record comes back empty, as a term read alone does', async () => {
  const widened = prefixed('tok', RANGE_READ_MIN_TERMS);
  const db = await storedTerms(Object.fromEntries(widened.slice(1).map((term) => [term, [1]])));
  const read = await readPostings(db, widened, ['tok']);
  expect(read.get(widened[0]!)).toEqual([]);
  expect(read).toEqual(await oneByOne(db, widened));
});

test('readPostings() - fewer prefix terms than the threshold, or terms asked without their prefix, are read one request each', async () => {
  const few = prefixed('ab', RANGE_READ_MIN_TERMS - 1);
  const db = await storedTerms(Object.fromEntries(few.map((term) => [term, [1]])));
  let requests = countRequests();
  expect(await readPostings(db, few, ['ab'])).toEqual(await oneByOne(db, few));
  expect(requests()).toBe(few.length * 2); // readPostings' requests, then oneByOne's
  vi.restoreAllMocks();
  requests = countRequests();
  await readPostings(db, few, []);
  expect(requests()).toBe(few.length);
});

test('readPostings() - only the terms asked for are returned, though the range holds others (a term held in the cache)', async () => {
  const widened = prefixed('qu', 10);
  const db = await storedTerms(Object.fromEntries(widened.map((term) => [term, [1, 2]])));
  const asked = widened.slice(1);
  const read = await readPostings(db, asked, ['qu']);
  expect([...read.keys()].sort()).toEqual([...asked].sort());
  expect(read).toEqual(await oneByOne(db, asked));
});
