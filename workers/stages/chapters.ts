import type { Chapter, ChaptersResult, OcrResult, ScreenHash, Thumbnail } from '../../src/shared/results.ts';
import { startsChapter } from '../images/boundary.ts';
import { grayThumbnail } from '../images/gray.ts';
import { checkImage } from '../images/imageSize.ts';
import { hammingHex, phash64 } from '../images/phash.ts';
import { makeThumbnail } from '../images/thumbnail.ts';
import { contentWords, keywords } from '../text/keywords.ts';
import { jaccard } from '../text/similarity.ts';
import { StageFailure } from '../stage.ts';
import type { StageFn } from '../stage.ts';
import { screenSources, type ScreenSource } from '../video/screens.ts';

/** Content words a screenshot's text needs before it counts in a boundary: fewer is mostly noise. */
const MIN_WORDS = 5;
/** Keywords kept per chapter, and how many of them make its title. */
const KEYWORDS = 5;
const TITLE_WORDS = 3;

function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  const error = new Error('The chapters stage was cancelled.');
  error.name = 'AbortError';
  throw error;
}

/** The OCR text of each screenshot by media id, when the 'ocr' stage ran. */
function screenTexts(results: Record<string, unknown>): Map<string, string> {
  const ocr = results.ocr as OcrResult | undefined;
  return new Map((ocr?.screens ?? []).map((screen) => [screen.mediaId, screen.text]));
}

/** "Invoice, export, billing": the top keywords in the order the chapter's text uses them. */
function chapterTitle(index: number, top: string[], text: string): string {
  if (top.length === 0) return `Chapter ${index + 1}`;
  const order = contentWords(text);
  const words = top.slice(0, TITLE_WORDS).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const title = words.join(', ');
  return title.charAt(0).toUpperCase() + title.slice(1);
}

function videoPlace(ref: ScreenSource): { videoId?: string; timeSec?: number } {
  return ref.video ? { videoId: ref.video.id, timeSec: ref.video.timeSec } : {};
}

/**
 * Where a chapter of one video's frames starts and ends in it, in seconds: from its first frame to
 * the next frame of that video (the next chapter's start), or to the video's end.
 */
function videoSpan(refs: ScreenSource[], first: number, last: number): { videoId?: string; startSec?: number; endSec?: number } {
  const start = refs[first]?.video;
  if (!start) return {};
  const next = refs[last + 1]?.video;
  const endSec = next && next.id === start.id ? next.timeSec : start.durationSec;
  return { videoId: start.id, startSec: start.timeSec, endSec: Math.max(start.timeSec, endSec) };
}

/**
 * Hashes each screenshot of the session in order and starts a chapter wherever the picture
 * changes a lot, or changes somewhat while its text (from the 'ocr' stage, when it ran) changes
 * too (see workers/images/boundary.ts). Titles chapters from their keywords and makes a thumbnail
 * of every screenshot. A screenshot over MAX_IMAGE_PIXELS is skipped with a message and stays in
 * its chapter; one that is not an image fails the stage permanently, naming the file.
 */
export const chaptersStage: StageFn = async (ctx): Promise<ChaptersResult> => {
  // Screenshots, then the frames the 'video' stage sampled.
  const refs = screenSources(ctx);
  const texts = screenTexts(ctx.results);
  const screens: ScreenHash[] = [];
  const thumbnails: Thumbnail[] = [];
  const starts: number[] = [];
  let previous: { hash: string; words: Set<string> } | null = null;
  for (const [i, ref] of refs.entries()) {
    throwIfAborted(ctx.signal);
    const blob = await ref.read();
    throwIfAborted(ctx.signal);
    const check = await checkImage(blob, ref.name);
    if (!check.ok && check.reason === 'unreadable') throw new StageFailure('permanent', check.message);
    if (!check.ok) {
      screens.push({ mediaId: ref.id, hash: '', distance: 0, at: ref.at, message: check.message, ...videoPlace(ref) });
      if (i === 0) starts.push(0);
    } else {
      const hash = phash64(await grayThumbnail(blob, ref.name));
      const words = new Set(contentWords(texts.get(ref.id) ?? ''));
      const distance = previous ? hammingHex(previous.hash, hash) : 0;
      const enoughText = previous && previous.words.size >= MIN_WORDS && words.size >= MIN_WORDS;
      const similarity = previous && enoughText ? jaccard(previous.words, words) : null;
      // A new video always starts a chapter: its first frame is not a change within one recording.
      const newVideo = ref.video !== undefined && ref.video.id !== refs[i - 1]?.video?.id;
      if (i === 0 || newVideo || (previous && startsChapter(distance, similarity))) starts.push(i);
      screens.push({ mediaId: ref.id, hash, distance, at: ref.at, ...videoPlace(ref) });
      thumbnails.push(await makeThumbnail(ref.id, blob, check.size));
      previous = { hash, words };
    }
    ctx.progress((i + 1) / refs.length);
  }

  const spans = starts.map((first, n) => ({ first, last: (starts[n + 1] ?? refs.length) - 1 }));
  const chapterTexts = spans.map(({ first, last }) =>
    refs
      .slice(first, last + 1)
      .map((ref) => texts.get(ref.id) ?? '')
      .join('\n'),
  );
  const top = keywords(chapterTexts, KEYWORDS);
  const chapters: Chapter[] = spans.map(({ first, last }, index) => ({
    index,
    firstScreen: first,
    lastScreen: last,
    start: screens[first]?.at ?? null,
    end: screens[last]?.at ?? null,
    title: chapterTitle(index, top[index] ?? [], chapterTexts[index] ?? ''),
    keywords: top[index] ?? [],
    ...videoSpan(refs, first, last),
  }));
  return { screens, chapters, thumbnails };
};
