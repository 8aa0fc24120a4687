import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { OcrResult, VideoStageResult } from '../../src/shared/results.ts';
import { latestReadAhead } from '../../workers/ocr/readAhead.ts';
import { spareReaders, tesseract } from '../../workers/ocr/tesseract.ts';
import { SpareSlots } from '../../workers/spareSlots.ts';
import { ScreenReadings } from '../../workers/ocr/screenReadings.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { screenSources } from '../../workers/video/screens.ts';
import { videoStage } from '../../workers/stages/video.ts';
import { makeRecording, type RecordedPage } from '../fixtures/video/makeRecording.ts';
import { videoContext } from '../fixtures/video/videoContext.ts';
import { pause, waitFor } from './fixtures/waitFor.ts';

/** Lines of a page that fill most of the screen, none shared with another page. */
const lines = (topic: string, facts: string[]) => [topic, ...facts.map((fact, i) => `${i + 1}. ${topic} ${fact}`)];
const FACTS = ['starts on Monday morning', 'needs two more reviewers', 'moves the deadline by a week', 'lists open questions', 'waits for legal approval', 'ships behind a flag', 'keeps the old export', 'adds a weekly summary', 'ends with a retrospective'];

/** Four pages, each filling the screen with its own text: each page's first frame is read whole whatever came before. */
const PAGES: RecordedPage[] = [
  { at: 0, lines: lines('Invoice export', FACTS) },
  { at: 9, lines: lines('Release checklist', [...FACTS].reverse()) },
  { at: 21, lines: lines('Hiring plan', FACTS.map((fact) => fact.toUpperCase())) },
  { at: 32, lines: lines('Budget review', FACTS.map((fact) => `${fact} again`)) },
];

/** Counts the calls made to the first (shared) tesseract worker. */
async function countRecognize(): Promise<{ calls: () => number; restore: () => void }> {
  const reader = await tesseract();
  const original = reader.recognize;
  let calls = 0;
  reader.recognize = (...args: Parameters<typeof original>) => {
    calls++;
    return original.apply(reader, args);
  };
  return { calls: () => calls, restore: () => void (reader.recognize = original) };
}

describe('a second tesseract worker reads ahead the frames read whole, when a pool slot is idle', () => {
  let blob: Blob;
  let video: VideoStageResult;
  let restore = () => {};

  beforeAll(async () => {
    blob = await makeRecording({ pages: PAGES, durationSec: 40, container: 'mp4' });
    video = (await videoStage(videoContext('plan.mp4', blob).ctx)) as VideoStageResult;
    // Its reading ahead is not what these tests count: stopped.
    latestReadAhead()?.abort();
    await tesseract();
  }, 240_000);

  afterEach(() => restore());

  /** The OCR stage over a copy of the sampled frames (no read-ahead: all frames queued at once). */
  const readFrames = (idleSlots: number, signal?: AbortSignal) => {
    const { ctx, controller } = videoContext('plan.mp4', blob);
    const run = ocrStage({ ...ctx, spareSlots: new SpareSlots(idleSlots), results: { video: structuredClone(video) }, ...(signal ? { signal } : {}) }) as Promise<OcrResult>;
    return { run, controller };
  };

  test('with an idle slot, frames read whole go to a second worker, the text is that of one reader, and the worker is gone at the end', async () => {
    const counted = await countRecognize();
    restore = counted.restore;
    const before = spareReaders();
    const one = await readFrames(0).run;
    const oneCalls = counted.calls();
    expect(spareReaders()).toEqual(before);

    const two = await readFrames(1).run;
    const twoCalls = counted.calls() - oneCalls;
    console.info(`first reader's tesseract calls: ${oneCalls} alone, ${twoCalls} with a second reader; ${video.videos[0]!.frames.length} frames`);
    expect(two.screens).toEqual(one.screens);
    expect(two.work).toEqual(one.work);
    expect(two.screens.map((screen) => screen.text.split('\n')[0])).toContain('Budget review');
    // The first reader made fewer calls: the second one's whole readings were taken.
    expect(twoCalls).toBeLessThan(oneCalls);
    await waitFor(() => spareReaders().alive === 0, { timeoutMs: 1000, what: 'the second worker to be terminated' });
    expect(spareReaders()).toEqual({ started: before.started + 1, alive: 0, ready: 0 });
  }, 240_000);

  test('with no idle slot, the video and OCR stages never start a second tesseract worker', async () => {
    const before = spareReaders();
    const { ctx } = videoContext('plan.mp4', blob);
    const sampled = (await videoStage({ ...ctx, spareSlots: new SpareSlots(0) })) as VideoStageResult;
    const ocr = (await ocrStage({ ...videoContext('plan.mp4', blob).ctx, results: { video: sampled } })) as OcrResult;
    expect(ocr.screens.length).toBe(sampled.videos[0]!.frames.length);
    expect(spareReaders()).toEqual(before);
  }, 240_000);

  test('cancelling while the second worker reads terminates it, and the first makes no call after the cancel', async () => {
    const counted = await countRecognize();
    restore = counted.restore;
    const before = spareReaders();
    const controller = new AbortController();
    const { run } = readFrames(1, controller.signal);
    const outcome = run.then(
      () => 'done',
      (error: Error) => error.name,
    );
    // Cancelled once the second worker has started: it starts for the first frame it reads.
    await waitFor(() => spareReaders().ready > 0, { timeoutMs: 60_000, intervalMs: 2, what: 'the second worker to start' });
    const callsAtAbort = counted.calls();
    controller.abort();
    expect(await outcome).toBe('AbortError');
    // Terminated in the task after the cancel (wholeReadsAhead.ts stop).
    await waitFor(() => spareReaders().alive === 0, { timeoutMs: 1000, what: 'the second worker to be terminated' });
    expect(spareReaders()).toEqual({ started: before.started + 1, alive: 0, ready: 0 });
    await pause(50);
    // The call under way at the cancel may end (it was counted when it began); none begins after it.
    expect(counted.calls()).toBe(callsAtAbort);
  }, 240_000);

  test('a slot taken back stops the second worker mid-reading, one lent again starts another, and the text is that of one reader', async () => {
    const one = await readFrames(0).run;
    const before = spareReaders();
    const { ctx, controller } = videoContext('plan.mp4', blob);
    const refs = screenSources({ ...ctx, results: { video: structuredClone(video) } });
    const spare = new SpareSlots(1);
    const readings = new ScreenReadings('incremental', controller.signal, spare);
    for (const ref of refs) readings.add(ref);
    readings.close();
    try {
      // Taken back once the second worker is reading a screen ahead of the chain.
      await waitFor(() => (readings.second?.readsBegun ?? 0) > 0 && spareReaders().ready > before.ready, { timeoutMs: 60_000, intervalMs: 2, what: 'the second worker to read ahead' });
      spare.set(0);
      expect(readings.second).toBeNull();
      await waitFor(() => spareReaders().alive === before.alive, { timeoutMs: 1000, what: 'the second worker to be terminated' });
      spare.set(1);
      expect(readings.secondsStarted).toBe(2);
      const screens = await Promise.all(refs.map((ref) => readings.textOf(ref.id)));
      expect(screens).toEqual(one.screens);
    } finally {
      readings.end();
    }
    await waitFor(() => spareReaders().alive === 0, { timeoutMs: 1000, what: 'the second workers to be gone' });
  }, 240_000);
});
