import { describe, expect, test } from 'vitest';
import type { EnricherDb, ResultRecord } from '../../src/shared/db.ts';
import type { SearchDocument } from '../../src/shared/results.ts';
import { SEARCH_INDEX_KEY, type SearchShardOptions } from '../../src/shared/search.ts';
import { createIndex } from '../../workers/search/options.ts';
import { readBuiltMark, readCatalog, readShards, readTexts, writeShard } from './fixtures/searchDb.ts';
import { searchRig } from './fixtures/searchRig.ts';



/** One session per shard: any text fills a shard. */
const ONE_PER_SHARD: SearchShardOptions = { maxShardChars: 1 };
const { library, client } = searchRig(ONE_PER_SHARD);


/** A session's stored result whose index stage made one notes document and one chapter document. */
function result(sessionId: string, notes: string, screen: string, committedAt = 1): ResultRecord {
  const documents: SearchDocument[] = [
    { id: `${sessionId}:session:0`, sessionId, kind: 'session', title: `Session ${sessionId}`, text: notes, keywords: [], chapter: null, time: null },
    { id: `${sessionId}:chapter:0`, sessionId, kind: 'chapter', title: 'Chapter 1', text: screen, keywords: [], chapter: 0, time: null },
  ];
  return { sessionId, jobId: `job-${sessionId}-${committedAt}`, attempt: 1, committedAt, outcomes: { index: { status: 'done', result: { documents }, ms: 0 } } };
}

const SESSIONS = [
  result('ses-a', 'We planned the billing migration.', 'Ledger cutover checklist'),
  result('ses-b', 'The design review of the carousel.', 'Figma prototype tokens'),
  result('ses-c', 'The zanzibar escalation came up.', 'Support desk queue'),
];

async function store(db: EnricherDb, records: readonly ResultRecord[]): Promise<void> {
  const tx = db.transaction('results', 'readwrite');
  for (const record of records) void tx.store.put(record);
  await tx.done;
}

/** Indexes the sessions as updates after an empty start, saves them and stops the worker. */
async function indexed(dbName: string, db: EnricherDb, records = SESSIONS, shards = ONE_PER_SHARD): Promise<void> {
  const first = client(dbName, { shards });
  expect(await first.status()).toMatchObject({ source: 'empty' });
  await store(db, records);
  for (const record of records) void first.upsertSession(record.sessionId);
  await first.upsertSession(records[0]!.sessionId);
  await first.close();
}

const revisions = async (dbName: string) => Object.fromEntries((await readShards(dbName)).map((shard) => [Object.keys(shard.sessions).join(), shard.revision]));

describe('search shards', () => {
  test('search() - finds a hit in a shard that is not loaded, and again after memory let it go', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    // A budget of one character: every shard is let go as soon as the next is read.
    const search = client(dbName, { shards: { ...ONE_PER_SHARD, maxLoadedChars: 1 } });
    expect(await search.status()).toEqual({ source: 'stored', sessions: 3, documents: 6, shards: 3, loadedShards: 0 });
    expect((await search.search('zanzibar'))[0]).toMatchObject({ sessionId: 'ses-c', kind: 'session' });
    expect((await search.status()).loadedShards).toBe(0);
    expect((await search.search('ledger'))[0]).toMatchObject({ sessionId: 'ses-a', kind: 'chapter', snippet: 'Ledger cutover checklist' });
    expect((await search.search('zanzibar'))[0]?.sessionId).toBe('ses-c');
  });

  test('flush() - saves the changed shard and does not rewrite the unchanged ones', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    expect(await revisions(dbName)).toEqual({ 'ses-a': 1, 'ses-b': 1, 'ses-c': 1 });

    const search = client(dbName);
    await store(db, [result('ses-b', 'The design review of the carousel.', 'Vendor contract renewal', 2)]);
    await search.upsertSession('ses-b');
    await search.flush();
    expect(await revisions(dbName)).toEqual({ 'ses-a': 1, 'ses-b': 2, 'ses-c': 1 });
    // Nothing changed since: nothing written.
    await search.flush();
    await search.upsertSession('ses-b');
    await search.close();
    expect(await revisions(dbName)).toEqual({ 'ses-a': 1, 'ses-b': 2, 'ses-c': 1 });
  });

  test('a fresh worker finds every session from the shards and texts alone, without a rebuild', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db, SESSIONS, { maxShardChars: 60 });
    // The results are gone: only the stored shards and texts can answer.
    await db.clear('results');
    const search = client(dbName, { shards: { maxShardChars: 60 } });
    const status = await search.status();
    expect(status).toMatchObject({ source: 'stored', sessions: 3, documents: 6 });
    expect(status.shards).toBeGreaterThan(1);
    expect((await search.search('carousel'))[0]).toMatchObject({ sessionId: 'ses-b', snippet: 'The design review of the carousel.' });
    expect((await search.search('ledger'))[0]).toMatchObject({ sessionId: 'ses-a', snippet: 'Ledger cutover checklist' });
    expect((await search.search('zanzibar'))[0]?.sessionId).toBe('ses-c');
  });

  test('the single-record index of before is migrated once into shards, then deleted', async () => {
    const { db, dbName } = await library();
    await store(db, SESSIONS);
    const old = createIndex();
    for (const record of SESSIONS) {
      const outcome = record.outcomes.index;
      if (outcome?.status === 'done') old.addAll((outcome.result as { documents: SearchDocument[] }).documents);
    }
    const sessions = Object.fromEntries(SESSIONS.map((record) => [record.sessionId, { committedAt: 1, ids: [`${record.sessionId}:session:0`, `${record.sessionId}:chapter:0`] }]));
    await db.put('meta', { version: 1, json: JSON.stringify(old), sessions }, SEARCH_INDEX_KEY);

    const first = client(dbName);
    expect(await first.status()).toMatchObject({ source: 'rebuilt', sessions: 3, shards: 3 });
    expect(await db.get('meta', SEARCH_INDEX_KEY)).toBeUndefined();
    expect(await readBuiltMark(dbName)).toMatchObject({ from: 'single-index' });
    expect((await readCatalog(dbName)).map((entry) => entry.sessionId).sort()).toEqual(['ses-a', 'ses-b', 'ses-c']);
    await first.close();

    const again = client(dbName);
    expect(await again.status()).toMatchObject({ source: 'stored', sessions: 3 });
    expect((await again.search('figma'))[0]?.sessionId).toBe('ses-b');
  });

  test('a damaged shard is rebuilt from the stored results and search still answers', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    const damaged = (await readShards(dbName)).find((shard) => 'ses-c' in shard.sessions)!;
    await writeShard(dbName, { ...damaged, json: '{"documentCount": 1, "index": [[' });

    const search = client(dbName);
    expect((await search.search('zanzibar'))[0]).toMatchObject({ sessionId: 'ses-c', kind: 'session' });
    expect((await search.search('carousel'))[0]?.sessionId).toBe('ses-b');
    await search.flush();
    const repaired = (await readShards(dbName)).find((shard) => 'ses-c' in shard.sessions)!;
    expect(repaired.revision).toBe(damaged.revision + 1);
    expect(JSON.parse(repaired.json)).toMatchObject({ documentCount: 2 });
  });

  test('removeSession() - takes its hits out, also after the shards are saved and read again', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    const search = client(dbName);
    expect((await search.search('zanzibar')).length).toBe(1);
    await search.removeSession('ses-c');
    expect(await search.search('zanzibar')).toEqual([]);
    await search.close();

    expect((await readCatalog(dbName)).map((entry) => entry.sessionId).sort()).toEqual(['ses-a', 'ses-b']);
    expect(await readTexts(dbName, 'ses-c')).toBeUndefined();
    expect((await readShards(dbName)).some((shard) => 'ses-c' in shard.sessions)).toBe(false);
    const fresh = client(dbName);
    expect(await fresh.search('zanzibar')).toEqual([]);
    expect(await fresh.status()).toMatchObject({ sessions: 2, shards: 2 });
  });
});
