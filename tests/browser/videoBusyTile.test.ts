import { beforeAll, describe, expect, test } from 'vitest';
import type { OcrResult, VideoStageResult } from '../../src/shared/results.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { videoStage } from '../../workers/stages/video.ts';
import { busyPageLines, makeBusyRecording, type BusyShape } from '../fixtures/video/busyRecording.ts';
import { videoContext } from '../fixtures/video/videoContext.ts';
import { wordRecall } from './fixtures/documents.ts';

/** 30 s of a still 720p page beside a webcam-sized tile that changes at every frame; a line typed at 13 s. */
const SHAPE: BusyShape = {
  durationSec: 30,
  fps: 5,
  width: 1280,
  height: 720,
  tileShare: 0.167,
  typedAt: 13,
  typedLine: 'Ticket 4417 moved to the release board',
  seed: 21,
};

describe('the video stage beside a tile that never holds still', () => {
  let video: VideoStageResult;
  let ocr: OcrResult;

  beforeAll(async () => {
    const blob = await makeBusyRecording(SHAPE);
    video = (await videoStage(videoContext('call.mp4', blob).ctx)) as VideoStageResult;
    ocr = (await ocrStage({ ...videoContext('call.mp4', blob).ctx, results: { video } })) as OcrResult;
  }, 240_000);

  test('keeps a frame per interval and per edit, not one at every probe', () => {
    const frames = video.videos[0]!.frames;
    console.info(`${frames.length} frames at ${frames.map((f) => `${f.timeSec.toFixed(1)} ${f.reason}${f.repeatOf ? ' (repeat)' : ''}`).join(', ')}`);
    // Before busy cells were left out: a frame at every 0.5 s probe, 60.
    expect(frames.length).toBeLessThanOrEqual(10);
    // The typed line is kept within a probe of when it appeared, as a change.
    expect(frames.some((f) => f.reason === 'change' && f.timeSec >= SHAPE.typedAt && f.timeSec <= SHAPE.typedAt + 0.6)).toBe(true);
    // Interval frames where only the tile moved repeat the frame before: their text is copied, not read.
    expect(frames.filter((f) => f.repeatOf).length).toBeGreaterThanOrEqual(3);
  });

  test('the page and the typed line are read', () => {
    const text = ocr.screens.map((screen) => screen.text).join('\n');
    const page = wordRecall(busyPageLines(SHAPE).join('\n'), text);
    const typed = wordRecall(SHAPE.typedLine, text);
    console.info(`page words read ${page.found} of ${page.total}; typed line ${typed.found} of ${typed.total}; OCR work ${JSON.stringify(ocr.work)}`);
    expect(page.found / page.total).toBeGreaterThanOrEqual(0.95);
    expect(typed.found / typed.total).toBeGreaterThanOrEqual(0.85);
  });
});
