import { describe, expect, test } from 'vitest';
import type { VideoStageResult } from '../../src/shared/results.ts';
import { videoStage } from '../../workers/stages/video.ts';
import { INTERVAL_SEC, PROBE_SEC } from '../../workers/video/frameSampler.ts';
import { makeRecording } from '../fixtures/video/makeRecording.ts';
import { videoContext } from '../fixtures/video/videoContext.ts';

const PAGES = [
  { at: 0, lines: ['Invoice export', 'The invoice export fails for customers with two addresses.'] },
  { at: 7, lines: ['Release checklist', 'Staging gets the build at noon; production follows.'] },
  { at: 14.5, lines: ['Hiring plan', 'Two backend engineers join in spring.'] },
];

describe('video stage: frames sampled with WebCodecs through mediabunny', () => {
  test('a WebM/VP9 recording: a frame every few seconds plus one where the page changes, with timestamps', async () => {
    const blob = await makeRecording({ pages: PAGES, durationSec: 20, container: 'webm' });
    const { ctx, progress, details } = videoContext('demo.webm', blob, 1_000_000);
    const result = (await videoStage(ctx)) as VideoStageResult;
    const [video] = result.videos;
    expect(video?.codec).toBe('vp9');
    expect([video?.width, video?.height]).toEqual([1280, 720]);
    expect(video?.durationSec).toBeGreaterThan(19.5);
    expect(video?.decodedFrames).toBe(100);
    const times = video!.frames.map((f) => f.timeSec);
    // Page changes are caught at the next probe, not at the next interval.
    for (const change of [7, 14.5]) {
      const caught = video!.frames.find((f) => f.timeSec >= change && f.timeSec <= change + PROBE_SEC);
      expect(caught, `a frame within ${PROBE_SEC} s after ${change} s (got ${times.join(', ')})`).toBeDefined();
    }
    expect(times[0]).toBe(0);
    // Never a gap longer than the interval, and the blinking caret alone keeps no extra frame.
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(INTERVAL_SEC + 1e-6);
    expect(video!.frames.filter((f) => f.reason === 'change')).toHaveLength(2);
    // Interval frames of a page that only blinks its caret repeat the page's first frame: read once.
    const firsts = video!.frames.filter((f) => f.repeatOf === undefined);
    expect(firsts.map((f) => f.reason)).toEqual(['interval', 'change', 'change']);
    for (const frame of video!.frames.filter((f) => f.repeatOf !== undefined)) {
      expect(frame.repeatOf).toBe(firsts.filter((f) => f.timeSec < frame.timeSec).at(-1)!.id);
    }
    for (const frame of video!.frames) {
      expect(frame.id).toBe(`vid@${Math.round(frame.timeSec * 1000)}`);
      expect(frame.at).toBe(1_000_000 + Math.round(frame.timeSec * 1000));
      expect([frame.width, frame.height]).toEqual([1280, 720]);
      expect(frame.blob.type).toBe('image/png');
    }
    // Progress moves with the seconds processed and ends at 1.
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
    expect(progress.at(-1)).toBe(1);
    // In words, as seconds of video processed: "0:07 of 0:20 of demo.webm".
    expect(details.length).toBeGreaterThan(10);
    for (const detail of details) expect(detail).toMatch(/^0:[0-2]\d of 0:(19|20) of demo\.webm$/);
    expect(details.at(-1)).toMatch(/^0:19 of/);
  });

  test('MKV (VP9), MOV (H.264) and MP4 (H.264) decode the same way', async () => {
    for (const container of ['mkv', 'mov', 'mp4'] as const) {
      const blob = await makeRecording({ pages: PAGES, durationSec: 8, container });
      const result = (await videoStage(videoContext(`demo.${container}`, blob).ctx)) as VideoStageResult;
      const video = result.videos[0]!;
      expect(video.codec, container).toBe(container === 'mkv' ? 'vp9' : 'avc');
      expect(video.decodedFrames, container).toBe(40);
      expect(video.frames.map((f) => [f.timeSec, f.reason]), container).toEqual([
        [0, 'interval'],
        [5, 'interval'],
        [7, 'change'],
      ]);
    }
  });

  test('cancelling stops decoding at once with an AbortError', async () => {
    const blob = await makeRecording({ pages: PAGES, durationSec: 20, container: 'webm' });
    const { ctx, progress, controller } = videoContext('demo.webm', blob);
    const run = videoStage({ ...ctx, progress: (p) => (progress.push(p), p > 0.2 && controller.abort()) });
    const error = await run.catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(Math.max(...progress)).toBeLessThan(0.5);
  });
});
