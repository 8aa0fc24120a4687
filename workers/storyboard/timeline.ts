import type { SpeechSegment } from '../../src/shared/results.ts';

/** One recording as the storyboard places it. */
export interface RecordingInput {
  /** When it started, epoch milliseconds, or null when unknown. */
  at: number | null;
  durationSec: number;
  /** Speech in seconds from the recording's start. */
  segments: readonly SpeechSegment[];
}

export interface TimelineInput {
  /** Time of each screenshot in session order, epoch milliseconds or null. */
  screens: readonly (number | null)[];
  recordings: readonly RecordingInput[];
}

/** A stretch of the timeline, in the timeline's milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/** Everything the storyboard shows, placed on one time axis. */
export interface Timeline {
  start: number;
  end: number;
  /** True when positions are clock times (epoch ms); false when only order and durations are known. */
  clock: boolean;
  /** Where each screenshot sits, in session order. */
  screens: number[];
  /** Where recordings are: speech or silence is known there, nothing elsewhere. */
  recorded: Span[];
  speech: Span[];
}

/**
 * How far outside the screenshots' span a recording's own time is still believed. Further off it
 * is probably a file's modification time, not when it was recorded: it is laid at the start.
 */
export const RECORDING_DRIFT_MS = 10 * 60_000;
/** How long the last screenshot is shown when screenshot gaps say nothing (a single screenshot). */
const DEFAULT_SCREEN_MS = 5_000;

const known = (times: readonly (number | null)[]) => times.filter((t): t is number => t !== null);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Screenshots without a time take their neighbour's: the previous one's, else the next one's. */
function fillGaps(times: readonly (number | null)[]): number[] {
  const out: (number | null)[] = [...times];
  for (let i = 1; i < out.length; i++) out[i] ??= out[i - 1] ?? null;
  for (let i = out.length - 2; i >= 0; i--) out[i] ??= out[i + 1] ?? null;
  return out.map((t) => t ?? 0);
}

/**
 * Places screenshots and recordings on one axis. Known times are used where they agree; a
 * recording whose time is far from the screenshots, or unknown, starts where the previous one
 * ended (the first at the start); screenshots without any time are spread evenly over the
 * recordings, or one every five seconds. The last screenshot lasts as long as a typical one.
 */
export function buildTimeline({ screens, recordings }: TimelineInput): Timeline {
  const screenTimes = known(screens);
  const recordingTimes = known(recordings.map((r) => r.at));
  const clock = screenTimes.length > 0 || recordingTimes.length > 0;
  const first = screenTimes.length > 0 ? Math.min(...screenTimes) : recordingTimes.length > 0 ? Math.min(...recordingTimes) : 0;
  const last = screenTimes.length > 0 ? Math.max(...screenTimes) : first;

  const recorded: Span[] = [];
  const speech: Span[] = [];
  let cursor = first;
  for (const recording of recordings) {
    const believable =
      recording.at !== null && (screenTimes.length === 0 || (recording.at >= first - RECORDING_DRIFT_MS && recording.at <= last + RECORDING_DRIFT_MS));
    const start = believable ? recording.at! : cursor;
    const durationMs = Math.max(0, recording.durationSec) * 1000;
    recorded.push({ start, end: start + durationMs });
    for (const segment of recording.segments) {
      const end = Math.min(segment.end * 1000, durationMs);
      if (end > segment.start * 1000) speech.push({ start: start + segment.start * 1000, end: start + end });
    }
    cursor = start + durationMs;
  }

  let placed: number[];
  if (screenTimes.length > 0) placed = fillGaps(screens);
  else {
    const from = recorded.length > 0 ? Math.min(...recorded.map((r) => r.start)) : first;
    const to = recorded.length > 0 ? Math.max(...recorded.map((r) => r.end)) : first + screens.length * DEFAULT_SCREEN_MS;
    placed = screens.map((_, i) => from + ((to - from) * i) / Math.max(1, screens.length));
  }

  const gaps = placed.slice(1).map((t, i) => t - placed[i]!).filter((gap) => gap > 0);
  const lastShown = placed.length > 0 ? Math.max(...placed) + (median(gaps) ?? DEFAULT_SCREEN_MS) : -Infinity;
  const start = Math.min(first, ...placed, ...recorded.map((r) => r.start));
  let end = Math.max(lastShown, ...recorded.map((r) => r.end));
  if (!(end > start)) end = start + 1000;
  return { start, end, clock, screens: placed, recorded, speech };
}

/** The x of time `t` on a plot from `left`, `width` pixels wide. */
export function xOf(timeline: Timeline, t: number, left: number, width: number): number {
  return left + ((t - timeline.start) / (timeline.end - timeline.start)) * width;
}
