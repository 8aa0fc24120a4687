import { openDB } from 'idb';
import { describe, expect, test, vi } from 'vitest';
import type { EnricherDb } from '../../src/shared/db.ts';
import { searchDbName, type SearchHit, type SearchIndexOptions } from '../../src/shared/search.ts';
import { SearchLibrary } from '../../workers/search/library.ts';
import { SEARCH_DB_VERSION } from '../../workers/search/searchDb.ts';
import { readDocs, readDocumentsKeys } from './fixtures/searchDb.ts';
import { rewriteAsVersion2 } from './fixtures/searchDbV2.ts';
import { searchRig } from './fixtures/searchRig.ts';
import { indexSessions, searchResult, storeResults } from './fixtures/searchSessions.ts';

/** Nothing kept in memory between queries: every query reads from the database. */
const NO_CACHE: SearchIndexOptions = { maxCachedBytes: 0 };
const { library, client } = searchRig(NO_CACHE);

/** A session's result, its chapter at 12 s. */
const result = (sessionId: string, notes: string, screen: string, committedAt = 1) => searchResult(sessionId, notes, screen, committedAt, 12);

/** Numbered in this order: ses-a 0–1, ses-b 2–3, ses-c 4–5. */
const SESSIONS = [
  result('ses-a', 'We planned the billing migration.', 'Ledger cutover review'),
  result('ses-b', 'The design review of the carousel.', 'Figma prototype tokens'),
  result('ses-c', 'The zanzibar escalation came up.', 'Support desk queue'),
];

/** What `review` finds, the same before and after documents got a record each. */
const REVIEW_HITS: SearchHit[] = [
  { id: 'ses-a:chapter:0', sessionId: 'ses-a', kind: 'chapter', chapter: 0, time: 12, title: 'Chapter 1', snippet: 'Ledger cutover review', matches: [[15, 21]], score: 1.6530824311024124 },
  { id: 'ses-b:session:0', sessionId: 'ses-b', kind: 'session', chapter: null, time: null, title: 'Session ses-b', snippet: 'The design review of the carousel.', matches: [[11, 17]], score: 1.454711251245578 },
];

/** Indexes the sessions as updates after an empty start, one save each, and stops the worker. */
const indexed = (dbName: string, db: EnricherDb, records = SESSIONS) => indexSessions(client(dbName), db, records);

/** The keys read with get() and getAll() from the stores that hold documents, while `fn` runs. */
async function documentReads(fn: () => Promise<unknown>): Promise<Array<{ store: string; method: 'get' | 'getAll'; key: unknown }>> {
  const get = vi.spyOn(IDBObjectStore.prototype, 'get');
  const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
  try {
    await fn();
    const reads = [
      ...get.mock.contexts.map((store, i) => ({ store: (store as IDBObjectStore).name, method: 'get' as const, key: get.mock.calls[i]![0] })),
      ...getAll.mock.contexts.map((store, i) => ({ store: (store as IDBObjectStore).name, method: 'getAll' as const, key: getAll.mock.calls[i]![0] })),
    ];
    return reads.filter((read) => read.store === 'docs' || read.store === 'documents');
  } finally {
    get.mockRestore();
    getAll.mockRestore();
  }
}


describe('search documents', () => {
  test('search() - a hit reads only its own document’s record, and shows the same fields and snippet', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    // The results are gone: only the search database can answer.
    await db.clear('results');
    const search = new SearchLibrary(dbName, NO_CACHE);
    try {
      let hits: SearchHit[] = [];
      const reads = await documentReads(async () => (hits = await search.search('review', 20)));
      expect(hits).toEqual(REVIEW_HITS);
      expect(reads.map((read) => `${read.method} ${read.store} ${String(read.key)}`).sort()).toEqual(['get docs 1', 'get docs 2']);
      // Asked again: from memory.
      expect(await documentReads(() => search.search('review', 20))).toEqual([]);
    } finally {
      await search.close();
    }
  });

  test('a library of version 2 opens at version 3 and its hits read the per-session records; a session saved again or removed loses its per-session record', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    await rewriteAsVersion2(dbName);
    // Only the search database can answer, so the hits below come from version 2's records.
    await db.clear('results');

    const search = client(dbName);
    expect(await search.search('review')).toEqual(REVIEW_HITS);
    expect((await search.search('zanzibar'))[0]).toMatchObject({ id: 'ses-c:session:0', title: 'Session ses-c', snippet: 'The zanzibar escalation came up.', matches: [[4, 12]] });
    const upgraded = await openDB(searchDbName(dbName));
    expect(upgraded.version).toBe(SEARCH_DB_VERSION);
    upgraded.close();
    expect(await readDocs(dbName)).toEqual([]);
    expect(await readDocumentsKeys(dbName)).toEqual(['ses-a', 'ses-b', 'ses-c']);

    await storeResults(db, [result('ses-c', 'The zanzibar escalation was closed.', 'Support desk queue', 2)]);
    await search.upsertSession('ses-c');
    await search.flush();
    expect(await readDocumentsKeys(dbName)).toEqual(['ses-a', 'ses-b']);
    expect((await readDocs(dbName)).map(({ doc, value }) => [doc, value.id])).toEqual([
      [6, 'ses-c:session:0'],
      [7, 'ses-c:chapter:0'],
    ]);
    await search.removeSession('ses-b');
    await search.flush();
    expect(await readDocumentsKeys(dbName)).toEqual(['ses-a']);
    await search.close();

    const fresh = client(dbName);
    expect(await fresh.search('review')).toEqual([{ ...REVIEW_HITS[0], score: expect.any(Number) }]);
    expect((await fresh.search('zanzibar'))[0]).toMatchObject({ id: 'ses-c:session:0', snippet: 'The zanzibar escalation was closed.' });
  });

  test('replacing a session’s result and removing a session delete their old per-document records', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    expect((await readDocs(dbName)).map(({ doc }) => doc)).toEqual([0, 1, 2, 3, 4, 5]);

    const search = client(dbName);
    await storeResults(db, [result('ses-b', 'The design review moved.', 'Figma tokens renamed', 2)]);
    await search.upsertSession('ses-b');
    await search.flush();
    expect((await readDocs(dbName)).map(({ doc, value }) => [doc, value.text])).toEqual([
      [0, 'We planned the billing migration.'],
      [1, 'Ledger cutover review'],
      [4, 'The zanzibar escalation came up.'],
      [5, 'Support desk queue'],
      [6, 'The design review moved.'],
      [7, 'Figma tokens renamed'],
    ]);

    await search.removeSession('ses-c');
    await search.flush();
    expect((await readDocs(dbName)).map(({ doc }) => doc)).toEqual([0, 1, 6, 7]);
    expect((await search.search('review')).map((hit) => [hit.id, hit.snippet])).toEqual([
      ['ses-a:chapter:0', 'Ledger cutover review'],
      ['ses-b:session:0', 'The design review moved.'],
    ]);
  });
});
