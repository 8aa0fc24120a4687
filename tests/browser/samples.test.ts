import { beforeAll, describe, expect, test } from 'vitest';
import type { AudioStageResult, ChaptersResult } from '../../src/shared/results.ts';
import { generateSampleSession } from '../../workers/samples/generate.ts';
import type { SampleSession } from '../../workers/samples/types.ts';
import { StageFailure } from '../../workers/stage.ts';
import { audioStage } from '../../workers/stages/audio.ts';
import type { AudioResult as AudioRecordingResult } from '../../src/shared/results.ts';
import { chaptersStage } from '../../workers/stages/chapters.ts';
import { sampleHarness } from './fixtures/stageHarness.ts';

const SEED = 1;
const COUNT = 12;
/** How far a found speech edge may be from the generated one, in seconds. */
const EDGE_TOLERANCE = 0.25;

const harness = sampleHarness;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the stage to fail');
}

async function sameBytes(a: Blob, b: Blob): Promise<boolean> {
  const [x, y] = await Promise.all([a.arrayBuffer(), b.arrayBuffer()]);
  const [u, v] = [new Uint8Array(x), new Uint8Array(y)];
  return u.length === v.length && u.every((byte, i) => byte === v[i]);
}

describe('sample sessions', () => {
  const samples: SampleSession[] = [];

  beforeAll(async () => {
    for (let index = 0; index < COUNT; index++) {
      samples.push(await generateSampleSession(SEED, index));
    }
  });

  test('generateSampleSession() - the same seed gives the same bytes', async () => {
    const again = await generateSampleSession(SEED, 0);
    const first = samples[0] as SampleSession;
    expect(again.title).toBe(first.title);
    expect(again.notes).toBe(first.notes);
    expect(again.expected).toEqual(first.expected);
    expect(again.screenshots).toHaveLength(first.screenshots.length);
    for (const [i, shot] of again.screenshots.entries()) {
      expect(await sameBytes(shot.blob, first.screenshots[i]?.blob ?? new Blob())).toBe(true);
    }
    expect(await sameBytes(again.audio.blob, first.audio.blob)).toBe(true);
    expect((await generateSampleSession(SEED + 1, 0)).notes).not.toBe(first.notes);
  });

  test('generateSampleSession() - sessions have the promised shape', async () => {
    for (const [index, sample] of samples.entries()) {
      expect(sample.startedAt).toBe(Date.UTC(2026, 10, 2, 9) + index * 86_400_000);
      expect(sample.title).toMatch(/^.+ — .+$/);
      expect(sample.tags.length).toBeGreaterThanOrEqual(1);
      expect(sample.tags.length).toBeLessThanOrEqual(3);
      const actions = sample.notes.match(/^(- \[ \] |TODO: |Action: ).+$/gm) ?? [];
      expect(actions.length).toBeGreaterThanOrEqual(2);
      expect(actions.length).toBeLessThanOrEqual(4);
      expect(sample.screenshots.length).toBeGreaterThanOrEqual(6);
      expect(sample.screenshots.length).toBeLessThanOrEqual(9);
      expect(sample.expected.chapterStarts[0]).toBe(0);
      expect(sample.expected.chapterStarts.length).toBeGreaterThanOrEqual(2);
      expect(sample.expected.chapterStarts.length).toBeLessThanOrEqual(4);
      expect(sample.expected.speech.length).toBeGreaterThanOrEqual(4);
      expect(sample.expected.speech.length).toBeLessThanOrEqual(8);
      const times = sample.screenshots.map((shot) => shot.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    const bitmap = await createImageBitmap(samples[0]?.screenshots[0]?.blob ?? new Blob());
    expect([bitmap.width, bitmap.height]).toEqual([1280, 720]);
    bitmap.close();
  });

  test('chaptersStage - finds where every sample changes scene', async () => {
    for (const [index, sample] of samples.entries()) {
      const { ctx, progress } = harness(sample, index);
      const result = (await chaptersStage(ctx)) as ChaptersResult;
      const starts = result.chapters.map((chapter) => chapter.firstScreen);
      expect(starts, `sample ${index}`).toEqual(sample.expected.chapterStarts);
      expect(result.screens).toHaveLength(sample.screenshots.length);
      expect(result.screens[0]?.distance).toBe(0);
      const first = result.chapters[0];
      expect(first?.start).toBe(sample.screenshots[0]?.at);
      expect(result.chapters.at(-1)?.end).toBe(sample.screenshots.at(-1)?.at);
      expect(progress.at(-1)).toBe(1);
      expect(progress).toHaveLength(sample.screenshots.length);
    }
  });

  // The samples' "speech" is a synthetic harmonic buzz (workers/samples/voice.ts) that the voice
  // model was never trained on: the audio stage finds it by loudness, burst by burst.
  test('audioStage - finds every burst of the samples\' synthetic speech within 0.25 s, by loudness', async () => {
    for (const [index, sample] of samples.entries()) {
      const { ctx, progress } = harness(sample, index);
      const warnings: string[] = [];
      const result = (await audioStage({ ...ctx, warn: (message) => void warnings.push(message) })) as AudioStageResult;
      const recording = result.recordings[0];
      expect(result.recordings).toHaveLength(1);
      expect(recording?.detector).toBe('energy');
      expect(warnings).toEqual([]);
      expect(recording?.sampleRate).toBe(16_000);
      expect(recording?.durationSec).toBeGreaterThanOrEqual(20);
      expect(recording?.durationSec).toBeLessThanOrEqual(40);
      const found = recording?.segments ?? [];
      expect(found, `sample ${index}`).toHaveLength(sample.expected.speech.length);
      for (const [i, burst] of sample.expected.speech.entries()) {
        const segment = found[i] ?? { start: Infinity, end: Infinity };
        expect(Math.abs(segment.start - burst.start)).toBeLessThanOrEqual(EDGE_TOLERANCE);
        expect(Math.abs(segment.end - burst.end)).toBeLessThanOrEqual(EDGE_TOLERANCE);
      }
      expect(result.speechSec).toBeCloseTo(recording?.speechSec ?? -1, 9);
      expect(progress).toEqual([1]);
    }
  });

  test('audioStage - a recording cut short is still analysed, with a warning', async () => {
    const sample = samples[0] as SampleSession;
    const blob = sample.audio.blob.slice(0, 44 + 2 * 16_000 * 10);
    const { ctx } = harness({ ...sample, audio: { ...sample.audio, blob } }, 0);
    const result = (await audioStage(ctx)) as AudioStageResult;
    const recording = result.recordings[0] as AudioRecordingResult;
    expect(recording.durationSec).toBe(10);
    expect(recording.segments.length).toBeGreaterThan(0);
    expect(recording.warning).toBe(
      `${sample.audio.name} is cut short: only its first 10.0 s could be read.`,
    );
  });

  test('audioStage - a session without audio has no recordings', async () => {
    const { ctx } = harness(samples[0] as SampleSession, 0);
    ctx.session.audio = [];
    expect(await audioStage(ctx)).toEqual({ recordings: [], speechSec: 0 });
  });

  // Beside good screenshots, a bad one is skipped with its message (tests/browser/badScreenshotChapters.test.ts).
  test('chaptersStage - a session whose only screenshot is not an image fails for good, naming it', async () => {
    const sample = samples[0] as SampleSession;
    const broken = {
      name: 'broken-shot.png',
      at: sample.startedAt,
      blob: new Blob(['not a png'], { type: 'image/png' }),
    };
    const { ctx } = harness({ ...sample, screenshots: [broken] }, 0);
    const error = await rejection(chaptersStage(ctx));
    expect(error).toBeInstanceOf(StageFailure);
    expect((error as StageFailure).errorClass).toBe('permanent');
    expect((error as StageFailure).message).toBe(
      'broken-shot.png is not a picture this app can read: it does not start as a PNG, JPEG or WebP file does.',
    );
  });

  test('audioStage - a compressed recording that cannot be decoded fails permanently, naming it', async () => {
    const sample = samples[0] as SampleSession;
    const audio = { name: 'memo.m4a', at: sample.startedAt, blob: new Blob(['....ftypM4A ']) };
    const { ctx } = harness({ ...sample, audio }, 0);
    const error = await rejection(audioStage(ctx));
    expect(error).toBeInstanceOf(StageFailure);
    expect((error as StageFailure).errorClass).toBe('permanent');
    // Not WAV, so the browser's decoders get it; this one holds no audio to decode.
    expect((error as StageFailure).message).toMatch(/^memo\.m4a (holds no audio|is not an audio file)/);
  });

  test('both stages - stop with an AbortError once the signal is aborted', async () => {
    for (const stage of [chaptersStage, audioStage]) {
      const { ctx, controller, progress } = harness(samples[0] as SampleSession, 0);
      controller.abort();
      const error = await rejection(stage(ctx));
      expect((error as Error).name).toBe('AbortError');
      expect(progress).toEqual([]);
    }
  });

  test('chaptersStage - stops between screenshots when aborted midway', async () => {
    const { ctx, controller, progress } = harness(samples[0] as SampleSession, 0);
    ctx.progress = (fraction) => {
      progress.push(fraction);
      controller.abort();
    };
    const error = await rejection(chaptersStage(ctx));
    expect((error as Error).name).toBe('AbortError');
    expect(progress).toHaveLength(1);
  });
});
