import { describe, expect, test } from 'vitest';
import type { ChaptersResult, OcrResult, SummaryResult, TranscriptResult } from '../../src/shared/results.ts';
import { mulberry32 } from '../../workers/samples/random.ts';
import { sessionNotes } from '../../workers/samples/words.ts';
import type { StageContext } from '../../workers/stage.ts';
import { bareSession, stageContext } from '../fixtures/stageContext.ts';
import { summaryStage } from '../../workers/stages/summary.ts';

function context(notes: string, results: Record<string, unknown> = {}): StageContext {
  const session = bareSession({ id: 'ses-1', title: 'Budget sync — billing', startedAt: 0, notes });
  return stageContext(session, { results });
}

const summarise = async (notes: string, results?: Record<string, unknown>) => (await summaryStage(context(notes, results))) as SummaryResult;

/** Lines of notes written as action items: checkboxes and TODO/Action markers. */
const MARKED = /^\s*(?:(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s+|(?:[-*+]\s+)?(?:TODO|Action):\s+)(.+)$/gm;

describe('summaryStage', () => {
  test('finds every checkbox and TODO line in the notes of 200 generated sessions', async () => {
    for (let seed = 1; seed <= 200; seed++) {
      const notes = sessionNotes(mulberry32(seed), 'Budget sync — billing');
      const expected = [...notes.matchAll(MARKED)].map((match) => match[1]?.trim());
      const { actionItems } = await summarise(notes);
      const fromNotes = actionItems.filter((item) => item.source === 'notes').map((item) => item.text);
      expect(fromNotes, notes).toEqual(expect.arrayContaining(expected));
      expect(expected.length).toBeGreaterThanOrEqual(2);
    }
  });

  test('finds every checkbox and TODO line of hand-written notes, done ones marked done', async () => {
    const notes = [
      '# Standup',
      'We talked about the **release** and the billing migration.',
      '',
      '- [ ] Send the invoice export fix',
      '- [x] Book the release review',
      '  * [X] Nested: archive the old dashboard',
      '1. [ ] Draft the vendor contract',
      'TODO: book the retro room',
      '- TODO: check the audit log',
      'Action: renew the support contract',
    ].join('\n');
    const { actionItems } = await summarise(notes);
    expect(actionItems.map(({ text, done }) => [text, done])).toEqual([
      ['Send the invoice export fix', false],
      ['Book the release review', true],
      ['Nested: archive the old dashboard', true],
      ['Draft the vendor contract', false],
      ['book the retro room', false],
      ['check the audit log', false],
      ['renew the support contract', false],
    ]);
  });

  test('with no earlier results it summarises the notes alone', async () => {
    const result = await summarise('We reviewed the quarterly budget with finance. The quarterly budget needs a decision.');
    expect(result.chapters).toEqual([]);
    expect(result.keywords[0]).toBe('quarterly budget');
    expect(result.sentences.length).toBeGreaterThan(0);
  });

  test('uses the transcript and the screens, per chapter, and finds spoken commitments', async () => {
    const transcript: TranscriptResult = {
      warnings: [],
      cues: [
        { start: 1, end: 3, text: 'The invoice export drops rows.', at: 1000, chapter: 0 },
        { start: 4, end: 6, text: "I'll fix the invoice export before Friday.", at: 4000, chapter: 0 },
        { start: 70, end: 74, text: "Let's look at the churn dashboard next.", at: 70_000, chapter: 1 },
      ],
    };
    const chapters: ChaptersResult = {
      screens: [
        { mediaId: 'm1', hash: '0', distance: 0, at: 0 },
        { mediaId: 'm2', hash: 'f', distance: 40, at: 60_000 },
      ],
      chapters: [
        { index: 0, firstScreen: 0, lastScreen: 0, start: 0, end: 0, title: 'Chapter 1', keywords: [] },
        { index: 1, firstScreen: 1, lastScreen: 1, start: 60_000, end: 60_000, title: 'Chapter 2', keywords: [] },
      ],
      thumbnails: [],
    };
    const ocr: OcrResult = {
      screens: [
        { mediaId: 'm1', text: 'Mail\nInvoice export failed for three customers\nInbox', confidence: 90 },
        { mediaId: 'm2', text: 'Metrics\nChurn dashboard by region and plan\nTODO: fix the legend', confidence: 88 },
      ],
    };
    const result = await summarise('', { transcript, chapters, ocr });
    expect(result.actionItems).toEqual([
      { text: "I'll fix the invoice export before Friday", source: 'transcript', done: false },
      { text: "Let's look at the churn dashboard next", source: 'transcript', done: false },
      { text: 'fix the legend', source: 'screens', done: false },
    ]);
    expect(result.keywords).toContain('invoice export');
    expect(result.chapters.map((c) => c.chapter)).toEqual([0, 1]);
    // Without keywords from the chapters stage, a chapter is named by the words that set it apart.
    expect(result.chapters[0]?.keywords).toEqual(expect.arrayContaining(['invoice', 'export']));
    expect(result.chapters[1]?.keywords).toEqual(expect.arrayContaining(['churn', 'dashboard']));
    expect(result.chapters[1]?.keywords).not.toContain('invoice');
    expect(result.chapters[0]?.title).toBe('Invoice, export, drops');
    expect(result.chapters[0]?.sentences.join(' ')).toMatch(/invoice export/i);
  });

  test('keeps a chapter title and keywords the chapters stage gave', async () => {
    const chapters: ChaptersResult = {
      screens: [{ mediaId: 'm1', hash: '0', distance: 0, at: 0 }],
      chapters: [{ index: 0, firstScreen: 0, lastScreen: 0, start: 0, end: 0, title: 'Inbox triage', keywords: ['inbox'] }],
      thumbnails: [],
    };
    const result = await summarise('', { chapters });
    expect(result.chapters).toEqual([{ chapter: 0, title: 'Inbox triage', keywords: ['inbox'], sentences: [] }]);
  });
});
