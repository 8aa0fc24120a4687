import { describe, expect, test } from 'vitest';
import type { ChaptersResult, IndexResult, OcrResult, SummaryResult, TranscriptResult } from '../../src/shared/results.ts';
import { bareSession, stageContext } from '../fixtures/stageContext.ts';
import { indexStage } from '../../workers/stages/index.ts';

const session = bareSession({
  id: 'ses-9',
  title: 'Release prep — payments',
  source: 'sample',
  startedAt: 0,
  notes: 'Notes from the release prep.\n- [ ] Ship the payments fix',
  tags: ['release'],
});

const context = (results: Record<string, unknown>) => stageContext(session, { results });

const chapters: ChaptersResult = {
  screens: ['m1', 'm2', 'm3'].map((mediaId) => ({ mediaId, hash: '0', distance: 0, at: null })),
  chapters: [
    { index: 0, firstScreen: 0, lastScreen: 1, start: null, end: null, title: 'Refund, queue, totals', keywords: ['refund'] },
    { index: 1, firstScreen: 2, lastScreen: 2, start: null, end: null, title: 'Release, checklist', keywords: ['checklist'] },
  ],
  thumbnails: [],
};
const ocr: OcrResult = {
  screens: [
    { mediaId: 'm1', text: 'Refund queue', confidence: 90 },
    { mediaId: 'm2', text: 'Refund totals by week', confidence: 90 },
    { mediaId: 'm3', text: 'Release checklist', confidence: 90 },
  ],
};
const summary: SummaryResult = {
  keywords: ['payments fix'],
  sentences: ['Notes from the release prep.', 'The payments fix is late.'],
  actionItems: [
    { text: 'Ship the payments fix', source: 'notes', done: false },
    { text: 'Call the bank', source: 'transcript', done: false },
  ],
  chapters: [{ chapter: 1, title: 'Release checklist', keywords: ['checklist'], sentences: [] }],
};
/** 40 cues, 2 s apart: 0–59 s in chapter 0, the rest in chapter 1. */
const transcript: TranscriptResult = {
  warnings: [],
  cues: Array.from({ length: 40 }, (_, i) => ({ start: i * 2, end: i * 2 + 1.5, text: `Line ${i}.`, at: i * 2000, chapter: i < 30 ? 0 : 1 })),
};

const run = async (results: Record<string, unknown>) => ((await indexStage(context(results))) as IndexResult).documents;

describe('indexStage', () => {
  test('one session document with title, notes, keywords and summary, each sentence once', async () => {
    const [doc] = await run({ summary });
    expect(doc).toEqual({
      id: 'ses-9:session:0',
      sessionId: 'ses-9',
      kind: 'session',
      title: 'Release prep — payments',
      text: 'Notes from the release prep.\n- [ ] Ship the payments fix\nThe payments fix is late.\nCall the bank',
      keywords: ['release', 'payments fix'],
      chapter: null,
      time: null,
    });
  });

  test('one document per chapter with the text, title and keywords of its screens', async () => {
    const docs = (await run({ chapters, ocr, summary })).filter((doc) => doc.kind === 'chapter');
    expect(docs.map(({ id, title, text, chapter, keywords }) => ({ id, title, text, chapter, keywords }))).toEqual([
      { id: 'ses-9:chapter:0', title: 'Refund, queue, totals', text: 'Refund queue\nRefund totals by week', chapter: 0, keywords: ['refund'] },
      { id: 'ses-9:chapter:1', title: 'Release, checklist', text: 'Release checklist', chapter: 1, keywords: ['checklist'] },
    ]);
  });

  test('cues grouped into stretches of at most 30 s within one chapter, each with its time', async () => {
    const docs = (await run({ transcript })).filter((doc) => doc.kind === 'cue');
    expect(docs.map((doc) => [doc.time, doc.chapter, doc.title])).toEqual([
      [0, 0, 'Transcript 0:00–0:29'],
      [30, 0, 'Transcript 0:30–0:59'],
      [60, 1, 'Transcript 1:00–1:19'],
    ]);
    expect(docs[0]?.text.startsWith('Line 0. Line 1.')).toBe(true);
    expect(new Set(docs.map((doc) => doc.id)).size).toBe(docs.length);
  });

  test('with no earlier results it still indexes the session', async () => {
    const docs = await run({});
    expect(docs.map((doc) => doc.kind)).toEqual(['session']);
    expect(docs[0]?.keywords).toEqual(['release']);
  });
});
