import { beforeAll, describe, expect, test } from 'vitest';
import type { OcrResult, ScreenText, VideoStageResult } from '../../src/shared/results.ts';
import { linesOf } from '../../src/shared/screenLines.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { videoStage } from '../../workers/stages/video.ts';
import { videoContext } from '../fixtures/video/videoContext.ts';
import { makeScrollingRecording, pageLines, pageMetrics, scrollAt, type ScrollShape } from '../fixtures/video/scrollingRecording.ts';
import { wordRecall } from './fixtures/documents.ts';

/** 24 s of a 720p page scrolling at 100 px/s: the video stage keeps a frame about every 0.4 screen of scroll. */
const SHAPE: ScrollShape = { durationSec: 24, fps: 5, width: 1280, height: 720, pxPerSec: 100, seed: 16 };

/** The lines wholly on screen at `t` seconds, as the recording drew them. */
function visibleLines(t: number): string[] {
  const { bar, pitch, font, margin } = pageMetrics(SHAPE.height);
  const offset = scrollAt(SHAPE, t);
  return pageLines(SHAPE.seed, 200).filter((_, i) => {
    const baseline = bar + margin + i * pitch - offset;
    return baseline - font >= bar && baseline + font / 2 <= SHAPE.height;
  });
}

const words = (screen: ScreenText) => (linesOf(screen) ?? []).flatMap((line) => line.words);

describe('ocrStage on a scrolling recording', () => {
  let video: VideoStageResult;
  let incremental: OcrResult;
  let full: OcrResult;

  beforeAll(async () => {
    const blob = await makeScrollingRecording(SHAPE);
    video = (await videoStage(videoContext('scroll.mp4', blob).ctx)) as VideoStageResult;
    const read = (params: Record<string, unknown>) => {
      const { ctx } = videoContext('scroll.mp4', blob);
      return ocrStage({ ...ctx, params, results: { video } }) as Promise<OcrResult>;
    };
    incremental = await read({});
    full = await read({ ocr: 'full' });
  }, 240_000);

  test('reads only the bands a scroll reveals, not whole frames', () => {
    const frames = video.videos[0]!.frames.filter((frame) => !frame.repeatOf).length;
    expect(frames).toBeGreaterThanOrEqual(6);
    expect(full.work).toMatchObject({ fullReads: frames, bandReads: 0 });
    const work = incremental.work!;
    console.info(`${frames} frames: ${work.fullReads} read whole, ${work.bandReads} in bands, ${work.copied} copied; ${work.fullFrameEquivalents.toFixed(2)} full-frame equivalents`);
    // The first frame, and perhaps one more, whole; the rest in bands of about 0.4 screen.
    expect(work.fullReads).toBeLessThanOrEqual(2);
    expect(work.bandReads).toBeGreaterThanOrEqual(frames - 3);
    expect(work.fullFrameEquivalents).toBeLessThan(frames * 0.6);
  });

  test('a frame about every 0.4 screen of scroll, and no line that was on screen is missed', () => {
    const frames = video.videos[0]!.frames;
    const steps = frames.slice(1).map((frame, i) => scrollAt(SHAPE, frame.timeSec) - scrollAt(SHAPE, frames[i]!.timeSec));
    console.info(`${frames.length} frames at ${frames.map((f) => f.timeSec.toFixed(1)).join(', ')} s; scrolled between them ${steps.join(', ')} px`);
    // Never more than a screen apart (nothing skipped); at every probe was 50 px (26 frames).
    expect(Math.max(...steps)).toBeLessThan(SHAPE.height * 0.5);
    expect(frames.length).toBeLessThanOrEqual(14);
    // Every line wholly on screen at any moment of the recording is in the text of some kept frame.
    const shown = new Set<string>();
    for (let t = 0; t <= SHAPE.durationSec; t += 1 / SHAPE.fps) for (const line of visibleLines(t)) shown.add(line);
    const read = incremental.screens.map((screen) => screen.text).join('\n');
    const recall = wordRecall([...shown].join('\n'), read);
    console.info(`Lines shown ${shown.size}; words of them read in some frame ${recall.found} of ${recall.total}`);
    expect(recall.found / recall.total).toBeGreaterThanOrEqual(0.97);
    // The page's last lines, reached as the recording ends mid-scroll, are read too.
    const end = wordRecall(visibleLines(SHAPE.durationSec - 0.2).join('\n'), read);
    expect(end.found / end.total).toBeGreaterThanOrEqual(0.9);
  });

  test('every frame\'s spliced text holds the words on screen, as full-frame OCR does', () => {
    const frames = video.videos[0]!.frames;
    let found = 0;
    let total = 0;
    let fullFound = 0;
    for (const [i, frame] of frames.entries()) {
      const expected = visibleLines(frame.timeSec).join('\n');
      const spliced = wordRecall(expected, incremental.screens[i]!.text);
      const whole = wordRecall(expected, full.screens[i]!.text);
      // Frame by frame, so that one bad splice cannot hide in the total.
      expect(spliced.found / spliced.total, `frame at ${frame.timeSec} s`).toBeGreaterThanOrEqual(0.9);
      found += spliced.found;
      total += spliced.total;
      fullFound += whole.found;
    }
    console.info(`Word recall over ${frames.length} frames: spliced ${((found / total) * 100).toFixed(1)}%, full frames ${((fullFound / total) * 100).toFixed(1)}%`);
    expect(found / total).toBeGreaterThanOrEqual(0.97);
    expect(found / total).toBeGreaterThanOrEqual(fullFound / total - 0.01);
  });

  test('every spliced word\'s box is where full-frame OCR finds that word in that frame', () => {
    let matched = 0;
    let total = 0;
    for (const [i, screen] of incremental.screens.entries()) {
      const reference = words(full.screens[i]!);
      // Words the full frame read too (a band may read the title bar, which the full frame misses).
      for (const word of words(screen).filter((w) => reference.some((other) => other.text === w.text))) {
        total++;
        const near = reference.some(
          (other) => other.text === word.text && Math.abs(other.box.top - word.box.top) <= 4 && Math.abs(other.box.left - word.box.left) <= 4,
        );
        if (near) matched++;
      }
      // Full-frame coordinates: nothing above the frame or below it.
      for (const word of words(screen)) {
        expect(word.box.top).toBeGreaterThanOrEqual(0);
        expect(word.box.top + word.box.height).toBeLessThanOrEqual(SHAPE.height);
      }
    }
    console.info(`${matched} of ${total} spliced words within 4 px of the same word read in the full frame`);
    expect(matched / total).toBeGreaterThanOrEqual(0.95);
  });
});
