import { beforeAll, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import type { ChaptersResult, OcrResult, VideoFrameShot, VideoStageResult } from '../../src/shared/results.ts';
import { MIN_VIDEO_CHAPTER_SEC, chaptersStage } from '../../workers/stages/chapters.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { appPage } from '../../eval/corpus/apps.mjs';
import idbReadme from '../../node_modules/idb/README.md?raw';
import comlinkReadme from '../../node_modules/comlink/README.md?raw';
import minisearchReadme from '../../node_modules/minisearch/README.md?raw';
import { stageHarness, type Shot } from './fixtures/stageHarness.ts';

const DOCS = [
  { id: 'idb', title: 'idb', file: 'README.md', kind: 'markdown', text: idbReadme },
  { id: 'comlink', title: 'comlink', file: 'README.md', kind: 'markdown', text: comlinkReadme },
  { id: 'minisearch', title: 'minisearch', file: 'README.md', kind: 'markdown', text: minisearchReadme },
  // comlink's page before its text arrives: the app's bars and sidebar, nothing else.
  { id: 'loading', title: 'comlink', file: 'README.md', kind: 'markdown', text: '' },
];
const START = Date.UTC(2026, 10, 20, 9);

/** 1280×720 screenshot of a blank page, or of `docId` in the docs app (or `app`) scrolled to `top`. */
async function shoot(docId: string | null, top = 0, app: 'docs-light' | 'editor' = 'docs-light'): Promise<Blob> {
  const doc = DOCS.find((d) => d.id === docId);
  const frame = document.createElement('iframe');
  frame.setAttribute('style', 'width:1280px;height:720px;border:0;display:block;background:#fff');
  // The editor's tabs are the documents; its page loading is comlink's tab with no text.
  const html = app === 'editor' && doc?.id === 'loading' ? appPage(app, { ...DOCS[1]!, text: '' }, DOCS.slice(0, 3)) : doc && appPage(app, doc, app === 'editor' ? DOCS.slice(0, 3) : DOCS);
  frame.srcdoc = html ?? '<body style="margin:0;background:#fff"></body>';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  try {
    await loaded;
    await frame.contentDocument?.fonts.ready;
    const scroller = frame.contentDocument?.getElementById('scroller');
    if (scroller) scroller.scrollTop = top;
    const base64 = await page.screenshot({ element: frame, save: false });
    return new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
  } finally {
    frame.remove();
  }
}

/**
 * A recording of someone reading, as the 'video' stage would sample it: a blank first frame,
 * idb scrolled with a pause, a one-second glimpse of minisearch, back to idb, comlink loading,
 * comlink, a blank frame, comlink again. [seconds, document, scroll offset]
 */
const FRAMES: Array<[number, string | null, number]> = [
  [0, null, 0],
  [0.5, 'idb', 0],
  [2, 'idb', 420],
  [4, 'idb', 840],
  [5, 'idb', 840],
  [6, 'minisearch', 0],
  [7, 'idb', 840],
  [8.5, 'loading', 0],
  [9, 'comlink', 0],
  [11, null, 0],
  [11.5, 'comlink', 420],
];
const DURATION = 14;

describe('chaptersStage on a recording with screenshots taken during it', () => {
  let video: VideoStageResult;
  const shots: Shot[] = [];
  let ocr: OcrResult;

  beforeAll(async () => {
    await page.viewport(1280, 760);
    const frames: VideoFrameShot[] = [];
    for (const [timeSec, docId, top] of FRAMES) {
      const blob = await shoot(docId, top);
      const ms = Math.round(timeSec * 1000);
      frames.push({ id: `rec@${ms}`, videoId: 'rec', timeSec, at: START + ms, reason: 'change', blob, width: 1280, height: 720 });
    }
    video = { videos: [{ mediaId: 'rec', name: 'rec.webm', durationSec: DURATION, width: 1280, height: 720, codec: 'vp9', hasAudio: false, decodedFrames: 100, frames }] };
    // A screenshot of comlink taken at 10 s, listed before the recording's frames.
    shots.push({ name: 'screens/comlink.png', blob: await shoot('comlink', 200), at: START + 10_000 });
    ocr = (await ocrStage(stageHarness(shots, { video }).ctx)) as OcrResult;
  }, 120_000);

  test('screens in time order; no chapter for a blank frame, a pause or a glimpse under the minimum', async () => {
    const result = (await chaptersStage(stageHarness(shots, { video, ocr }).ctx)) as ChaptersResult;
    expect(result.screens.map((s) => s.mediaId)).toEqual([...FRAMES.slice(0, 9).map(([t]) => `rec@${t * 1000}`), 'shot-0', 'rec@11000', 'rec@11500']);
    // idb from the (blank) first frame, comlink once its text is there (9 s). The glimpse of
    // minisearch (6–7 s), the return to idb (7–8.5 s) and the loading page last under
    // MIN_VIDEO_CHAPTER_SEC: they join the idb chapter.
    expect(MIN_VIDEO_CHAPTER_SEC).toBeGreaterThan(2);
    expect(result.chapters.map((c) => [c.firstScreen, c.startSec, c.endSec])).toEqual([
      [0, 0, 9],
      [8, 9, DURATION],
    ]);
  });
});

describe('chaptersStage on a recording that starts blank and loading', () => {
  test('the blank first frame and the loading page join the first document’s chapter', async () => {
    await page.viewport(1280, 760);
    // [seconds, document, scroll offset]: blank, idb's app loading, idb scrolled, then comlink.
    const plan: Array<[number, string | null, number]> = [
      [0, null, 0],
      [1, 'loading', 0],
      [1.5, 'idb', 0],
      [3, 'idb', 300],
      [6, 'comlink', 0],
      [8, 'comlink', 300],
    ];
    const frames: VideoFrameShot[] = [];
    for (const [timeSec, docId, top] of plan) {
      const ms = Math.round(timeSec * 1000);
      frames.push({ id: `rec@${ms}`, videoId: 'rec', timeSec, at: START + ms, reason: 'change', blob: await shoot(docId, top), width: 1280, height: 720 });
    }
    const video: VideoStageResult = { videos: [{ mediaId: 'rec', name: 'rec.mp4', durationSec: 11, width: 1280, height: 720, codec: 'avc', hasAudio: false, decodedFrames: 55, frames }] };
    // Without OCR, as when the 'ocr' stage is off: the picture alone decides.
    const result = (await chaptersStage(stageHarness([], { video }).ctx)) as ChaptersResult;
    expect(result.chapters.map((c) => [c.firstScreen, c.startSec, c.endSec])).toEqual([
      [0, 0, 6],
      [4, 6, 11],
    ]);
  }, 60_000);
});

describe('chaptersStage on a recording that switches tabs inside an editor', () => {
  test('the switch starts a chapter though the tabs and status bar stay the same', async () => {
    await page.viewport(1280, 760);
    // [seconds, document, scroll offset]: idb scrolled, comlink's tab loading (empty), comlink.
    const plan: Array<[number, string, number]> = [
      [0, 'idb', 0],
      [2, 'idb', 200],
      [4, 'idb', 400],
      [6, 'loading', 0],
      [6.5, 'comlink', 0],
      [9, 'comlink', 200],
    ];
    const frames: VideoFrameShot[] = [];
    for (const [timeSec, docId, top] of plan) {
      const ms = Math.round(timeSec * 1000);
      frames.push({ id: `rec@${ms}`, videoId: 'rec', timeSec, at: START + ms, reason: 'change', blob: await shoot(docId, top, 'editor'), width: 1280, height: 720 });
    }
    const video: VideoStageResult = { videos: [{ mediaId: 'rec', name: 'rec.mp4', durationSec: 12, width: 1280, height: 720, codec: 'avc', hasAudio: false, decodedFrames: 60, frames }] };
    const ocr = (await ocrStage(stageHarness([], { video }).ctx)) as OcrResult;
    const result = (await chaptersStage(stageHarness([], { video, ocr }).ctx)) as ChaptersResult;
    // The empty page (0.5 s) is under MIN_VIDEO_CHAPTER_SEC: comlink's chapter starts with its text.
    expect(result.chapters.map((c) => [c.firstScreen, c.startSec, c.endSec])).toEqual([
      [0, 0, 6.5],
      [4, 6.5, 12],
    ]);
  }, 120_000);
});
