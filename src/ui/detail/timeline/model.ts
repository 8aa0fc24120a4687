import type { AudioStageResult, ChaptersResult, TranscriptResult, VideoStageResult } from '../../../shared/results.ts';
import type { SessionRecord } from '../../../shared/session.ts';
import { recordingStart } from '../../../shared/recordingStart.ts';
import { sessionVideos, type MediaRef } from '../../../shared/session.ts';

/** A stretch of the timeline, in seconds from its start. */
export interface TimeSpan {
  start: number;
  end: number;
}

/** A kept frame (a screenshot or a frame sampled from a video) at its place on the timeline. */
export interface TimelineFrame {
  /** Seconds from the timeline's start. */
  t: number;
  /** Index into the chapters stage's `screens` (and so into OCR and thumbnails, by `mediaId`). */
  screen: number;
  mediaId: string;
}

export interface TimelineChapter {
  t: number;
  index: number;
  title: string;
}

export interface TimelineCue extends TimeSpan {
  text: string;
  /** Its words on the timeline's clock, when the speech model timed them. */
  words?: Array<TimeSpan & { text: string }>;
}

/** Where a video plays on the timeline. */
export interface TimelineVideo extends TimeSpan {
  videoId: string;
}

/** Frames, chapters, speech and transcript of one session on one clock, in seconds from its start. */
export interface TimelineModel {
  duration: number;
  /** Epoch milliseconds of second 0, or null when no file of the session has a time. */
  origin: number | null;
  /** In time order; ties keep the session's order. */
  frames: TimelineFrame[];
  /** In time order. */
  chapters: TimelineChapter[];
  speech: TimeSpan[];
  /** In order of their start. */
  cues: TimelineCue[];
  videos: TimelineVideo[];
  /** Where the transcript's second 0 is: search hits on the transcript give times from there. */
  transcriptOffset: number;
}

/** The stage results the timeline is made of; any of them may be missing. */
export interface TimelineResults {
  chapters: ChaptersResult | null;
  audio: AudioStageResult | null;
  transcript: TranscriptResult | null;
  video: VideoStageResult | null;
}

/** How long a screen is shown when the gaps between screens say nothing (one screen, or none timed). */
export const DEFAULT_SCREEN_SEC = 5;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Lays spans end to end where their own start is unknown (the first at 0). */
function place<T>(items: readonly T[], startOf: (item: T) => number | null, lengthOf: (item: T) => number): TimeSpan[] {
  let cursor = 0;
  return items.map((item) => {
    const start = startOf(item) ?? cursor;
    const end = start + Math.max(0, lengthOf(item));
    cursor = end;
    return { start, end };
  });
}

/**
 * Places a session's frames, chapters, speech and transcript cues on one axis. Second 0 is the
 * earliest known time of the session (its start, or any file's time). Frames without a time
 * take their video's start plus their time in it, else the previous frame's time; with no time
 * at all they are spread evenly. Recordings and videos without a time follow one another from 0.
 * The transcript starts where the transcript stage put it: at the first recording, else the
 * session's start.
 */
export function buildTimelineModel(session: SessionRecord, results: TimelineResults): TimelineModel {
  const screens = results.chapters?.screens ?? [];
  const videoRefs = sessionVideos(session);
  const recordings = results.audio?.recordings ?? [];
  // Where each recording and video starts (epoch ms), as the stages placed them: a file's date is
  // its end, so such a recording starts its length before it (src/shared/recordingStart.ts).
  const durations = new Map((results.video?.videos ?? []).map((v) => [v.mediaId, v.durationSec]));
  const analysed = new Map(recordings.map((r) => [r.mediaId, r]));
  const audioStartAt = (ref: MediaRef) => analysed.get(ref.id)?.startAt ?? recordingStart(ref, analysed.get(ref.id)?.durationSec ?? 0);
  const videoStartAt = (ref: MediaRef) => recordingStart(ref, durations.get(ref.id) ?? 0);
  // As the transcript stage places it: at the first recording's start, else the session's.
  const transcriptAt = session.audio[0] ? (audioStartAt(session.audio[0]) ?? session.startedAt) : session.startedAt;
  const known = [session.startedAt, transcriptAt, ...screens.map((s) => s.at), ...session.audio.map(audioStartAt), ...videoRefs.map(videoStartAt)].filter(
    (at): at is number => at !== null,
  );
  const origin = known.length > 0 ? Math.min(...known) : null;
  const sec = (at: number | null) => (at === null || origin === null ? null : (at - origin) / 1000);

  const videoSpans = place(videoRefs, (ref) => sec(videoStartAt(ref)), (ref) => durations.get(ref.id) ?? 0);
  const videos = videoRefs.map((ref, i) => ({ videoId: ref.id, ...videoSpans[i]! }));
  const videoStart = new Map(videos.map((v) => [v.videoId, v.start]));

  // A video's sound track is a recording too (its media id is the video's).
  const audioRefs = new Map(session.audio.map((ref) => [ref.id, ref]));
  const recordingSpans = place(
    recordings,
    (r) => videoStart.get(r.mediaId) ?? sec(audioRefs.has(r.mediaId) ? audioStartAt(audioRefs.get(r.mediaId)!) : null),
    (r) => r.durationSec,
  );
  // A sound track that repeats a recording of the same meeting adds no speech of its own.
  const speech = recordings
    .flatMap((r, i) => (r.sameAs !== undefined ? [] : r.segments).map((s) => ({ start: recordingSpans[i]!.start + s.start, end: recordingSpans[i]!.start + Math.min(s.end, r.durationSec) })))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);

  const recorded = [...recordingSpans, ...videoSpans];
  let times = screens.map((s) => sec(s.at) ?? (s.videoId !== undefined && s.timeSec !== undefined ? (videoStart.get(s.videoId) ?? 0) + s.timeSec : null));
  if (times.every((t) => t === null)) {
    const span = Math.max(screens.length * DEFAULT_SCREEN_SEC, ...recorded.map((r) => r.end));
    times = screens.map((_, i) => (span * i) / Math.max(1, screens.length));
  } else {
    const firstKnown = times.find((t) => t !== null)!;
    let last = firstKnown;
    times = times.map((t) => (last = t ?? last));
  }
  const frames = screens.map((s, i) => ({ t: times[i]!, screen: i, mediaId: s.mediaId })).sort((a, b) => a.t - b.t || a.screen - b.screen);
  const lastFrame = frames.at(-1);
  const screenTime = new Map(frames.map((f) => [f.screen, f.t]));
  const chapters = (results.chapters?.chapters ?? [])
    .map((c) => ({ t: screenTime.get(c.firstScreen) ?? 0, index: c.index, title: c.title || `Chapter ${c.index + 1}` }))
    .sort((a, b) => a.t - b.t || a.index - b.index);

  const transcriptOffset = sec(transcriptAt) ?? recordingSpans[0]?.start ?? 0;
  const cues = (results.transcript?.cues ?? [])
    .map((cue): TimelineCue => {
      const placed: TimelineCue = { start: transcriptOffset + cue.start, end: transcriptOffset + cue.end, text: cue.text };
      if (cue.words) placed.words = cue.words.map((w) => ({ start: transcriptOffset + w.start, end: transcriptOffset + w.end, text: w.text }));
      return placed;
    })
    .sort((a, b) => a.start - b.start);

  const gaps = frames.slice(1).map((f, i) => f.t - frames[i]!.t).filter((gap) => gap > 0);
  // A video's last frame lasts until the video ends; a screenshot as long as a typical one.
  const lastVideo = videos.find((v) => v.videoId === screens[lastFrame?.screen ?? -1]?.videoId);
  const lastShown = !lastFrame ? 0 : lastVideo ? lastVideo.end : lastFrame.t + (median(gaps) ?? DEFAULT_SCREEN_SEC);
  const ended = sec(session.endedAt) ?? 0;
  const duration = Math.max(lastShown, ended, ...recorded.map((r) => r.end), ...cues.map((c) => c.end));
  return { duration: duration > 0 ? duration : 1, origin, frames, chapters, speech, cues, videos, transcriptOffset };
}
