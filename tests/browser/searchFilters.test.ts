import { describe, expect, test } from 'vitest';
import type { EnricherDb, ResultRecord } from '../../src/shared/db.ts';
import type { ActionItem, SearchDocument } from '../../src/shared/results.ts';
import type { SearchFilters, SearchShardOptions } from '../../src/shared/search.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import type { SearchClient } from '../../src/search/searchClient.ts';
import { readCatalog, writeCatalog } from './fixtures/searchDb.ts';
import { searchRig } from './fixtures/searchRig.ts';


/** Two sessions per shard, so that a filter has shards to skip and shards to search in part. */
const SHARDS: SearchShardOptions = { maxShardChars: 150 };
const { library, client } = searchRig(SHARDS);

const day = (iso: string) => Date.parse(`${iso}T10:00:00Z`);

interface Spec {
  id: string;
  startedAt: number | null;
  tags: string[];
  items: ActionItem[];
  notes: string;
}

const TODO: ActionItem = { text: 'Send the budget to Dana', source: 'notes', done: false, kind: 'action' };
const DECIDED: ActionItem = { text: 'We decided to keep the budget', source: 'notes', done: false, kind: 'decision' };

/** Every session speaks of the budget; they differ in date, tags and action items. */
const SPECS: Spec[] = [
  { id: 'ses-jan', startedAt: day('2026-01-15'), tags: ['finance'], items: [TODO], notes: 'Budget budget budget review with finance.' },
  { id: 'ses-feb', startedAt: day('2026-02-10'), tags: ['design'], items: [DECIDED], notes: 'The budget of the design sprint.' },
  { id: 'ses-mar', startedAt: day('2026-03-05'), tags: ['finance', 'design'], items: [], notes: 'A short budget note.' },
  { id: 'ses-nodate', startedAt: null, tags: [], items: [TODO], notes: 'Budget talk, date unknown.' },
];

function session(spec: Spec): SessionRecord {
  return {
    id: spec.id,
    title: `Session ${spec.id}`,
    source: 'import',
    startedAt: spec.startedAt,
    endedAt: null,
    notes: spec.notes,
    tags: spec.tags,
    screenshots: [],
    audio: [],
    transcript: null,
    importedAt: 1,
    warnings: [],
  };
}

function result(spec: Spec): ResultRecord {
  const sessionId = spec.id;
  const documents: SearchDocument[] = [
    { id: `${sessionId}:session:0`, sessionId, kind: 'session', title: `Session ${sessionId}`, text: spec.notes, keywords: [], chapter: null, time: null },
    { id: `${sessionId}:chapter:0`, sessionId, kind: 'chapter', title: 'Chapter 1', text: 'Spreadsheet on screen', keywords: [], chapter: 0, time: null },
  ];
  const summary = { keywords: [], sentences: [], actionItems: spec.items, chapters: [] };
  return {
    sessionId,
    jobId: `job-${sessionId}`,
    attempt: 1,
    committedAt: 1,
    outcomes: { summary: { status: 'done', result: summary, ms: 0 }, index: { status: 'done', result: { documents }, ms: 0 } },
  };
}


async function store(db: EnricherDb): Promise<void> {
  const tx = db.transaction(['sessions', 'results'], 'readwrite');
  for (const spec of SPECS) {
    void tx.objectStore('sessions').put(session(spec));
    void tx.objectStore('results').put(result(spec));
  }
  await tx.done;
}


/** Indexes every session as updates after an empty start (as after enrichment), saves the shards and stops the worker. */
async function indexed(dbName: string, db: EnricherDb): Promise<void> {
  const first = client(dbName);
  expect(await first.status()).toMatchObject({ source: 'empty' });
  await store(db);
  await Promise.all(SPECS.map((spec) => first.upsertSession(spec.id)));
  await first.close();
}

const sessionsFound = async (search: SearchClient, query: string, filters?: SearchFilters) =>
  [...new Set((await search.search(query, 20, filters)).map((hit) => hit.sessionId))].sort();

/** Each filter, and what it must let through. */
const CASES: Array<[string, SearchFilters, string[]]> = [
  ['no filter', {}, ['ses-feb', 'ses-jan', 'ses-mar', 'ses-nodate']],
  ['from February', { from: day('2026-02-01') }, ['ses-feb', 'ses-mar']],
  ['before February', { to: day('2026-02-01') }, ['ses-jan']],
  ['February only', { from: Date.parse('2026-02-01T00:00:00Z'), to: Date.parse('2026-03-01T00:00:00Z') }, ['ses-feb']],
  ['tag finance', { tag: 'finance' }, ['ses-jan', 'ses-mar']],
  ['tag design', { tag: 'design' }, ['ses-feb', 'ses-mar']],
  ['tag nobody has', { tag: 'legal' }, []],
  ['has action items (decisions do not count)', { hasActionItems: true }, ['ses-jan', 'ses-nodate']],
  ['tag and action items', { tag: 'finance', hasActionItems: true }, ['ses-jan']],
];

describe('search filters', () => {
  test('search(query, limit, filters) - each filter includes and excludes the right sessions, also from the stored shards in a fresh worker', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    const live = client(dbName);
    for (const [name, filters, expected] of CASES) expect(await sessionsFound(live, 'budget', filters), name).toEqual(expected);
    await live.close();

    // The sessions and results are gone: only the catalog stored with the shards knows the facts.
    await Promise.all([db.clear('sessions'), db.clear('results')]);
    const fresh = client(dbName);
    expect(await fresh.status()).toMatchObject({ source: 'stored', sessions: 4 });
    for (const [name, filters, expected] of CASES) expect(await sessionsFound(fresh, 'budget', filters), `${name}, fresh worker`).toEqual(expected);
  });

  test('search() - filters apply before the limit: a filtered-out better hit does not take the place', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    const search = client(dbName);
    // ses-jan says "budget" most and ranks first without a filter.
    expect((await search.search('budget', 1))[0]?.sessionId).toBe('ses-jan');
    expect((await search.search('budget', 1, { tag: 'design' }))[0]?.sessionId).toMatch(/ses-feb|ses-mar/);
  });

  test('search() - an empty query with filters lists the matching sessions, newest first; without filters, nothing', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    const search = client(dbName);
    const listed = await search.search('', 20, { tag: 'finance' });
    expect(listed.map((hit) => [hit.sessionId, hit.kind])).toEqual([
      ['ses-mar', 'session'],
      ['ses-jan', 'session'],
    ]);
    expect(listed[1]?.snippet).toBe('Budget budget budget review with finance.');
    expect((await search.search('', 1, { hasActionItems: true })).map((hit) => hit.sessionId)).toEqual(['ses-jan']);
    expect(await search.search('', 20)).toEqual([]);
    expect(await search.search('', 20, {})).toEqual([]);
  });

  test('a catalog saved before filters (no facts) is filled in from the stored sessions and results, without re-indexing', async () => {
    const { db, dbName } = await library();
    await indexed(dbName, db);
    const stored = await readCatalog(dbName);
    await writeCatalog(dbName, stored.map(({ facts: _facts, ...old }) => old));

    const search = client(dbName);
    expect(await search.status()).toMatchObject({ source: 'stored', sessions: 4 });
    for (const [name, filters, expected] of CASES) expect(await sessionsFound(search, 'budget', filters), name).toEqual(expected);
    await search.close();
    const filled = await readCatalog(dbName);
    expect(filled.find((entry) => entry.sessionId === 'ses-mar')?.facts).toEqual({ startedAt: day('2026-03-05'), tags: ['finance', 'design'], hasActionItems: false });
    expect(filled.every((entry) => entry.facts !== undefined)).toBe(true);
  });
});
