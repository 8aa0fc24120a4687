import type { Chapter, ChaptersResult, ScreenHash } from '../../src/shared/results.ts';
import { grayThumbnail } from '../images/gray.ts';
import { hammingHex, phash64, splitChapters } from '../images/phash.ts';
import type { StageFn } from '../stage.ts';

/** Bits (of 64) two consecutive screenshots must differ by to start a new chapter. */
export const CHAPTER_THRESHOLD = 12;

function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  const error = new Error('The chapters stage was cancelled.');
  error.name = 'AbortError';
  throw error;
}

/**
 * Hashes each screenshot of the session in order and starts a chapter wherever the picture
 * changes a lot. Fails permanently, naming the file, on a screenshot that is not an image.
 */
export const chaptersStage: StageFn = async (ctx): Promise<ChaptersResult> => {
  const refs = ctx.session.screenshots;
  const screens: ScreenHash[] = [];
  for (const [i, ref] of refs.entries()) {
    throwIfAborted(ctx.signal);
    const blob = await ctx.readMedia(ref.id);
    throwIfAborted(ctx.signal);
    const hash = phash64(await grayThumbnail(blob, ref.name));
    const previous = screens.at(-1);
    const distance = previous ? hammingHex(previous.hash, hash) : 0;
    screens.push({ mediaId: ref.id, hash, distance, at: ref.at });
    ctx.progress((i + 1) / refs.length);
  }
  const chapters: Chapter[] = splitChapters(
    screens.map((screen) => screen.hash),
    CHAPTER_THRESHOLD,
  ).map(({ firstScreen, lastScreen }, index) => ({
    index,
    firstScreen,
    lastScreen,
    start: screens[firstScreen]?.at ?? null,
    end: screens[lastScreen]?.at ?? null,
  }));
  return { screens, chapters };
};
