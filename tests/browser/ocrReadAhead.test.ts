import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ChaptersResult, OcrResult, VideoStageResult } from '../../src/shared/results.ts';
import { picturesStarted } from '../../workers/images/screenPictures.ts';
import { latestReadAhead, type ReadAhead } from '../../workers/ocr/readAhead.ts';
import { tesseract } from '../../workers/ocr/tesseract.ts';
import { chaptersStage } from '../../workers/stages/chapters.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { videoStage } from '../../workers/stages/video.ts';
import { makeRecording, type RecordedPage } from '../fixtures/video/makeRecording.ts';
import { videoContext } from '../fixtures/video/videoContext.ts';

/** 40 s of four pages: about ten kept frames, far more decoded ones, and one page's OCR well under the decoding. */
const PAGES: RecordedPage[] = [
  { at: 0, lines: ['Invoice export', 'The invoice export fails for customers', 'with more than one billing address.'] },
  { at: 9, lines: ['Release checklist', 'Staging gets the build at noon;', 'production follows after smoke tests.'] },
  { at: 21, lines: ['Hiring plan', 'Two backend engineers join in spring;', 'interviews start next month.'] },
  { at: 32, lines: ['Budget review', 'Cloud costs grew by a fifth this quarter;', 'the storage tier moves to cold data.'] },
];

/**
 * Counts the calls made to the (real) tesseract worker, and keeps the last one's promise. Each call
 * reaches tesseract only once `gate` resolves: on an idle machine a frame is read faster than the
 * stage reports progress, so a test that must cancel a reading holds them until it has.
 */
async function countRecognize(gate: Promise<void> = Promise.resolve()): Promise<{ calls: () => number; last: () => Promise<unknown>; restore: () => void }> {
  const reader = await tesseract();
  const original = reader.recognize;
  let calls = 0;
  let last: Promise<unknown> = Promise.resolve();
  reader.recognize = (...args: Parameters<typeof original>) => {
    calls++;
    const call = gate.then(() => original.apply(reader, args));
    last = call.catch(() => {});
    return call;
  };
  return { calls: () => calls, last: () => last, restore: () => void (reader.recognize = original) };
}

describe('OCR of a recording begins while the video stage decodes it', () => {
  let blob: Blob;
  let restore = () => {};

  beforeAll(async () => {
    blob = await makeRecording({ pages: PAGES, durationSec: 40, container: 'mp4' });
    // Started before: the order below is decoding against reading, not against the reader's start.
    await tesseract();
  }, 120_000);

  afterEach(() => restore());

  test('each kept frame goes to OCR as it is kept, the first are read before decoding ends, and OCR and chapters come out as when read afterwards', async () => {
    const { ctx } = videoContext('plan.mp4', blob);
    const seen: Array<{ handed: number; read: number }> = [];
    const progress = () => {
      const readings = latestReadAhead()?.readings;
      seen.push({ handed: readings?.ids.length ?? 0, read: readings?.finished ?? 0 });
    };
    const video = (await videoStage({ ...ctx, progress })) as VideoStageResult;
    const frames = video.videos[0]!.frames;
    expect(frames.length).toBeGreaterThanOrEqual(8);
    const ahead = latestReadAhead()!;
    expect(ahead.readings.ids).toEqual(frames.map((frame) => frame.id));
    // Handed over one by one while decoding went on, not all at the end.
    expect(seen.some(({ handed }) => handed > 0 && handed < frames.length / 2)).toBe(true);
    // A frame's text was there while frames were still being decoded.
    const firstRead = seen.findIndex(({ read }) => read > 0);
    console.info(`${seen.length} progress reports; first frame read at report ${firstRead}, with ${seen[firstRead]?.handed} of ${frames.length} frames kept`);
    expect(firstRead).toBeGreaterThan(-1);
    expect(seen[firstRead]!.handed).toBeLessThan(frames.length);

    const carried = (await ocrStage({ ...ctx, results: { video } })) as OcrResult;
    expect(latestReadAhead()).toBeNull();
    // The same frames with no read-ahead (a stored result, cloned): read from the start by the OCR stage.
    const afterwards = (await ocrStage({ ...videoContext('plan.mp4', blob).ctx, results: { video: structuredClone(video) } })) as OcrResult;
    expect(carried.screens).toEqual(afterwards.screens);
    expect(carried.work).toEqual(afterwards.work);
    expect(carried.screens.map((screen) => screen.text.split('\n')[0])).toContain('Budget review');

    // Meanwhile the chapters stage's pictures of each frame were started; its result is the one made from scratch.
    expect(picturesStarted(frames[0]!.id, frames[0]!.blob)).toBe(true);
    const chapters = (await chaptersStage({ ...ctx, results: { video, ocr: carried } })) as ChaptersResult;
    const fresh = structuredClone(video);
    expect(picturesStarted(frames[0]!.id, fresh.videos[0]!.frames[0]!.blob)).toBe(false);
    const scratch = (await chaptersStage({ ...ctx, results: { video: fresh, ocr: afterwards } })) as ChaptersResult;
    expect(chapters.screens).toEqual(scratch.screens);
    expect(chapters.chapters).toEqual(scratch.chapters);
    expect(chapters.chapters.length).toBe(PAGES.length);
    const sizes = (result: ChaptersResult) => result.thumbnails.map((t) => [t.mediaId, t.width, t.height, t.blob.size]);
    expect(sizes(chapters)).toEqual(sizes(scratch));
  }, 240_000);

  test('cancelling mid-recording stops the decoding and the reading of the frames kept so far', async () => {
    let open = () => {};
    const counted = await countRecognize(new Promise<void>((resolve) => (open = resolve)));
    restore = counted.restore;
    const { ctx, controller } = videoContext('plan.mp4', blob);
    const atAbort: { ahead?: ReadAhead; calls: number } = { calls: 0 };
    const progress = () => {
      const current = latestReadAhead();
      // Once two frames are kept: the first may be under way, the second waits its turn.
      if (controller.signal.aborted || !current || current.readings.ids.length < 2) return;
      atAbort.ahead = current;
      atAbort.calls = counted.calls();
      controller.abort();
      // The call under way goes on to tesseract only now, after the abort.
      open();
    };
    const stopped = await videoStage({ ...ctx, progress }).catch((error: unknown) => error);
    expect((stopped as Error).name).toBe('AbortError');
    const readings = atAbort.ahead!.readings;
    const ids = [...readings.ids];
    const outcomes = await Promise.all(ids.map((id) => readings.textOf(id).then(() => 'read', (error: Error) => error.name)));
    expect(outcomes.at(-1)).toBe('AbortError');
    // The call under way at the abort ends; none starts after it.
    await counted.last();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(counted.calls()).toBe(atAbort.calls);
    expect(readings.ids).toEqual(ids);
    expect(readings.finished).toBeLessThan(ids.length);
  }, 240_000);

  test('a run that does not go on to OCR (its stage skipped, as while its breaker is open) reads no frame ahead', async () => {
    const counted = await countRecognize();
    restore = counted.restore;
    const before = latestReadAhead();
    const { ctx } = videoContext('plan.mp4', blob);
    const video = (await videoStage({ ...ctx, laterStages: ['chapters', 'summary'] })) as VideoStageResult;
    expect(video.videos[0]!.frames.length).toBeGreaterThanOrEqual(8);
    expect(latestReadAhead()).toBe(before);
    expect(counted.calls()).toBe(0);
  }, 240_000);
});
