import { clock } from '../../../shared/clock.ts';
import type { DetailFocus } from '../outcomes.ts';
import type { TimelineCue, TimelineModel } from './model.ts';

/**
 * Times closer than this are the same moment: times come from milliseconds and float sums, and a
 * step from a frame must not land on that same frame again.
 */
export const SAME_MOMENT_SEC = 0.0005;

/** The index of the last of `items` (sorted by `t`) at or before `time`, or -1 when none is. */
export function lastAtOrBefore(items: ReadonlyArray<{ t: number }>, time: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid]!.t <= time + SAME_MOMENT_SEC) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** The frame shown at `time`: the last one taken at or before it; -1 before the first. */
export function frameAt(model: TimelineModel, time: number): number {
  return lastAtOrBefore(model.frames, time);
}

/** The chapter on screen at `time`; -1 before the first chapter starts. */
export function chapterAt(model: TimelineModel, time: number): number {
  return lastAtOrBefore(model.chapters, time);
}

/** The start of the next item after `time`, or null at the last. */
export function nextTime(items: ReadonlyArray<{ t: number }>, time: number): number | null {
  return items[lastAtOrBefore(items, time) + 1]?.t ?? null;
}

/** The start of the item before `time` (the current one's start when `time` is inside it), or null. */
export function previousTime(items: ReadonlyArray<{ t: number }>, time: number): number | null {
  let i = lastAtOrBefore(items, time - 2 * SAME_MOMENT_SEC);
  // Items at the same moment are one step: land on the first of them.
  while (i > 0 && items[i - 1]!.t >= items[i]!.t - SAME_MOMENT_SEC) i--;
  return items[i]?.t ?? null;
}

/** The transcript line being said at `time` (the latest-starting one when cues overlap), or null. */
/** The word of `cue` being said at `time`: the last begun at or before it; -1 without timed words or before the first. */
export function wordAt(cue: TimelineCue | null, time: number): number {
  const words = cue?.words ?? [];
  let found = -1;
  for (let i = 0; i < words.length && words[i]!.start <= time + SAME_MOMENT_SEC; i++) found = i;
  return found;
}

export function cueAt(model: TimelineModel, time: number): TimelineCue | null {
  // Cues are sorted by start; walk back from the last that started, as an earlier long one may still run.
  let low = 0;
  let high = model.cues.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (model.cues[mid]!.start <= time) low = mid + 1;
    else high = mid;
  }
  for (let i = low - 1; i >= 0; i--) if (model.cues[i]!.end > time) return model.cues[i]!;
  return null;
}

/** The video playing at `time` and where in it, or null when no video covers that moment. */
export function videoMoment(model: TimelineModel, time: number): { videoId: string; sec: number } | null {
  const video = model.videos.find((v) => time >= v.start && time <= v.end);
  return video ? { videoId: video.videoId, sec: time - video.start } : null;
}

/** The playhead's time for a moment of a playing video, or null when the video is not on the timeline. */
export function timeOfVideoMoment(model: TimelineModel, moment: { videoId: string; sec: number }): number | null {
  const video = model.videos.find((v) => v.videoId === moment.videoId);
  return video ? clamp(model, Math.min(video.end, video.start + Math.max(0, moment.sec))) : null;
}

/**
 * Where a search hit opens the timeline: a transcript hit at its time (counted from the
 * transcript's start), a chapter hit at the chapter's start; null when the hit says neither.
 */
export function focusTime(model: TimelineModel, focus: DetailFocus | null): number | null {
  if (!focus) return null;
  if (focus.screen !== undefined) return model.frames.find((f) => f.screen === focus.screen)?.t ?? null;
  if (focus.time !== null) return clamp(model, model.transcriptOffset + focus.time);
  if (focus.chapter === null) return null;
  return model.chapters.find((c) => c.index === focus.chapter)?.t ?? null;
}

/** `time` kept within the timeline. */
export function clamp(model: TimelineModel, time: number): number {
  return Math.min(model.duration, Math.max(0, time));
}

/** What a screen reader says for the playhead: "1:23 of 12:10, chapter 3: Invoice export". */
export function valueText(model: TimelineModel, time: number): string {
  const at = `${clock(time)} of ${clock(model.duration)}`;
  const chapter = model.chapters[chapterAt(model, time)];
  return chapter ? `${at}, chapter ${chapter.index + 1}: ${chapter.title}` : at;
}
