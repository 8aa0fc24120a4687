// npm run eval:search — search on real material: the corpus's screenshot series, read by OCR (the
// text of the last `npm run eval`), go through the real chapters, summary and index stages into the
// app's own search library (real IndexedDB, in the page); queries are words the screens really
// showed, typed whole, half typed, or with a typo. The same queries also run over an index of the
// screens' true text (from the DOM), so a miss can be put down to OCR or to search.
import { deleteDB } from 'idb';
import { expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { openEnricherDb, type ResultRecord } from '../../src/shared/db.ts';
import type { ChaptersResult, IndexResult, OcrResult, SearchDocument, SummaryResult } from '../../src/shared/results.ts';
import { bareSession } from '../../tests/fixtures/stageContext.ts';
import { stageHarness, type Shot } from '../../tests/browser/fixtures/stageHarness.ts';
import { chaptersStage } from '../../workers/stages/chapters.ts';
import { indexStage } from '../../workers/stages/index.ts';
import { summaryStage } from '../../workers/stages/summary.ts';
import { SearchLibrary } from '../../workers/search/library.ts';
import type { Corpus, CorpusSeries } from './corpus.ts';
import { judge, queriesFor, scoreByKind, searchableTerms, type QueryOutcome, type SearchQuery, type SessionPlaces } from './searchScore.ts';

const BASE = '/eval/.corpus/';
const OCR_RESULTS = 'eval/.corpus/results.json';
const OUT = 'eval/.corpus/search-results.json';
/** The app's search box asks for this many hits. */
const LIMIT = 20;
const QUERIES_PER_KIND = 20;

async function load(path: string): Promise<Response> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}. Run npm run eval:corpus first.`);
  return response;
}

/** The OCR text of each shot, from the last `npm run eval` (its screens project). */
async function ocrTexts(): Promise<Record<string, string[]>> {
  const raw = await commands.readFile(OCR_RESULTS).catch(() => {
    throw new Error(`${OCR_RESULTS} is missing: run npm run eval first, which reads the screens.`);
  });
  const results = JSON.parse(raw) as { series: Array<{ id: string; shots: Array<{ ocr: string }> }> };
  return Object.fromEntries(results.series.map((s) => [s.id, s.shots.map((shot) => shot.ocr)]));
}

/** A session's search documents as the index stage makes them, from screens that read `texts`. */
async function documentsOf(s: CorpusSeries, shots: Shot[], texts: string[], chapters: ChaptersResult): Promise<SearchDocument[]> {
  const ocr: OcrResult = { screens: texts.map((text, i) => ({ mediaId: `shot-${i}`, text, confidence: 0 })) };
  const summary = (await summaryStage(stageHarness(shots, { ocr, chapters }).ctx)) as SummaryResult;
  const { documents } = (await indexStage(stageHarness(shots, { ocr, chapters, summary }).ctx)) as IndexResult;
  // The harness names every session "harness": each series is a session of its own here.
  return documents.map((doc) => ({ ...doc, id: doc.id.replace(/^harness:/, `${s.id}:`), sessionId: s.id, title: doc.kind === 'session' ? `Session ${s.id}` : doc.title }));
}

/** A library of the given sessions' documents, in a fresh database; the caller closes it. */
async function libraryOf(name: string, sessions: ReadonlyMap<string, SearchDocument[]>): Promise<SearchLibrary> {
  await deleteDB(name);
  await deleteDB(`${name}-search`);
  const db = await openEnricherDb(name);
  for (const [sessionId, documents] of sessions) {
    await db.put('sessions', bareSession({ id: sessionId, title: `Session ${sessionId}` }));
    const record: ResultRecord = { sessionId, jobId: `job-${sessionId}`, attempt: 1, committedAt: 0, outcomes: { index: { status: 'done', result: { documents } satisfies IndexResult, ms: 0 } } };
    await db.put('results', record);
  }
  db.close();
  const library = new SearchLibrary(name);
  await library.upsert([...sessions.keys()].map((sessionId) => ({ sessionId })));
  return library;
}

async function ask(library: SearchLibrary, queries: readonly SearchQuery[], places: ReadonlyMap<string, SessionPlaces>): Promise<QueryOutcome[]> {
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) outcomes.push(judge(query, await library.search(query.text, LIMIT), places));
  return outcomes;
}

test('search finds the words the screens showed', async () => {
  const corpus = (await (await load(`${BASE}corpus.json`)).json()) as Corpus;
  const texts = await ocrTexts();
  const fromOcr = new Map<string, SearchDocument[]>();
  const fromScreen = new Map<string, SearchDocument[]>();
  const places = new Map<string, SessionPlaces>();
  const termsOf = new Map<string, string[]>();
  for (const s of corpus.series) {
    const read = texts[s.id];
    if (!read || read.length !== s.shots.length) throw new Error(`${OCR_RESULTS} has no OCR of ${s.id}: run npm run eval first.`);
    const shots: Shot[] = [];
    for (const shot of s.shots) {
      const blob = await (await load(`${BASE}${s.id}/${shot.file}`)).blob();
      shots.push({ name: `${s.id}/${shot.file}`, blob: new Blob([blob], { type: 'image/png' }), at: shot.at });
    }
    const ocr: OcrResult = { screens: read.map((text, i) => ({ mediaId: `shot-${i}`, text, confidence: 0 })) };
    // One set of chapters (the app's, from the OCR) for both indexes, so that their places are the same.
    const chapters = (await chaptersStage(stageHarness(shots, { ocr }).ctx)) as ChaptersResult;
    const shown = s.shots.map((shot) => shot.full.join(' '));
    fromOcr.set(s.id, await documentsOf(s, shots, read, chapters));
    fromScreen.set(s.id, await documentsOf(s, shots, shown, chapters));
    // A hit is right where the word was at least partly on screen (OCR reads a word cut at the edge too).
    const seen = s.shots.map((shot) => shot.partial.join(' '));
    const chapterTerms = chapters.chapters.map((chapter) => new Set(seen.slice(chapter.firstScreen, chapter.lastScreen + 1).flatMap(searchableTerms)));
    places.set(s.id, { sessionId: s.id, chapters: chapterTerms });
    termsOf.set(s.id, shown.flatMap(searchableTerms));
  }
  const vocabulary = new Set([...termsOf.values()].flat());
  const queries = [...termsOf].flatMap(([sessionId, terms], i) => queriesFor(sessionId, terms, vocabulary, QUERIES_PER_KIND, 1_000 + i));

  const results: Record<string, { byKind: ReturnType<typeof scoreByKind>; misses: QueryOutcome[]; wrongFirst: QueryOutcome[] }> = {};
  for (const [name, sessions] of [['ocr', fromOcr], ['screen', fromScreen]] as const) {
    const library = await libraryOf(`eval-search-${name}`, sessions);
    const outcomes = await ask(library, queries, places);
    await library.flush();
    results[name] = { byKind: scoreByKind(outcomes), misses: outcomes.filter((outcome) => !outcome.found), wrongFirst: outcomes.filter((outcome) => outcome.found && !outcome.firstRight) };
    for (const [kind, score] of Object.entries(results[name].byKind)) {
      console.info(`${name} ${kind}: found ${score.found}/${score.queries}, first right ${score.firstRight}, in its own session ${score.sourceFound}`);
    }
  }
  await commands.writeFile(OUT, JSON.stringify({ limit: LIMIT, sessions: corpus.series.length, queries: queries.length, results }, null, 1));
  expect(queries.length).toBeGreaterThan(0);
});
