// npm run eval — the real video, OCR and chapters stages on the corpus's screen recordings, in
// headless Chromium, called as the browser tests call them (tests/fixtures/video/videoContext.ts):
// chapter starts scored by time against the plan's, and the wall time taken against each length.
import { expect, inject, test } from 'vitest';
import { commands } from 'vitest/browser';
import type { ChaptersResult, OcrResult, VideoStageResult } from '../../src/shared/results.ts';
import { chaptersStage } from '../../workers/stages/chapters.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { videoStage } from '../../workers/stages/video.ts';
import { latestReadAhead } from '../../workers/ocr/readAhead.ts';
import { SpareSlots } from '../../workers/spareSlots.ts';
import { videoContext } from '../../tests/fixtures/video/videoContext.ts';
import type { Corpus } from './corpus.ts';
import { BOUNDARY_TOLERANCE_SEC, timedBoundaryScore } from './timedScore.ts';

const BASE = '/eval/.corpus/';
/** Relative to the project root, where vitest's file commands start. */
const RESULTS = 'eval/.corpus/recording-results.json';
const START = Date.UTC(2026, 10, 20, 9);

async function load(path: string): Promise<Response> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}. Run npm run eval:corpus first.`);
  return response;
}

interface EarlierOcr {
  texts: Record<string, string>;
  seconds: number;
}

/**
 * OCR texts of an earlier run by frame id, and the seconds OCR took then, when EVAL_OCR=reuse:
 * for trying chapter rules without re-reading. Used only when the frames are the same.
 */
async function earlierOcr(): Promise<Record<string, EarlierOcr> | null> {
  if (!inject('reuseOcr')) return null;
  const earlier = JSON.parse(await commands.readFile(RESULTS)) as {
    recordings: Array<{ id: string; seconds: { ocr: number }; frames: Array<{ id: string; ocr: string }> }>;
  };
  return Object.fromEntries(earlier.recordings.map((r) => [r.id, { texts: Object.fromEntries(r.frames.map((f) => [f.id, f.ocr])), seconds: r.seconds.ocr }]));
}

test('scores chapters on the screen recordings, and the time they take', async () => {
  const corpus = (await (await load(`${BASE}corpus.json`)).json()) as Corpus;
  const reuse = await earlierOcr();
  const only = inject('recordings') ? new Set(inject('recordings').split(',')) : null;
  // As when the job has the machine to itself (or not): RunRequest.idleSlots, kept for the whole run.
  const idleSlots = inject('idleSlots') ?? 0;
  const recordings = [];
  for (const r of (corpus.recordings ?? []).filter((x) => !only || only.has(x.id))) {
    const bytes = await (await load(`${BASE}recordings/${r.file}`)).blob();
    const blob = new Blob([bytes], { type: r.file.endsWith('.webm') ? 'video/webm' : 'video/mp4' });
    const began = performance.now();
    const video = (await videoStage({ ...videoContext(r.file, blob, START).ctx, spareSlots: new SpareSlots(idleSlots) })) as VideoStageResult;
    const sampled = performance.now();
    const second = latestReadAhead()?.readings.second ?? null;
    const frames = video.videos[0]?.frames ?? [];
    const earlier = reuse?.[r.id];
    const reused = earlier !== undefined && frames.every((f) => f.id in earlier.texts);
    const ocr: OcrResult = reused
      ? { screens: frames.map((f) => ({ mediaId: f.id, text: earlier.texts[f.id]!, confidence: 0 })) }
      : ((await ocrStage({ ...videoContext(r.file, blob, START).ctx, spareSlots: new SpareSlots(idleSlots), results: { video } })) as OcrResult);
    const ocrSec = reused ? earlier.seconds : (performance.now() - sampled) / 1000;
    const read = performance.now();
    const chapters = (await chaptersStage({ ...videoContext(r.file, blob, START).ctx, results: { video, ocr } })) as ChaptersResult;
    const ended = performance.now();
    const found = chapters.chapters.slice(1).map((c) => c.startSec ?? 0);
    const truth = r.boundaries.map((b) => b.timeSec);
    const score = timedBoundaryScore(truth, found, BOUNDARY_TOLERANCE_SEC);
    const seconds = { video: (sampled - began) / 1000, ocr: ocrSec, chapters: (ended - read) / 1000, total: 0 };
    seconds.total = seconds.video + seconds.ocr + seconds.chapters;
    console.info(
      `${r.id}: P ${score.precision.toFixed(2)} R ${score.recall.toFixed(2)} F1 ${score.f1.toFixed(2)} (true ${truth.join(', ')}; found ${found.map((t) => t.toFixed(1)).join(', ')}); ` +
        `${frames.length} frames, ${seconds.total.toFixed(0)} s for ${r.durationSec} s`,
    );
    const ocrText = new Map(ocr.screens.map((s) => [s.mediaId, s.text]));
    recordings.push({
      id: r.id,
      codec: r.codec,
      width: r.width,
      height: r.height,
      durationSec: r.durationSec,
      truth,
      found,
      boundaries: score,
      seconds,
      ocrReused: reused,
      idleSlots,
      // Whole readings the second tesseract worker began (taken when the chain's plan said full).
      secondReads: second?.readsBegun ?? 0,
      work: ocr.work ?? null,
      frames: frames.map((f, i) => ({ id: f.id, timeSec: f.timeSec, reason: f.reason, distance: chapters.screens[i]?.distance ?? null, ocr: ocrText.get(f.id) ?? '' })),
    });
    // After each recording: on a busy machine a run is long, and what is done is kept.
    await commands.writeFile(RESULTS, JSON.stringify({ toleranceSec: BOUNDARY_TOLERANCE_SEC, recordings }, null, 1));
  }
  expect(recordings.length).toBeGreaterThan(0);
});

declare module 'vitest' {
  export interface ProvidedContext {
    /** EVAL_RECORDINGS=a,b scores only those recordings. */
    recordings: string;
    /** EVAL_IDLE_SLOTS: pool slots idle beside the job (RunRequest.idleSlots). */
    idleSlots: number;
  }
}
