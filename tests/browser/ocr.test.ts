import { afterEach, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { openEnricherDb } from '../../src/shared/db.ts';
import type { RunRequest } from '../../src/shared/protocol.ts';
import type { OcrResult } from '../../src/shared/results.ts';
import { linesOf } from '../../src/shared/screenLines.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { WorkerPool } from '../../src/pool/workerPool.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { mulberry32 } from '../../workers/samples/random.ts';
import { LAYOUT_NAMES, drawScreen, sceneLook } from '../../workers/samples/screens.ts';
import { workLine } from '../../workers/samples/words.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { DOCUMENTS, screenshotDocument, wordRecall } from './fixtures/documents.ts';
import { drawnPng, notAnImage, pngClaiming } from './fixtures/images.ts';
import { uniqueDbName } from './fixtures/sessions.ts';
import { waitFor } from './fixtures/waitFor.ts';
import { stageHarness, type Shot } from './fixtures/stageHarness.ts';

/** Words of the expected text found in the OCR text, over all screenshots. */
function recall(expected: string[], result: OcrResult): number {
  let found = 0;
  let total = 0;
  for (const [i, text] of expected.entries()) {
    const counts = wordRecall(text, result.screens[i]?.text ?? '');
    found += counts.found;
    total += counts.total;
  }
  return found / total;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the stage to fail');
}

/** One sample-style screen per layout, with the text drawn on it. */
async function sampleScreens(): Promise<{ shots: Shot[]; texts: string[] }> {
  const random = mulberry32(7);
  const shots: Shot[] = [];
  const texts: string[] = [];
  for (const layout of LAYOUT_NAMES) {
    const heading = workLine(random);
    const lines = Array.from({ length: 7 }, () => workLine(random));
    shots.push({ name: `${layout}.png`, blob: await drawScreen(sceneLook(random, layout), heading, lines) });
    texts.push([heading, ...lines].join('\n'));
  }
  return { shots, texts };
}

/** Small one-line screenshots: quick to read where what is measured is not accuracy. */
async function lines(texts: string[]): Promise<Shot[]> {
  return Promise.all(texts.map(async (text, i) => ({ name: `line-${i}.png`, blob: await drawnPng(480, 120, text) })));
}

describe('ocrStage', () => {
  test('reads screenshots of rendered documents with at least 95% word recall', async () => {
    await page.viewport(1280, 900);
    const shots: Shot[] = [];
    for (const doc of DOCUMENTS) shots.push({ name: doc.name, blob: await screenshotDocument(doc) });
    const result = (await ocrStage(stageHarness(shots).ctx)) as OcrResult;
    const measured = recall(
      DOCUMENTS.map((doc) => doc.blocks.join('\n')),
      result,
    );
    console.info(`OCR word recall on ${DOCUMENTS.length} rendered documents: ${(measured * 100).toFixed(1)}%`);
    expect(measured).toBeGreaterThanOrEqual(0.95);
    expect(result.screens.map((screen) => screen.mediaId)).toEqual(['shot-0', 'shot-1', 'shot-2', 'shot-3']);
    for (const screen of result.screens) {
      expect(screen.message).toBeUndefined();
      expect(screen.confidence).toBeGreaterThan(70);
      expect(screen.confidence).toBeLessThanOrEqual(100);
    }
  });

  test('reads the sample screens of every layout with at least 95% word recall', async () => {
    const { shots, texts } = await sampleScreens();
    const result = (await ocrStage(stageHarness(shots).ctx)) as OcrResult;
    const measured = recall(texts, result);
    console.info(`OCR word recall on ${shots.length} sample screens: ${(measured * 100).toFixed(1)}%`);
    expect(measured).toBeGreaterThanOrEqual(0.95);
  });

  test('keeps each word with the box it was drawn in, in the screenshot\'s pixels', async () => {
    // Two words at known places on a known canvas: a box off by a line or a column fails.
    const canvas = new OffscreenCanvas(640, 240);
    const draw = canvas.getContext('2d')!;
    draw.fillStyle = '#ffffff';
    draw.fillRect(0, 0, 640, 240);
    draw.fillStyle = '#111111';
    draw.font = '32px sans-serif';
    draw.textBaseline = 'top';
    draw.fillText('Quarterly', 40, 30);
    const invoiceLeft = 360;
    draw.fillText('invoice', invoiceLeft, 150);
    const invoiceWidth = draw.measureText('invoice').width;
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const result = (await ocrStage(stageHarness([{ name: 'words.png', blob }]).ctx)) as OcrResult;
    const lines = linesOf(result.screens[0]!)!;
    expect(lines.map((line) => line.text)).toEqual(['Quarterly', 'invoice']);
    const word = lines[1]!.words[0]!;
    expect(word.text).toBe('invoice');
    // Within a few pixels of where it was drawn (glyph bounds sit inside the text's em box).
    expect(Math.abs(word.box.left - invoiceLeft)).toBeLessThanOrEqual(4);
    expect(Math.abs(word.box.left + word.box.width - (invoiceLeft + invoiceWidth))).toBeLessThanOrEqual(4);
    expect(word.box.top).toBeGreaterThanOrEqual(148);
    expect(word.box.top + word.box.height).toBeLessThanOrEqual(150 + 40);
    expect(lines[0]!.box.top + lines[0]!.box.height).toBeLessThan(80);
    expect(word.confidence).toBeGreaterThan(70);
  });

  test('a screenshot whose pixels were seen before in the session is not read again', async () => {
    const budget = await drawnPng(480, 120, 'Budget review');
    // The same picture from another file: a copy of its bytes.
    const copy = new Blob([await budget.arrayBuffer()], { type: 'image/png' });
    const shots = [
      { name: 'budget.png', blob: budget },
      { name: 'release.png', blob: await drawnPng(480, 120, 'Release plan') },
      { name: 'budget-again.png', blob: copy },
    ];
    const result = (await ocrStage(stageHarness(shots).ctx)) as OcrResult;
    expect(result.screens.map((screen) => screen.text)).toEqual(['Budget review', 'Release plan', 'Budget review']);
    expect(linesOf(result.screens[2]!)).toEqual(linesOf(result.screens[0]!));
    expect(linesOf(result.screens[0]!)).toBeDefined();
    expect(result.work?.copied).toBe(1);
    expect(result.work?.calls).toBeLessThanOrEqual(2);
  });

  test('reports progress once per screenshot, ending at 1', async () => {
    const { ctx, progress } = stageHarness(await lines(['Budget review', 'Release plan', 'Hiring plan']));
    await ocrStage(ctx);
    expect(progress).toEqual([1 / 3, 2 / 3, 1]);
  });

  test('a screenshot over 50 megapixels, not an image or cut short gets a message; the others are read', async () => {
    const budget = await drawnPng(480, 120, 'Budget review');
    const shots: Shot[] = [
      { name: 'screens/x.png', blob: await pngClaiming(20_000, 20_000) },
      { name: 'screens/budget.png', blob: budget },
      { name: 'screens/broken.png', blob: notAnImage() },
      { name: 'screens/cut.png', blob: budget.slice(0, budget.size / 2, 'image/png') },
      { name: 'screens/again.png', blob: budget },
    ];
    const { ctx, progress } = stageHarness(shots);
    const result = (await ocrStage(ctx)) as OcrResult;
    expect(result.screens[0]).toEqual({
      mediaId: 'shot-0',
      text: '',
      confidence: 0,
      message: 'screens/x.png is 20000×20000 pixels; images over 50 megapixels are skipped.',
    });
    expect(result.screens[1]?.text).toBe('Budget review');
    expect(result.screens[1]?.message).toBeUndefined();
    expect(result.screens[2]?.message).toBe('screens/broken.png is not a picture this app can read: it does not start as a PNG, JPEG or WebP file does.');
    expect(result.screens[3]?.message).toBe('screens/cut.png is damaged: its picture data could not be decoded.');
    expect(result.screens[4]?.text).toBe('Budget review');
    expect(progress).toHaveLength(5);
  });

  test('stops with an AbortError once the signal is aborted, before or between screenshots', async () => {
    const shots = await lines(['Budget review', 'Release plan']);
    const before = stageHarness(shots);
    before.controller.abort();
    expect((await rejection(ocrStage(before.ctx))).name).toBe('AbortError');
    expect(before.progress).toEqual([]);

    const midway = stageHarness(shots);
    midway.ctx.progress = (fraction) => {
      midway.progress.push(fraction);
      midway.controller.abort();
    };
    expect((await rejection(ocrStage(midway.ctx))).name).toBe('AbortError');
    expect(midway.progress).toEqual([0.5]);
  });
});

describe('tesseract in a pool worker', () => {
  let cleanup: () => Promise<void> = async () => {};
  afterEach(() => cleanup());

  test('one tesseract worker per pool worker, started once and reused by the next job', async () => {
    const dbName = uniqueDbName();
    const db = await openEnricherDb(dbName);
    const pool = new WorkerPool({
      size: 1,
      createWorker: () =>
        new Worker(new URL('./fixtures/ocr.worker.ts', import.meta.url), { type: 'module', name: 'ocr-pool' }),
    });
    cleanup = async () => {
      pool.terminate();
      db.close();
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(dbName);
        request.onsuccess = request.onerror = request.onblocked = resolve;
      });
    };
    const texts = ['Budget review', 'Release plan'];
    const shots = await lines(texts);
    const media = shots.map((shot, i) => ({ id: `m${i}`, sessionId: 'ocr-session', blob: shot.blob }));
    const session: SessionRecord = {
      id: 'ocr-session',
      title: 'OCR session',
      source: 'import',
      startedAt: null,
      endedAt: null,
      notes: '',
      tags: [],
      screenshots: media.map((m, i) => ({ id: m.id, name: shots[i]?.name ?? '', kind: 'image', type: 'image/png', size: m.blob.size, at: null })),
      audio: [],
      transcript: null,
      importedAt: Date.now(),
      warnings: [],
    };
    await new SessionStore(db).add(session, media);

    const progress: string[] = [];
    const run = (jobId: string) => {
      const request: RunRequest = { jobId, sessionId: session.id, attempt: 1, dbName, stages: ['ocr', 'tesseract-starts'], skip: {} };
      return pool.run({
        request,
        timeoutMs: 60_000,
        onProgress: (job, stage) => stage === 'ocr' && progress.push(job),
      });
    };
    const first = await run('job-1');
    const second = await run('job-2');

    for (const response of [first, second]) {
      const ocr = response.outcomes.ocr;
      expect(ocr?.status).toBe('done');
      const result = (ocr as { result: OcrResult }).result;
      expect(result.screens.map((screen) => screen.text)).toEqual(texts);
      expect(response.outcomes['tesseract-starts']).toMatchObject({ status: 'done', result: 1 });
    }
    // Progress crosses on its own channel and may trail the response. The first job outlasts one
    // progress interval (it starts tesseract); the second may not, and then says nothing.
    await waitFor(() => progress.includes('job-1'), { what: 'progress of the first job' });
  });
});
