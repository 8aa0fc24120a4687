import { openDB } from 'idb';
import { describe, expect, test } from 'vitest';
import type { EnricherDb } from '../../src/shared/db.ts';
import type { SearchDocument } from '../../src/shared/results.ts';
import { SEARCH_INDEX_KEY, searchDbName, type SearchIndexOptions } from '../../src/shared/search.ts';
import { createIndex, SEARCH_ANALYZER_VERSION } from '../../workers/search/options.ts';
import { readBuiltMark, readCatalog, writeOlderAnalyzerIndex, readDocuments, readPostings, readSegments, segmentsByTerm, writePostings } from './fixtures/searchDb.ts';
import { searchRig } from './fixtures/searchRig.ts';
import { indexSessions, searchResult, storeResults } from './fixtures/searchSessions.ts';
import { waitFor } from './fixtures/waitFor.ts';

/** Nothing kept in memory between queries: every query reads its terms' postings from the database. */
const NO_CACHE: SearchIndexOptions = { maxCachedBytes: 0 };
/** Each save's fresh segment merged into the terms' own records at once. */
const MERGED: SearchIndexOptions = { maxCachedBytes: 0, maxFreshSegments: 1 };
/** Saves kept as fresh segments: no merge during the test. */
const UNMERGED: SearchIndexOptions = { maxCachedBytes: 0, maxFreshSegments: 100 };
const { library, client } = searchRig(NO_CACHE);

const SESSIONS = [
  searchResult('ses-a', 'We planned the billing migration.', 'Ledger cutover checklist'),
  searchResult('ses-b', 'The design review of the carousel.', 'Figma prototype tokens'),
  searchResult('ses-c', 'The zanzibar escalation came up.', 'Support desk queue'),
];

/** Indexes the sessions as updates after an empty start, one save each, and stops the worker. */
const indexed = (dbName: string, db: EnricherDb, records = SESSIONS, options = NO_CACHE) => indexSessions(client(dbName, { index: options }), db, records);

describe('search postings', () => {
  test('search() - reads only the stored postings of its terms, in a fresh worker with no postings cache', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    // The results are gone: only the stored postings and documents can answer.
    await db.clear('results');
    const search = client(dbName);
    expect(await search.status()).toEqual({ source: 'stored', sessions: 3, documents: 6, terms: expect.any(Number) });
    expect((await search.search('zanzibar'))[0]).toMatchObject({ sessionId: 'ses-c', kind: 'session', snippet: 'The zanzibar escalation came up.', matches: [[4, 12]] });
    expect((await search.search('ledger'))[0]).toMatchObject({ sessionId: 'ses-a', kind: 'chapter', chapter: 0, snippet: 'Ledger cutover checklist' });
    expect((await search.search('carousel'))[0]).toMatchObject({ sessionId: 'ses-b', snippet: 'The design review of the carousel.' });
  });

  test('flush() - writes one record of the changed session’s terms, and nothing when nothing changed', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db, SESSIONS, UNMERGED);
    expect(await readSegments(dbName)).toHaveLength(3);
    expect(await readPostings(dbName)).toEqual([]);

    const search = client(dbName, { index: UNMERGED });
    await storeResults(db, [searchResult('ses-b', 'The design review of the carousel.', 'Vendor contract renewal', 2)]);
    await search.upsertSession('ses-b');
    await search.flush();
    const segments = await readSegments(dbName);
    expect(segments).toHaveLength(4);
    expect([...segments.at(-1)!.terms].sort()).toEqual(['1', 'carousel', 'chapter', 'contract', 'design', 'renewal', 'review', 'ses-b', 'session', 'vendor']);
    // Nothing changed since: nothing written.
    await search.flush();
    await search.upsertSession('ses-b');
    await search.close();
    expect(await readSegments(dbName)).toHaveLength(4);
    // The old chapter's words are gone from the results, though their postings wait for compaction.
    const fresh = client(dbName, { index: UNMERGED });
    expect(await fresh.search('figma')).toEqual([]);
    expect((await fresh.search('vendor'))[0]?.sessionId).toBe('ses-b');
  });

  test('fresh segments are merged into the terms’ own records, and a term read with too many is compacted without the removed session', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db, SESSIONS, MERGED);
    // Every save merged: one record per save for "session" (in every title), none left fresh.
    expect(await readSegments(dbName)).toEqual([]);
    expect((await segmentsByTerm(dbName)).get('session')).toHaveLength(3);

    const search = client(dbName, { index: { ...MERGED, compactAfterSegments: 1 } });
    await search.removeSession('ses-c');
    await search.flush();
    expect((await search.search('session')).map((hit) => hit.sessionId).sort()).toEqual(['ses-a', 'ses-b']);
    // Compacted after the query, between calls: one record, two sessions' titles.
    await waitFor(async () => (await segmentsByTerm(dbName)).get('session')?.length === 1, { what: 'the compacted postings of "session"' });
    const [merged] = (await readPostings(dbName)).filter((entry) => entry.term === 'session');
    expect(merged?.record.count).toBe(2);
    expect((await search.search('session')).map((hit) => hit.sessionId).sort()).toEqual(['ses-a', 'ses-b']);
    expect(await search.search('zanzibar')).toEqual([]);
  });

  test('a library that warms its ranking up on opening answers as one that does not, and stores nothing of its made-up terms', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    const queries = ['zanzibar', 'ledger carousel', 'design', 'sess', 'billing migration'];
    const cold = client(dbName);
    const expected = [];
    for (const query of queries) expected.push(await cold.search(query));
    await cold.close();
    const before = { postings: await readPostings(dbName), catalog: await readCatalog(dbName), segments: await readSegments(dbName) };

    // Every library warms up (the default waits for 20,000 documents).
    const warm = client(dbName, { index: { ...NO_CACHE, warmUpFromDocuments: 1 } });
    expect(await Promise.all(queries.map((query) => warm.search(query)))).toEqual(expected);
    expect(await warm.search('warm')).toEqual([]);
    expect(await warm.status()).toEqual({ source: 'stored', sessions: 3, documents: 6, terms: expect.any(Number) });
    await warm.close();
    expect({ postings: await readPostings(dbName), catalog: await readCatalog(dbName), segments: await readSegments(dbName) }).toEqual(before);
  });

  test('the single-record index of before is migrated once into postings, then deleted', async () => {
    const { db, dbName } = await library();
    await storeResults(db, SESSIONS);
    const old = createIndex();
    for (const record of SESSIONS) {
      const outcome = record.outcomes.index;
      if (outcome?.status === 'done') old.addAll((outcome.result as { documents: SearchDocument[] }).documents);
    }
    const sessions = Object.fromEntries(SESSIONS.map((record) => [record.sessionId, { committedAt: 1, ids: [`${record.sessionId}:session:0`, `${record.sessionId}:chapter:0`] }]));
    await db.put('meta', { version: 1, json: JSON.stringify(old), sessions }, SEARCH_INDEX_KEY);

    const first = client(dbName);
    expect(await first.status()).toMatchObject({ source: 'rebuilt', sessions: 3, documents: 6 });
    expect(await db.get('meta', SEARCH_INDEX_KEY)).toBeUndefined();
    expect(await readBuiltMark(dbName)).toMatchObject({ from: 'single-index' });
    expect((await readCatalog(dbName)).map((entry) => entry.sessionId).sort()).toEqual(['ses-a', 'ses-b', 'ses-c']);
    await first.close();

    const again = client(dbName);
    expect(await again.status()).toMatchObject({ source: 'stored', sessions: 3 });
    expect((await again.search('figma'))[0]?.sessionId).toBe('ses-b');
  });

  test('a search database of the shards of before is replaced by postings built from the stored results', async () => {
    const { db, dbName } = await library();
    await storeResults(db, SESSIONS);
    const shards = await openDB(searchDbName(dbName), 1, {
      upgrade(old) {
        old.createObjectStore('shards', { keyPath: 'id' });
        old.createObjectStore('catalog', { keyPath: 'sessionId' });
        old.createObjectStore('texts', { keyPath: 'sessionId' });
        old.createObjectStore('state');
        old.createObjectStore('vocabulary');
      },
    });
    await shards.put('state', { at: 1, from: 'results' }, 'built');
    await shards.put('catalog', { sessionId: 'ses-a', shard: 0, committedAt: 1, documents: 2, chars: 10 });
    shards.close();

    const search = client(dbName);
    expect(await search.status()).toMatchObject({ source: 'rebuilt', sessions: 3 });
    expect((await search.search('zanzibar'))[0]?.sessionId).toBe('ses-c');
    await search.close();
    const upgraded = await openDB(searchDbName(dbName));
    expect([...upgraded.objectStoreNames].sort()).toEqual(['catalog', 'docs', 'documents', 'postings', 'segments', 'state', 'vocabulary']);
    upgraded.close();
  });

  test('an index built by an older analyzer is rebuilt from the stored results: words it left out are found', async () => {
    const { db, dbName } = await library();
    const records = [...SESSIONS, searchResult('ses-d', 'TODO: sort the vendor list.', 'Procurement board')];
    await indexed(dbName, db, records, MERGED);
    // The analyzer of before dropped "todo" and "sort" as stopwords.
    await writeOlderAnalyzerIndex(dbName, 'todo');

    const search = client(dbName);
    expect(await search.status()).toMatchObject({ source: 'rebuilt', sessions: 4 });
    expect((await search.search('todo'))[0]).toMatchObject({ sessionId: 'ses-d', kind: 'session' });
    await search.close();
    expect(await readBuiltMark(dbName)).toMatchObject({ analyzer: SEARCH_ANALYZER_VERSION });

    const again = client(dbName);
    expect(await again.status()).toMatchObject({ source: 'stored', sessions: 4 });
  });

  test('a damaged postings record makes the index rebuild from the stored results, and search still answers', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db, SESSIONS, MERGED);
    const [damaged] = (await readPostings(dbName)).filter((entry) => entry.term === 'zanzibar');
    await writePostings(dbName, 'zanzibar', { ...damaged!.record, bytes: new Uint8Array([0x80, 0x80]) });

    const search = client(dbName);
    expect((await search.search('zanzibar'))[0]).toMatchObject({ sessionId: 'ses-c', kind: 'session' });
    expect((await search.search('carousel'))[0]?.sessionId).toBe('ses-b');
    expect(await search.status()).toMatchObject({ source: 'rebuilt', sessions: 3 });
    await search.close();
    const [repaired] = (await readPostings(dbName)).filter((entry) => entry.term === 'zanzibar');
    expect(repaired?.record.count).toBe(1);
  });

  test('removeSession() - takes its hits out, also after the index is saved and read again', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    const search = client(dbName);
    expect((await search.search('zanzibar')).length).toBe(1);
    await search.removeSession('ses-c');
    expect(await search.search('zanzibar')).toEqual([]);
    await search.close();

    expect((await readCatalog(dbName)).map((entry) => entry.sessionId).sort()).toEqual(['ses-a', 'ses-b']);
    expect(await readDocuments(dbName, 'ses-c')).toBeUndefined();
    const fresh = client(dbName);
    expect(await fresh.search('zanzibar')).toEqual([]);
    expect(await fresh.status()).toMatchObject({ sessions: 2, documents: 4 });
  });
});
