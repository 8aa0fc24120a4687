import { afterEach, describe, expect, test } from 'vitest';
import { importSessions } from '../../src/import/importSessions.ts';
import type { AudioStageResult, ChaptersResult, StoryboardResult } from '../../src/shared/results.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { storyboardStage } from '../../workers/stages/storyboard.ts';
import { COLORS, PLOT_WIDTH, STORYBOARD } from '../../workers/storyboard/layout.ts';
import { buildTimeline, xOf } from '../../workers/storyboard/timeline.ts';
import { createTestEngine, type TestEngine } from './fixtures/engine.ts';
import { fixturePicked } from './fixtures/fixtureSessions.ts';
import { drawnPng } from './fixtures/images.ts';
import { stageHarness } from './fixtures/stageHarness.ts';

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.dispose();
});

type Rgb = [number, number, number];

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

/** Decodes a PNG and returns its size and a reader of one pixel's colour. */
async function decode(blob: Blob): Promise<{ width: number; height: number; pixel: (x: number, y: number) => Rgb }> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  const { width, height } = bitmap;
  bitmap.close();
  return { width, height, pixel: (x, y) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 3)] as Rgb };
}

/** Enriches the imported fixture session `name` with chapters, audio and storyboard in the real worker pool. */
async function enriched(name: 'standup' | 'design-review'): Promise<{ session: SessionRecord; outcomes: Record<string, { status: string; result?: unknown }> }> {
  const e = await createTestEngine();
  engines.push(e);
  await e.scheduler.start();
  const { imported } = await importSessions(await fixturePicked(name), e.sessions);
  const session = imported[0]!;
  await e.scheduler.enqueue([{ sessionId: session.id, timeoutMs: 30_000 }], { batchId: 'storyboard', stages: ['chapters', 'audio', 'storyboard'] });
  await e.scheduler.drain();
  const record = await e.db.get('results', session.id);
  return { session, outcomes: (record?.outcomes ?? {}) as Record<string, { status: string; result?: unknown }> };
}

describe('storyboard stage', () => {
  test('draws a PNG of the stated size whose speech bar shows speech where there is speech and silence where there is none', async () => {
    const { session, outcomes } = await enriched('standup');
    expect(outcomes.storyboard?.status).toBe('done');
    const storyboard = outcomes.storyboard!.result as StoryboardResult;
    const audio = outcomes.audio!.result as AudioStageResult;
    const png = await decode(storyboard.blob);
    expect(storyboard.blob.type).toBe('image/png');
    expect([png.width, png.height]).toEqual([storyboard.width, storyboard.height]);
    expect([png.width, png.height]).toEqual([STORYBOARD.width, STORYBOARD.height]);

    // The same placement the stage used, from the stored session and audio result.
    const timeline = buildTimeline({
      screens: session.screenshots.map((ref) => ref.at),
      recordings: audio.recordings.map((r) => ({ at: session.audio[0]!.at, durationSec: r.durationSec, segments: r.segments })),
    });
    const [first, second] = timeline.speech;
    expect(timeline.speech).toHaveLength(2);
    const barY = STORYBOARD.speechBar.top + STORYBOARD.speechBar.height / 2;
    const at = (t: number) => Math.round(xOf(timeline, t, STORYBOARD.left, PLOT_WIDTH));
    const speech = png.pixel(at((second!.start + second!.end) / 2), barY);
    const silence = png.pixel(at((first!.end + second!.start) / 2), barY);
    const unrecorded = png.pixel(at(timeline.recorded[0]!.end + 30_000), barY);
    expect(speech).toEqual(rgb(COLORS.speech));
    expect(silence).toEqual(rgb(COLORS.silence));
    expect(unrecorded).toEqual(rgb(COLORS.unrecorded));
    expect(speech).not.toEqual(silence);
  });

  test('a session whose recording time is only a file date still gets its speech drawn next to its screenshots', async () => {
    const { outcomes } = await enriched('design-review');
    const storyboard = outcomes.storyboard!.result as StoryboardResult;
    const chapters = outcomes.chapters!.result as ChaptersResult;
    expect(chapters.chapters.length).toBeGreaterThan(0);
    const png = await decode(storyboard.blob);
    const barY = STORYBOARD.speechBar.top + STORYBOARD.speechBar.height / 2;
    const row = Array.from({ length: PLOT_WIDTH }, (_, i) => png.pixel(STORYBOARD.left + i, barY).join());
    expect(row).toContain(rgb(COLORS.speech).join());
    expect(row).toContain(rgb(COLORS.silence).join());
  });

  test('without chapters or audio results it still draws the screenshots, and says it has no speech data', async () => {
    const shots = [
      { name: 'a.png', blob: await drawnPng(640, 360, 'Budget review'), at: Date.UTC(2026, 0, 1, 9) },
      { name: 'b.png', blob: await drawnPng(640, 360, 'Release plan'), at: Date.UTC(2026, 0, 1, 9, 5) },
    ];
    const { ctx, progress } = stageHarness(shots);
    const storyboard = (await storyboardStage(ctx)) as StoryboardResult;
    const png = await decode(storyboard.blob);
    expect([png.width, png.height]).toEqual([STORYBOARD.width, STORYBOARD.height]);
    const barY = STORYBOARD.speechBar.top + STORYBOARD.speechBar.height / 2;
    expect(png.pixel(STORYBOARD.right - 4, barY)).toEqual(rgb(COLORS.unrecorded));
    // The first screenshot's white page sits in the first thumbnail cell.
    expect(png.pixel(STORYBOARD.left + 100, STORYBOARD.thumbnails.top + 100)).toEqual([255, 255, 255]);
    expect(progress.at(-1)).toBe(1);
  });

  test('stops with an AbortError once the job is cancelled', async () => {
    const { ctx, controller } = stageHarness([{ name: 'a.png', blob: await drawnPng() }]);
    controller.abort();
    await expect(storyboardStage(ctx)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
