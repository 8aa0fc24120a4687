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
    // Spoken items carry their moment on the session clock and a due date from the session's start
    // (1 January 1970 here, so "before Friday" is the 2nd).
    expect(result.actionItems).toEqual([
      { text: "I'll fix the invoice export before Friday", source: 'transcript', done: false, kind: 'action', at: 4, due: '1970-01-02' },
      { text: "Let's look at the churn dashboard next", source: 'transcript', done: false, kind: 'action', at: 70 },
      { text: 'fix the legend', source: 'screens', done: false, kind: 'action' },
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

  test('spoken items keep the speaker, "I" is owned by the speaker, times are on the session clock', async () => {
    const started = new Date(2026, 10, 20, 10, 0).getTime();
    const transcript: TranscriptResult = {
      warnings: [],
      cues: [
        { start: 0, end: 2, text: 'can you take the runbook', at: started + 30_000, chapter: null, speaker: 'Priya' },
        { start: 2, end: 4, text: "sure i'll update it by thursday", at: started + 32_000, chapter: null, speaker: 'Sam' },
      ],
    };
    const session = bareSession({ id: 'ses-2', title: 'Ops sync', startedAt: started });
    const result = (await summaryStage(stageContext(session, { results: { transcript } }))) as SummaryResult;
    expect(result.actionItems).toEqual([
      { text: "sure i'll update it by thursday", source: 'transcript', done: false, kind: 'action', owner: 'Sam', due: '2026-11-26', at: 32, speaker: 'Sam' },
    ]);
  });

  test('an unpunctuated transcript gives no sentence or action item over 300 characters', async () => {
    const words = ("we need to look at the invoice export because it drops rows when a customer has two accounts and " +
      'the finance team keeps asking for manual exports every week and that takes an afternoon ').repeat(20).trim().split(' ');
    const cues = [];
    for (let i = 0; i < words.length; i += 8) cues.push({ start: i / 4, end: i / 4 + 2, text: words.slice(i, i + 8).join(' '), at: i * 250, chapter: null });
    const result = await summarise('', { transcript: { cues, warnings: [] } });
    expect(result.actionItems.length).toBeGreaterThan(0);
    for (const item of result.actionItems) expect(item.text.length).toBeLessThanOrEqual(300);
    for (const sentence of result.sentences) expect(sentence.length).toBeLessThanOrEqual(300);
  });

  test('a line repeated on every frame counts once in the keywords', async () => {
    const toolbar = 'Zoom Toolbar Layers Palette Brushes';
    const screens = Array.from({ length: 30 }, (_, i) => ({ mediaId: `m${i}`, text: `${toolbar}\nPage ${i}`, confidence: 90 }));
    const result = await summarise('We reviewed the quarterly budget with finance. The quarterly budget needs a decision.', { ocr: { screens } });
    expect(result.keywords[0]).toBe('quarterly budget');
  });

  test('a line repeated on every frame counts once in a chapter\'s own keywords', async () => {
    const chrome = 'Zoom Toolbar Layers Palette Brushes';
    const screens = [
      ...Array.from({ length: 30 }, (_, i) => ({ mediaId: `a${i}`, text: chrome, confidence: 90 })),
      { mediaId: 'a-last', text: `${chrome}\nInvoice export failed for three customers`, confidence: 90 },
      { mediaId: 'b0', text: `${chrome}\nChurn dashboard by region and plan`, confidence: 90 },
    ];
    const chapters: ChaptersResult = {
      screens: screens.map((screen) => ({ mediaId: screen.mediaId, hash: '0', distance: 0, at: null })),
      chapters: [
        { index: 0, firstScreen: 0, lastScreen: 30, start: null, end: null, title: 'Chapter 1', keywords: [] },
        { index: 1, firstScreen: 31, lastScreen: 31, start: null, end: null, title: 'Chapter 2', keywords: [] },
      ],
      thumbnails: [],
    };
    const result = await summarise('', { ocr: { screens }, chapters });
    expect(result.chapters[0]?.keywords.slice(0, 3)).toEqual(['invoice', 'export', 'failed']);
  });
});

describe('summaryStage in a reapply-privacy job', () => {
  const stored: SummaryResult = {
    keywords: [],
    sentences: [],
    actionItems: [],
    chapters: [],
    provider: { status: 'done', source: 'provider', model: 'm', origin: 'https://llm.example', summary: 'Refund for dana.park@example.org agreed.', actionItems: [], requests: 1 },
  };

  test('asks the provider nothing and keeps its stored answer, redacted with "redact everywhere"', async () => {
    let asked = 0;
    const ask = async () => {
      asked++;
      throw new Error('The provider must not be asked.');
    };
    const session = bareSession({ id: 'ses-1', title: 'Refund', notes: 'Mail dana.park@example.org about the refund.' });
    const ctx = stageContext(session, {
      kind: 'reapply-privacy',
      results: { summary: stored },
      provider: { providerEndpoint: ask, providerAdmit: ask, providerReport: ask },
      privacy: { mode: 'everywhere', dismissed: [], marked: [] },
    });
    const result = (await summaryStage(ctx)) as SummaryResult;
    expect(asked).toBe(0);
    expect(result.provider?.status === 'done' && result.provider.summary).toBe('Refund for [email] agreed.');
  });
});
