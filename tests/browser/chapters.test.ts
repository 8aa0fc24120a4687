import { beforeAll, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import type { ChaptersResult, OcrResult } from '../../src/shared/results.ts';
import { CHAPTER_THRESHOLD } from '../../workers/images/boundary.ts';
import { chaptersStage } from '../../workers/stages/chapters.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { screenshotDocument } from './fixtures/documents.ts';
import { pngClaiming } from './fixtures/images.ts';
import { stageHarness, type Shot } from './fixtures/stageHarness.ts';

/** Three pages in one look (same app, same font), so only their words tell them apart. */
const STYLE = 'background:#ffffff;color:#1f2328;font:16px Arial, sans-serif;height:540px;overflow:hidden';
const PAGES = [
  [
    'Invoice export',
    'The invoice export fails for customers with more than one billing address.',
    'We will split the export into batches and retry each batch on its own.',
  ],
  [
    'Release checklist',
    'Staging gets the build at noon; production follows after the smoke tests pass.',
    'Rollback instructions live in the runbook under deployment.',
  ],
  [
    'Hiring plan',
    'Two backend engineers join in spring; interviews start next month.',
    'Each candidate meets the team lead, a peer and someone from product.',
  ],
];
/** What changes between the three screenshots of a page, as when someone edits it. */
const EDITS = [[], ['Updated by Sam.'], ['Updated by Sam.', 'Comments are welcome until Friday.']];
const MINUTE = 60_000;

describe('chaptersStage', () => {
  const shots: Shot[] = [];
  let ocr: OcrResult;

  beforeAll(async () => {
    await page.viewport(1280, 900);
    for (const [p, blocks] of PAGES.entries()) {
      for (const [e, edit] of EDITS.entries()) {
        const blob = await screenshotDocument({ name: '', style: STYLE, blocks: [...blocks, ...edit] }, 960);
        shots.push({ name: `screens/${p}${e}.png`, blob, at: (p * 3 + e) * MINUTE });
      }
    }
    ocr = (await ocrStage(stageHarness(shots).ctx)) as OcrResult;
  });

  test('A A A B B B C C C of different pages: chapters start exactly where the page changes', async () => {
    const { ctx, progress } = stageHarness(shots, { ocr });
    const result = (await chaptersStage(ctx)) as ChaptersResult;
    expect(result.chapters.map((c) => [c.firstScreen, c.lastScreen])).toEqual([
      [0, 2],
      [3, 5],
      [6, 8],
    ]);
    expect(result.chapters.map((c) => [c.start, c.end])).toEqual([
      [0, 2 * MINUTE],
      [3 * MINUTE, 5 * MINUTE],
      [6 * MINUTE, 8 * MINUTE],
    ]);
    // Same look: at least one page change is too small for the pictures alone to see.
    const changes = [3, 6].map((i) => result.screens[i]?.distance ?? Infinity);
    expect(Math.min(...changes)).toBeLessThan(CHAPTER_THRESHOLD);
    expect(progress).toHaveLength(9);
  });

  test('titles chapters from their keywords', async () => {
    const result = (await chaptersStage(stageHarness(shots, { ocr }).ctx)) as ChaptersResult;
    expect(result.chapters.map((c) => c.title)).toEqual([
      'Invoice, export, fails',
      'Release, checklist, staging',
      'Hiring, plan, backend',
    ]);
    expect(result.chapters[0]?.keywords.slice(0, 2)).toEqual(['export', 'invoice']);
    for (const chapter of result.chapters) {
      expect(chapter.keywords).toHaveLength(5);
      // Words every page shares ("updated", "sam") do not name a chapter.
      expect(chapter.keywords).not.toContain('sam');
      const titleWords = chapter.title.toLowerCase().split(', ');
      expect(titleWords).toHaveLength(3);
      for (const word of titleWords) expect(chapter.keywords.slice(0, 3)).toContain(word);
    }
  });

  test('without OCR text chapters are titled by number and have no keywords', async () => {
    const result = (await chaptersStage(stageHarness(shots).ctx)) as ChaptersResult;
    expect(result.chapters.map((c) => c.title)).toEqual(result.chapters.map((c) => `Chapter ${c.index + 1}`));
    expect(result.chapters.every((c) => c.keywords.length === 0)).toBe(true);
  });

  test('makes a WebP thumbnail of every screenshot, at most 320 px on its longer side', async () => {
    const result = (await chaptersStage(stageHarness(shots, { ocr }).ctx)) as ChaptersResult;
    expect(result.thumbnails.map((t) => t.mediaId)).toEqual(shots.map((_, i) => `shot-${i}`));
    for (const thumbnail of result.thumbnails) {
      expect([thumbnail.width, thumbnail.height]).toEqual([320, 180]);
      expect(thumbnail.blob.type).toBe('image/webp');
      const bitmap = await createImageBitmap(thumbnail.blob);
      expect([bitmap.width, bitmap.height]).toEqual([320, 180]);
      bitmap.close();
    }
  });

  test('a screenshot over 50 megapixels is skipped with a message and stays in its chapter', async () => {
    const bomb: Shot = { name: 'screens/x.png', blob: await pngClaiming(20_000, 20_000), at: 30_000 };
    const session = [shots[0] as Shot, bomb, shots[1] as Shot, shots[3] as Shot];
    const { ctx, progress } = stageHarness(session, { ocr: { screens: [] } });
    const result = (await chaptersStage(ctx)) as ChaptersResult;
    expect(result.screens[1]).toEqual({
      mediaId: 'shot-1',
      hash: '',
      distance: 0,
      at: 30_000,
      message: 'screens/x.png is 20000×20000 pixels; images over 50 megapixels are skipped.',
    });
    expect(result.screens).toHaveLength(4);
    expect(result.thumbnails.map((t) => t.mediaId)).toEqual(['shot-0', 'shot-2', 'shot-3']);
    expect(result.chapters[0]).toMatchObject({ firstScreen: 0 });
    expect(result.chapters.flatMap((c) => [c.firstScreen, c.lastScreen])).not.toContain(undefined);
    expect(progress).toHaveLength(4);
  });
});
