// npm run eval — the real OCR and chapters stages on the corpus, in headless Chromium, scored.
// Stages are called as the browser tests call them (tests/browser/fixtures/stageHarness.ts):
// in the page, with tesseract in its own real worker.
import { expect, inject, test } from 'vitest';
import { commands } from 'vitest/browser';
import type { ChaptersResult, OcrResult } from '../../src/shared/results.ts';
import { chaptersStage } from '../../workers/stages/chapters.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { stageHarness, type Shot } from '../../tests/browser/fixtures/stageHarness.ts';
import type { Corpus } from './corpus.ts';
import { boundaryScore, wordCounts } from './score.ts';

const BASE = '/eval/.corpus/';
/** Relative to the project root, where vitest's file commands start. */
const RESULTS = 'eval/.corpus/results.json';

async function load(path: string): Promise<Response> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}. Run npm run eval:corpus first.`);
  return response;
}

/** OCR texts of an earlier run, when EVAL_OCR=reuse: for trying chapter rules without re-reading. */
async function earlierOcr(): Promise<Record<string, string[]> | null> {
  if (!inject('reuseOcr')) return null;
  const earlier = JSON.parse(await commands.readFile(RESULTS)) as { series: Array<{ id: string; shots: Array<{ ocr: string }> }> };
  return Object.fromEntries(earlier.series.map((s) => [s.id, s.shots.map((shot) => shot.ocr)]));
}

test('scores OCR and chapters on the corpus', async () => {
  const corpus = (await (await load(`${BASE}corpus.json`)).json()) as Corpus;
  const reuse = await earlierOcr();
  // EVAL_SERIES=a,b scores only those series: for trying an OCR change on the shots it affects.
  const only = inject('series') ? new Set(inject('series').split(',')) : null;
  const series = [];
  for (const s of corpus.series.filter((x) => !only || only.has(x.id))) {
    const shots: Shot[] = [];
    for (const shot of s.shots) {
      const blob = await (await load(`${BASE}${s.id}/${shot.file}`)).blob();
      shots.push({ name: `${s.id}/${shot.file}`, blob: new Blob([blob], { type: 'image/png' }), at: shot.at });
    }
    const texts = reuse?.[s.id];
    // Wall time of each shot's reading, from one progress call to the next (the stage moves it once per shot).
    const ocrMs: number[] = [];
    let lastTick = performance.now();
    const tick = () => {
      const now = performance.now();
      ocrMs.push(Math.round(now - lastTick));
      lastTick = now;
    };
    const ocr: OcrResult = texts
      ? { screens: texts.map((text, i) => ({ mediaId: `shot-${i}`, text, confidence: 0 })) }
      : ((await ocrStage({ ...stageHarness(shots).ctx, progress: tick, params: inject('fullOcr') ? { ocr: 'full' } : {} })) as OcrResult);
    const chapters = (await chaptersStage(stageHarness(shots, { ocr }).ctx)) as ChaptersResult;
    const starts = chapters.chapters.map((c) => c.firstScreen);
    const truth = s.shots.flatMap((shot, i) => (shot.boundary ? [i] : []));
    const score = boundaryScore(truth, starts);
    console.info(`${s.id}: boundaries P ${score.precision.toFixed(2)} R ${score.recall.toFixed(2)} F1 ${score.f1.toFixed(2)} (true ${truth.join(',')}; found ${starts.slice(1).join(',')})`);
    series.push({
      id: s.id,
      ...(texts ? {} : { work: ocr.work }),
      scale: s.scale,
      truth,
      starts,
      boundaries: score,
      shots: s.shots.map((shot, i) => ({
        app: shot.app,
        doc: shot.doc,
        distance: chapters.screens[i]?.distance ?? null,
        ocr: ocr.screens[i]?.text ?? '',
        ocrMs: texts ? null : (ocrMs[i] ?? null),
        words: wordCounts(shot.full, shot.partial, ocr.screens[i]?.text ?? ''),
      })),
    });
  }
  await commands.writeFile(RESULTS, JSON.stringify({ ocrReused: reuse !== null, series }, null, 1));
  expect(series.length).toBeGreaterThan(0);
});

declare module 'vitest' {
  export interface ProvidedContext {
    reuseOcr: boolean;
    /** EVAL_OCR=full: every screen read whole, as before incremental reading. */
    fullOcr: boolean;
    series: string;
  }
}
