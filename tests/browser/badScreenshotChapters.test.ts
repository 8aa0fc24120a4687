import { describe, expect, test } from 'vitest';
import type { ChaptersResult } from '../../src/shared/results.ts';
import { chaptersStage } from '../../workers/stages/chapters.ts';
import { stageHarness } from './fixtures/stageHarness.ts';

/** A file served from the project root by the test server. */
async function fixture(path: string): Promise<Blob> {
  const response = await fetch(`/tests/fixtures/${path}`);
  if (!response.ok || response.headers.get('content-type')?.includes('text/html')) throw new Error(`No fixture ${path}`);
  return new Blob([await response.arrayBuffer()], { type: 'image/png' });
}

/**
 * One bad file among a session's screenshots (a text file named .png, a PNG damaged mid-file)
 * failed the whole chapters stage: the good screenshots next to it got no chapters, no
 * thumbnails and no place on the timeline. The bad ones are skipped with their message, as a
 * screenshot too large to decode already was, and the stage says so; a session whose
 * screenshots are all bad still fails (tests/browser/badInput.test.ts).
 */
describe('chapters of a session with some bad screenshots', () => {
  test('the good screenshots get their chapters and thumbnails; each bad one its message; the stage warns naming them', async () => {
    const shots = [
      { name: 'first.png', blob: await fixture('sessions/design-review/2026-11-21T14-00-05.png') },
      { name: 'text.png', blob: await fixture('bad/batch/text-named-png/screen.png') },
      { name: 'second.png', blob: await fixture('sessions/design-review/2026-11-21T14-03-10.png') },
      { name: 'damaged.png', blob: await fixture('bad/batch/corrupt-png/screen.png') },
    ];
    const harness = stageHarness(shots);
    const warnings: string[] = [];
    harness.ctx.warn = (message) => warnings.push(message);

    const result = (await chaptersStage(harness.ctx)) as ChaptersResult;

    expect(result.screens.map((screen) => screen.message ?? 'read')).toEqual([
      'read',
      'text.png is not a picture this app can read: it does not start as a PNG, JPEG or WebP file does.',
      'read',
      'damaged.png is damaged: its picture data could not be decoded.',
    ]);
    expect(result.screens[0]?.hash).not.toBe('');
    expect(result.screens[2]?.hash).not.toBe('');
    expect(result.thumbnails.map((thumbnail) => thumbnail.mediaId)).toEqual(['shot-0', 'shot-2']);
    expect(result.chapters.length).toBeGreaterThan(0);
    expect(result.chapters[0]?.firstScreen).toBe(0);
    expect(result.chapters.at(-1)?.lastScreen).toBe(3);
    expect(warnings.join(' ')).toBe(
      'text.png is not a picture this app can read: it does not start as a PNG, JPEG or WebP file does. ' +
        'damaged.png is damaged: its picture data could not be decoded.',
    );
  });
});
