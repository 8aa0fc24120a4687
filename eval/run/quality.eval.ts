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

/**
 * Where a run's results go: RESULTS for one engine; with EVAL_OCR_ENGINES=tesseract,ppocr each
 * engine reads every series in turn (so both see the same load) and its results go to
 * eval/.corpus/results.ENGINE.json, or EVAL_RESULTS_DIR/results.ENGINE.json.
 */
function resultsPath(engine: string, engines: string[]): string {
  const dir = inject('resultsDir') || 'eval/.corpus/';
  return engines.length === 1 && engine === 'tesseract' && !inject('resultsDir') ? RESULTS : `${dir}results.${engine}.json`;
}

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
  const engines = inject('ocrEngines') ? inject('ocrEngines').split(',') : ['tesseract'];
  const series = new Map<string, unknown[]>(engines.map((engine) => [engine, []]));
  for (const s of corpus.series.filter((x) => !only || only.has(x.id))) {
    const shots: Shot[] = [];
    for (const shot of s.shots) {
      const blob = await (await load(`${BASE}${s.id}/${shot.file}`)).blob();
      shots.push({ name: `${s.id}/${shot.file}`, blob: new Blob([blob], { type: 'image/png' }), at: shot.at });
    }
    for (const engine of engines) {
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
        : ((await ocrStage({ ...stageHarness(shots).ctx, progress: tick, params: { ...(inject('fullOcr') ? { ocr: 'full' } : {}), ocrEngine: engine } })) as OcrResult);
      const chapters = (await chaptersStage(stageHarness(shots, { ocr }).ctx)) as ChaptersResult;
      const starts = chapters.chapters.map((c) => c.firstScreen);
      const truth = s.shots.flatMap((shot, i) => (shot.boundary ? [i] : []));
      const score = boundaryScore(truth, starts);
      console.info(`${s.id} (${engine}): boundaries P ${score.precision.toFixed(2)} R ${score.recall.toFixed(2)} F1 ${score.f1.toFixed(2)} (true ${truth.join(',')}; found ${starts.slice(1).join(',')})`);
      series.get(engine)!.push({
        id: s.id,
        engine,
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
  }
  for (const [engine, list] of series) await commands.writeFile(resultsPath(engine, engines), JSON.stringify({ ocrReused: reuse !== null, engine, series: list }, null, 1));
  expect(series.get(engines[0]!)!.length).toBeGreaterThan(0);
});

/** 1080p frames for timing: shots of the 2× series (2560×1440) scaled to 1920×1080. */
async function frames1080(corpus: Corpus, count: number): Promise<Shot[]> {
  const out: Shot[] = [];
  for (const s of corpus.series.filter((x) => x.scale === 2)) {
    for (const shot of s.shots.slice(0, Math.ceil(count / 2))) {
      const bitmap = await createImageBitmap(await (await load(`${BASE}${s.id}/${shot.file}`)).blob(), { resizeWidth: 1920, resizeHeight: 1080, resizeQuality: 'high' });
      const canvas = new OffscreenCanvas(1920, 1080);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
      bitmap.close();
      out.push({ name: `${s.id}/${shot.file}@1080p`, blob: await canvas.convertToBlob({ type: 'image/png' }), at: shot.at });
    }
  }
  return out.slice(0, count);
}

// With EVAL_OCR_ENGINES: seconds per whole 1080p frame for each engine, frame by frame in turn
// (so both see the same load), after one untimed frame each that loads the engine.
test.runIf(inject('ocrEngines') !== '')('times each engine on whole 1080p frames', async () => {
  const corpus = (await (await load(`${BASE}corpus.json`)).json()) as Corpus;
  const engines = inject('ocrEngines').split(',');
  const frames = await frames1080(corpus, 4);
  const read = (shot: Shot, engine: string) => ocrStage({ ...stageHarness([shot]).ctx, params: { ocr: 'full', ocrEngine: engine } }) as Promise<OcrResult>;
  for (const engine of engines) await read(frames[0]!, engine);
  const ms = new Map<string, number[]>(engines.map((engine) => [engine, []]));
  for (const frame of frames) {
    for (const engine of engines) {
      const started = performance.now();
      await read(frame, engine);
      ms.get(engine)!.push(Math.round(performance.now() - started));
    }
  }
  console.info([...ms].map(([engine, list]) => `${engine}: ${list.join(' ')} ms`).join('\n'));
  await commands.writeFile(`${inject('resultsDir') || 'eval/.corpus/'}frames1080.json`, JSON.stringify({ frames: frames.map((f) => f.name), ms: Object.fromEntries(ms) }, null, 1));
});

declare module 'vitest' {
  export interface ProvidedContext {
    reuseOcr: boolean;
    /** EVAL_OCR=full: every screen read whole, as before incremental reading. */
    fullOcr: boolean;
    series: string;
    /** EVAL_OCR_ENGINES=tesseract,ppocr: the engines to read with, each in turn on every series. */
    ocrEngines: string;
    /** EVAL_RESULTS_DIR: a folder for the results instead of eval/.corpus/ (ends in /). */
    resultsDir: string;
  }
}
