import { describe, expect, test } from 'vitest';
import type { EnricherDb, ResultRecord } from '../../src/shared/db.ts';
import type { ChaptersResult, OcrResult } from '../../src/shared/results.ts';
import { SEARCH_INDEX_KEY, type SearchHit } from '../../src/shared/search.ts';
import type { MediaRef, SessionRecord } from '../../src/shared/session.ts';
import { mulberry32, pick, integer } from '../../workers/samples/random.ts';
import type { StageFn } from '../../workers/stage.ts';
import { indexStage } from '../../workers/stages/index.ts';
import { summaryStage } from '../../workers/stages/summary.ts';
import { transcriptStage } from '../../workers/stages/transcript.ts';
import { bareSession, stageContext } from '../fixtures/stageContext.ts';
import { readShards } from './fixtures/searchDb.ts';
import { searchRig } from './fixtures/searchRig.ts';
import { waitFor } from './fixtures/waitFor.ts';

const { library, client } = searchRig();




const STARTED = Date.UTC(2026, 10, 20, 9);

/** What a test session says, on screen (one text per chapter), in its notes and its transcript. */
interface Spec {
  id: string;
  title: string;
  notes: string;
  /** One WebVTT file. */
  vtt: string;
  /** The text of each chapter's one screenshot; chapter n starts n minutes in. */
  screens: string[];
}

/**
 * Runs the transcript, summary and index stages of a session here, as the worker would, over
 * given chapters and OCR results; returns the result record the scheduler would commit.
 */
async function enrich(spec: Spec, committedAt = 1): Promise<{ session: SessionRecord; result: ResultRecord }> {
  const transcript: MediaRef = { id: `${spec.id}-t`, name: 'call.vtt', kind: 'transcript', type: 'text/vtt', size: spec.vtt.length, at: STARTED };
  const session = bareSession({ id: spec.id, title: spec.title, startedAt: STARTED, notes: spec.notes, transcript });
  const chapters: ChaptersResult = {
    screens: spec.screens.map((_, i) => ({ mediaId: `${spec.id}-s${i}`, hash: '0', distance: 0, at: STARTED + i * 60_000 })),
    chapters: spec.screens.map((_, i) => ({ index: i, firstScreen: i, lastScreen: i, start: STARTED + i * 60_000, end: STARTED + i * 60_000, title: `Chapter ${i + 1}`, keywords: [] })),
    thumbnails: [],
  };
  const ocr: OcrResult = { screens: spec.screens.map((text, i) => ({ mediaId: `${spec.id}-s${i}`, text, confidence: 90 })) };
  const results: Record<string, unknown> = { chapters, ocr };
  const ctx = stageContext(session, { readMedia: async () => new Blob([spec.vtt], { type: 'text/vtt' }), results });
  const outcomes: ResultRecord['outcomes'] = {};
  const stages: Array<[string, StageFn]> = [['transcript', transcriptStage], ['summary', summaryStage], ['index', indexStage]];
  for (const [name, stage] of stages) {
    results[name] = await stage(ctx);
    outcomes[name] = { status: 'done', result: results[name], ms: 0 };
  }
  return { session, result: { sessionId: spec.id, jobId: `job-${spec.id}`, attempt: 1, committedAt, outcomes } };
}

async function store(db: EnricherDb, specs: Spec[]): Promise<void> {
  const enriched = await Promise.all(specs.map((spec) => enrich(spec)));
  const tx = db.transaction(['sessions', 'results'], 'readwrite');
  for (const { session, result } of enriched) {
    void tx.objectStore('sessions').put(session);
    void tx.objectStore('results').put(result);
  }
  await tx.done;
}

const billing: Spec = {
  id: 'ses-billing',
  title: 'Billing migration standup',
  notes: 'We walked through the ledger cutover.\n\n- [ ] Send the invoice export fix\nTODO: book the release review\n',
  vtt: [
    'WEBVTT',
    '00:00:02.000 --> 00:00:05.000\n<v Sam>Morning, the ledger cutover is on track.',
    "00:01:05.000 --> 00:01:09.000\n<v Priya>The refund reconciliation still fails for two merchants.",
    "00:01:10.000 --> 00:01:13.000\n<v Sam>I'll pair with finance on it tomorrow.",
  ].join('\n\n'),
  screens: ['Ledger cutover checklist\nStep 3 of 5 done', 'Quarterly forecast spreadsheet\nRevenue by region'],
};
const design: Spec = {
  id: 'ses-design',
  title: 'Design review — mobile app',
  notes: 'We compared the onboarding carousel variants with the research team.',
  vtt: 'WEBVTT\n\n00:00:10.000 --> 00:00:14.000\nThe carousel swipe feels sluggish on older Android phones.',
  screens: ['Figma prototype\nColour tokens and spacing scale'],
};

const marked = (hit: SearchHit) => hit.matches.map(([start, end]) => hit.snippet.slice(start, end).toLowerCase());

describe('search', () => {
  test('search() - finds sessions by words of their notes, screens and transcript; a hit leads to its chapter or time', async () => {
    const { db, dbName } = await library();
    await store(db, [billing, design]);
    const search = client(dbName);
    await search.upsertSession(billing.id);
    await search.upsertSession(design.id);

    const [onScreen] = await search.search('spreadsheet');
    expect(onScreen).toMatchObject({ sessionId: billing.id, kind: 'chapter', chapter: 1, time: null });
    expect(marked(onScreen as SearchHit)).toEqual(['spreadsheet']);

    const [spoken] = await search.search('reconciliation');
    expect(spoken).toMatchObject({ sessionId: billing.id, kind: 'cue', chapter: 1, time: 65 });
    expect(spoken?.snippet).toContain('refund reconciliation still fails');

    const inNotes = await search.search('carousel variants');
    expect(inNotes[0]).toMatchObject({ sessionId: design.id, kind: 'session', title: 'Design review — mobile app', chapter: null });
    // The notes sentence first; the summary's transcript sentence after it mentions the carousel too.
    expect(marked(inNotes[0] as SearchHit)).toEqual(['carousel', 'variants', 'carousel']);

    const todo = await search.search('invoice export fix');
    expect(todo[0]?.sessionId).toBe(billing.id);
    expect(todo.every((hit) => hit.score > 0)).toBe(true);
  });

  test('search() - forgives a typo and finds words by their beginning', async () => {
    const { db, dbName } = await library();
    await store(db, [billing, design]);
    const search = client(dbName);
    await search.upsertSession(billing.id);
    await search.upsertSession(design.id);
    expect((await search.search('reconcilation'))[0]).toMatchObject({ sessionId: billing.id, time: 65 });
    expect((await search.search('reconc'))[0]).toMatchObject({ sessionId: billing.id, time: 65 });
    expect((await search.search('carosel'))[0]?.sessionId).toBe(design.id);
    expect(await search.search('the and of')).toEqual([]);
    expect(await search.search('')).toEqual([]);
    await expect(search.search('ledger', 0)).rejects.toThrow('Expected `limit` to be an integer from 1 and up, got `0` (number)');
  });

  test('upsertSession() - replaces a session’s documents; removeSession() takes them out', async () => {
    const { db, dbName } = await library();
    await store(db, [billing, design]);
    const search = client(dbName);
    await search.upsertSession(billing.id);
    const renamed = await enrich({ ...billing, screens: ['Vendor contract renewal'] }, 2);
    await db.put('results', renamed.result);
    await search.upsertSession(billing.id);
    expect(await search.search('spreadsheet')).toEqual([]);
    expect((await search.search('vendor contract'))[0]?.sessionId).toBe(billing.id);

    await search.removeSession(billing.id);
    expect(await search.search('vendor contract')).toEqual([]);
    // The design review came in when the index was first built from the stored results.
    expect(await search.status()).toMatchObject({ sessions: 1, documents: 3 });
    expect((await search.search('carousel'))[0]?.sessionId).toBe(design.id);
  });

  test('upsertSession() - waits for the finished job’s result to be committed', async () => {
    const { db, dbName } = await library();
    const { session, result } = await enrich(billing);
    await db.put('sessions', session);
    const search = client(dbName);
    const indexed = search.upsertSession(billing.id, { jobId: result.jobId, attempt: 1 });
    setTimeout(() => void db.put('results', result), 150);
    await indexed;
    expect((await search.search('ledger cutover')).length).toBeGreaterThan(0);
  });

  test('the index is saved debounced and a fresh worker loads it instead of rebuilding', async () => {
    const { db, dbName } = await library();
    // Built once while the library is empty, so the sessions below are updates.
    const first = client(dbName);
    expect(await first.status()).toMatchObject({ source: 'empty', sessions: 0 });
    await store(db, [billing, design]);
    await first.upsertSession(billing.id);
    await first.upsertSession(design.id);
    // Not written on every update…
    expect(await readShards(dbName)).toEqual([]);
    // …but soon after the last one.
    await waitFor(async () => (await readShards(dbName)).length > 0, { what: 'the saved search shard' });
    await first.close();

    // The results are gone, so only a loaded index can still know these sessions.
    await db.clear('results');
    const fresh = client(dbName);
    expect(await fresh.status()).toEqual({ source: 'stored', sessions: 2, documents: expect.any(Number), shards: 1, loadedShards: 0 });
    const [hit] = await fresh.search('reconciliation');
    expect(hit).toMatchObject({ sessionId: billing.id, kind: 'cue', time: 65 });
  });

  test('another tab’s search worker reloads the index once the leader saves a newer one', async () => {
    const { db, dbName } = await library();
    await store(db, [billing]);
    const follower = client(dbName);
    expect(await follower.search('carousel')).toEqual([]);
    await follower.flush();

    await store(db, [design]);
    const leader = client(dbName);
    await leader.upsertSession(design.id);
    await leader.flush();
    const [hit] = await waitFor(async () => {
      const hits = await follower.search('carousel');
      return hits.length > 0 && hits;
    }, { what: 'the follower to see the newer index' });
    expect(hit?.sessionId).toBe(design.id);
  });

  test('a crashed search worker fails its call; the next call starts a fresh worker', async () => {
    const { db, dbName } = await library();
    await store(db, [design]);
    const crashing = () => new Worker(URL.createObjectURL(new Blob(['throw new Error("boom")'], { type: 'text/javascript' })));
    const real = () => new Worker(new URL('../../workers/search.worker.ts', import.meta.url), { type: 'module' });
    const made: string[] = [];
    const search = client(dbName, { createWorker: () => (made.push('worker'), made.length === 1 ? crashing() : real()) });
    await expect(search.search('carousel')).rejects.toThrow(/^The search worker stopped/);
    expect((await search.search('carousel'))[0]?.sessionId).toBe(design.id);
    expect(made).toHaveLength(2);
  });

  test('a missing or incompatible saved index of before the shards is rebuilt from the stored results, then deleted', async () => {
    const { db, dbName } = await library();
    await store(db, [billing, design]);
    await db.put('meta', { version: 1, json: '{"not":"an index"}', sessions: {} }, SEARCH_INDEX_KEY);
    const search = client(dbName);
    expect(await search.status()).toMatchObject({ source: 'rebuilt', sessions: 2 });
    expect((await search.search('carousel'))[0]?.sessionId).toBe(design.id);
    expect(await db.get('meta', SEARCH_INDEX_KEY)).toBeUndefined();
    const saved = await readShards(dbName);
    expect(saved.flatMap((shard) => Object.keys(shard.sessions)).sort()).toEqual([billing.id, design.id]);
  });
});

describe('search over 1,000 sessions', () => {
  const TOPICS = ['billing', 'onboarding', 'checkout', 'payments', 'analytics', 'support desk', 'mobile app', 'reporting'];
  const NOUNS = ['invoice', 'roadmap', 'budget', 'contract', 'forecast', 'dashboard', 'backlog', 'migration', 'vendor', 'audit', 'pipeline', 'milestone'];
  const VERBS = ['review', 'update', 'ship', 'draft', 'approve', 'schedule', 'fix', 'renew'];

  function synthetic(i: number): Spec {
    const random = mulberry32(i + 1);
    const line = () => `${pick(random, VERBS)} the ${pick(random, NOUNS)} for ${pick(random, TOPICS)}`;
    const cues = Array.from({ length: integer(random, 4, 8) }, (_, c) => {
      const start = c * 5;
      return `00:00:${String(start).padStart(2, '0')}.000 --> 00:00:${String(start + 4).padStart(2, '0')}.000\nWe need to ${line()}.`;
    });
    return {
      id: `ses-${String(i).padStart(4, '0')}`,
      title: `${pick(random, ['Standup', 'Planning', 'Retro', 'Sync'])} — ${pick(random, TOPICS)} ${i}`,
      notes: `Notes. ${line()}.\n- [ ] ${line()}\nTODO: ${line()}`,
      vtt: `WEBVTT\n\n${cues.join('\n\n')}`,
      screens: Array.from({ length: integer(random, 2, 4) }, () => `${line()}\n${line()}\n${line()}`),
    };
  }

  test('query time (reported, not asserted)', { timeout: 180_000 }, async () => {
    const { db, dbName } = await library();
    const specs = Array.from({ length: 1000 }, (_, i) => synthetic(i));
    await store(db, specs);
    // A unique word in one session, to find a needle.
    const needle = await enrich({ ...specs[777]!, notes: `${specs[777]!.notes}\nThe zanzibar escalation came up.` }, 2);
    await db.put('results', needle.result);

    const search = client(dbName);
    let started = performance.now();
    const status = await search.status();
    const rebuildMs = performance.now() - started;
    expect(status).toMatchObject({ source: 'rebuilt', sessions: 1000 });

    const queries = ['invoice', 'budget forecast', 'renew vendor contract', 'migraton', 'onboard', 'dashboard analytics', 'zanzibar', 'audit', 'ship milestone', 'payments pipeline'];
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const query of queries) {
        started = performance.now();
        const hits = await search.search(query, 20);
        times.push(performance.now() - started);
        expect(hits.length).toBeGreaterThan(0);
      }
    }
    expect((await search.search('zanzibar'))[0]?.sessionId).toBe('ses-0777');

    started = performance.now();
    await search.close();
    const saveMs = performance.now() - started;
    const fresh = client(dbName);
    started = performance.now();
    expect((await fresh.status()).source).toBe('stored');
    const loadMs = performance.now() - started;

    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    console.info(
      `search over 1,000 sessions (${status.documents} documents): query median ${at(0.5)} ms, p95 ${at(0.95)} ms, ` +
        `max ${at(1)} ms; rebuild ${rebuildMs.toFixed(0)} ms; save ${saveMs.toFixed(0)} ms; load ${loadMs.toFixed(0)} ms`,
    );
  });
});
