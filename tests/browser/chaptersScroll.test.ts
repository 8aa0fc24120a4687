import { beforeAll, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import type { ChaptersResult, OcrResult } from '../../src/shared/results.ts';
import { chaptersStage } from '../../workers/stages/chapters.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { appPage } from '../../eval/corpus/apps.mjs';
import idbReadme from '../../node_modules/idb/README.md?raw';
import comlinkReadme from '../../node_modules/comlink/README.md?raw';
import minisearchReadme from '../../node_modules/minisearch/README.md?raw';
import { stageHarness, type Shot } from './fixtures/stageHarness.ts';

/** Real READMEs, shown in the corpus's apps (eval/corpus/apps.mjs): the regression guard of `npm run eval`. */
const DOCS = [
  { id: 'idb', title: 'idb', file: 'README.md', kind: 'markdown', text: idbReadme },
  { id: 'comlink', title: 'comlink', file: 'README.md', kind: 'markdown', text: comlinkReadme },
  { id: 'minisearch', title: 'minisearch', file: 'README.md', kind: 'markdown', text: minisearchReadme },
];
/** [app, document, scroll offset in CSS pixels]: 420 px steps leave about a third of the view shared. */
const PLAN: Array<[string, string, number]> = [
  ['docs-light', 'idb', 0],
  ['docs-light', 'idb', 420],
  ['docs-light', 'idb', 840],
  ['docs-light', 'comlink', 0],
  ['docs-light', 'comlink', 420],
  ['editor', 'minisearch', 300],
  ['editor', 'minisearch', 720],
  ['docs-light', 'idb', 840],
];
/** Where the plan changes document or app; scrolling is not a chapter. */
const CHAPTER_STARTS = [0, 3, 5, 7];
const MINUTE = 60_000;

/** Screenshot of `app` showing `docId` scrolled to `top`, 1280×720, in an iframe of the test page. */
async function shoot(app: string, docId: string, top: number): Promise<Blob> {
  const doc = DOCS.find((d) => d.id === docId);
  if (!doc) throw new Error(`No document ${docId}`);
  const frame = document.createElement('iframe');
  frame.setAttribute('style', 'width:1280px;height:720px;border:0;display:block');
  frame.srcdoc = appPage(app, doc, DOCS);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  try {
    await loaded;
    const inner = frame.contentDocument;
    if (!inner) throw new Error('No document in the iframe');
    await inner.fonts.ready;
    const scroller = inner.getElementById('scroller');
    if (scroller) scroller.scrollTop = top;
    const base64 = await page.screenshot({ element: frame, save: false });
    return new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
  } finally {
    frame.remove();
  }
}

describe('chaptersStage on scrolled real documents', () => {
  const shots: Shot[] = [];
  let ocr: OcrResult;

  beforeAll(async () => {
    await page.viewport(1280, 760);
    for (const [i, [app, docId, top]] of PLAN.entries()) {
      shots.push({ name: `screens/${i}.png`, blob: await shoot(app, docId, top), at: i * MINUTE });
    }
    ocr = (await ocrStage(stageHarness(shots).ctx)) as OcrResult;
  }, 120_000);

  test('a chapter starts at each new document, app or return, never at a scroll', async () => {
    const result = (await chaptersStage(stageHarness(shots, { ocr }).ctx)) as ChaptersResult;
    expect(result.chapters.map((c) => c.firstScreen)).toEqual(CHAPTER_STARTS);
  });
});
