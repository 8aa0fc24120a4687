import type { Chapter, ChaptersResult, OcrResult, ScreenHash, ScreenText, Thumbnail } from '../../src/shared/results.ts';
import { linesOf } from '../../src/shared/screenLines.ts';
import { continuesScreen, startsChapter } from '../images/boundary.ts';
import { checkImage, type ImageSize } from '../images/imageSize.ts';
import { hammingHex, phash64 } from '../images/phash.ts';
import { screenPictures, type ScreenPictures } from '../images/screenPictures.ts';
import { scrolledOverlap, type RowImage } from '../images/scrollMatch.ts';
import { boxedTrigrams, lineTrigrams, scrolledTrigrams } from '../text/continuity.ts';
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
/** Shortest chapter of a recording, in seconds: a shorter one is a page loading or a pause, not a topic. */
export const MIN_VIDEO_CHAPTER_SEC = 3;

function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  const error = new Error('The chapters stage was cancelled.');
  error.name = 'AbortError';
  throw error;
}

/** What OCR read of each screenshot by media id, when the 'ocr' stage ran. */
function screenReadings(results: Record<string, unknown>): Map<string, ScreenText> {
  const ocr = results.ocr as OcrResult | undefined;
  return new Map((ocr?.screens ?? []).map((screen) => [screen.mediaId, screen]));
}

/** A screen's word trigrams, placed by its lines' boxes when OCR kept them (continuity.ts). */
function trigramsOf(screen: ScreenText | undefined, height: number): Map<string, number> | null {
  if (!screen) return null;
  const lines = linesOf(screen);
  return lines ? boxedTrigrams(lines, height) : lineTrigrams(screen.text);
}

/** The next frame of video `videoId` after screen `index`: screenshots may lie between frames. */
function nextFrameOf(refs: ScreenSource[], index: number, videoId: string): ScreenSource | undefined {
  return refs.slice(index + 1).find((ref) => ref.video?.id === videoId);
}

/**
 * Drops the starts of chapters of a recording shorter than MIN_VIDEO_CHAPTER_SEC (from their
 * first frame to the video's next frame after them), so that they join the chapter before them.
 * The chapter a video's first frame starts stays; when it is that short (a blank first frame, an
 * app loading) the chapter after it is what it led in to, and joins it instead.
 */
function withoutShortVideoChapters(refs: ScreenSource[], starts: number[], firstFrames: Set<number>): number[] {
  const kept: number[] = [];
  for (const [n, first] of starts.entries()) {
    const video = refs[first]?.video;
    if (!video || firstFrames.has(first)) {
      kept.push(first);
      continue;
    }
    const last = (starts[n + 1] ?? refs.length) - 1;
    const end = nextFrameOf(refs, last, video.id)?.video?.timeSec ?? video.durationSec;
    const opening = refs[kept.at(-1) ?? -1]?.video;
    const leadIn = firstFrames.has(kept.at(-1) ?? -1) && opening?.id === video.id && video.timeSec - opening.timeSec < MIN_VIDEO_CHAPTER_SEC;
    if (!leadIn && end - video.timeSec >= MIN_VIDEO_CHAPTER_SEC) kept.push(first);
  }
  return kept;
}

/** Indexes of each video's first frame in `refs`. */
function firstFramesOf(refs: ScreenSource[]): Set<number> {
  const seen = new Set<string>();
  const firsts = new Set<number>();
  for (const [i, ref] of refs.entries()) {
    if (!ref.video || seen.has(ref.video.id)) continue;
    seen.add(ref.video.id);
    firsts.add(i);
  }
  return firsts;
}

interface Compared {
  words: Set<string>;
  rows: RowImage;
  /** Word trigrams and where they are, when OCR read the screen. */
  trigrams: Map<string, number> | null;
}

/** Whether `current` starts a chapter after `previous` (the last screen that was not blank). */
function changesChapter(previous: Compared, current: Compared, distance: number): boolean {
  const shared = previous.trigrams && current.trigrams ? scrolledTrigrams(previous.trigrams, current.trigrams) : null;
  if (continuesScreen(scrolledOverlap(previous.rows, current.rows), shared)) return false;
  const enoughText = previous.words.size >= MIN_WORDS && current.words.size >= MIN_WORDS;
  return startsChapter(distance, enoughText ? jaccard(previous.words, current.words) : null);
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
 * the next frame of that video after the chapter, or to the video's end.
 */
function videoSpan(refs: ScreenSource[], first: number, last: number): { videoId?: string; startSec?: number; endSec?: number } {
  const start = refs[first]?.video;
  if (!start) return {};
  const endSec = nextFrameOf(refs, last, start.id)?.video?.timeSec ?? start.durationSec;
  return { videoId: start.id, startSec: start.timeSec, endSec: Math.max(start.timeSec, endSec) };
}

/** A screen's pictures and size, or the plain message of why it could not be decoded (damaged). */
async function picturesOrFailure(ref: ScreenSource, blob: Blob, size: ImageSize): Promise<{ pictures: ScreenPictures; size: ImageSize } | { message: string }> {
  try {
    return { pictures: await screenPictures(ref.id, blob, size, ref.name), size };
  } catch (error) {
    if (error instanceof StageFailure && error.errorClass === 'permanent') return { message: error.message };
    throw error;
  }
}

/**
 * Hashes each screen of the session in time order and starts a chapter where the picture
 * changes a lot, or changes somewhat while its text (from the 'ocr' stage, when it ran) changes
 * too (see workers/images/boundary.ts), unless the screen continues the one before: the same
 * document scrolled, or lines of its text still there. A blank or loading screen starts no
 * chapter, and the next screen is compared with the last one that was not blank. In a recording
 * a chapter lasts at least MIN_VIDEO_CHAPTER_SEC, the first one too. Titles chapters from their
 * keywords and makes a thumbnail of every screen. A screenshot over MAX_IMAGE_PIXELS, not an image
 * or damaged is skipped with a message and stays in its chapter; the last two make the stage warn,
 * naming the files, so the session is partly done, or fail it when no screenshot could be read.
 */
export const chaptersStage: StageFn = async (ctx): Promise<ChaptersResult> => {
  // Screenshots and the frames the 'video' stage sampled, in time order.
  const refs = screenSources(ctx);
  const readings = screenReadings(ctx.results);
  const texts = new Map([...readings].map(([id, screen]) => [id, screen.text]));
  const firstFrames = firstFramesOf(refs);
  const screens: ScreenHash[] = [];
  const thumbnails: Thumbnail[] = [];
  let starts: number[] = [];
  let previous: (Compared & { hash: string }) | null = null;
  const unreadable: string[] = [];
  let skippedLarge = 0;
  for (const [i, ref] of refs.entries()) {
    throwIfAborted(ctx.signal);
    const blob = await ref.read();
    throwIfAborted(ctx.signal);
    const check = await checkImage(blob, ref.name);
    const read = check.ok ? await picturesOrFailure(ref, blob, check.size) : { message: check.message };
    if ('message' in read) {
      // Skipped, with its message; it stays in the chapter it falls in. Not a picture or damaged
      // (not merely too large) is a shortfall of the session, said once the good ones are done.
      screens.push({ mediaId: ref.id, hash: '', distance: 0, at: ref.at, message: read.message, ...videoPlace(ref) });
      if (!check.ok && check.reason === 'too-large') skippedLarge += 1;
      else unreadable.push(read.message);
      if (i === 0) starts.push(0);
    } else {
      const { gray, rows, thumbnail } = read.pictures;
      const hash = phash64(gray);
      const text = texts.get(ref.id);
      const words = new Set(contentWords(text ?? ''));
      const trigrams = trigramsOf(readings.get(ref.id), read.size.height);
      const distance = previous ? hammingHex(previous.hash, hash) : 0;
      // A new video always starts a chapter: its first frame is not a change within one recording.
      const newVideo = firstFrames.has(i);
      if (i === 0 || newVideo) starts.push(i);
      else if (previous && rows && changesChapter(previous, { words, rows, trigrams }, distance)) starts.push(i);
      screens.push({ mediaId: ref.id, hash, distance, at: ref.at, ...videoPlace(ref) });
      thumbnails.push(thumbnail);
      if (rows) previous = { hash, words, rows, trigrams };
    }
    ctx.progress((i + 1) / refs.length);
  }
  // Nothing of the session could be read: the stage fails, naming the files.
  if (unreadable.length > 0 && unreadable.length + skippedLarge === refs.length) throw new StageFailure('permanent', unreadable.join(' '));
  if (unreadable.length > 0) ctx.warn(unreadable.join(' '));
  starts = withoutShortVideoChapters(refs, starts, firstFrames);

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
