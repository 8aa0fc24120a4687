import { describe, expect, test } from 'vitest';
import type { AudioResult, ChaptersResult, ScreenHash, TranscriptCue, VideoFrameShot, VideoInfo } from '../../src/shared/results.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { bareSession } from '../fixtures/stageContext.ts';
import { buildTimelineModel, DEFAULT_SCREEN_SEC } from '../../src/ui/detail/timeline/model.ts';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;

const ref = (id: string, kind: MediaRef['kind'], at: number | null): MediaRef => ({ id, name: id, kind, type: '', size: 1, at });
const screen = (mediaId: string, at: number | null, video?: { videoId: string; timeSec: number }): ScreenHash => ({ mediaId, hash: '0', distance: 0, at, ...video });
const session = bareSession;
const chaptersOf = (screens: ScreenHash[], firsts: number[]): ChaptersResult => ({
  screens,
  thumbnails: [],
  chapters: firsts.map((first, index) => ({
    index,
    firstScreen: first,
    lastScreen: (firsts[index + 1] ?? screens.length) - 1,
    start: screens[first]?.at ?? null,
    end: null,
    title: index === 1 ? '' : `Title ${index + 1}`,
    keywords: [],
  })),
});
const recording = (mediaId: string, durationSec: number, segments: AudioResult['segments']): AudioResult => ({
  mediaId,
  durationSec,
  segments,
  sampleRate: 16000,
  channels: 1,
  speechSec: 0,
  speechRatio: 0,
  loudnessDb: 0,
  longestSilenceSec: 0,
  waveform: [],
});
const cue = (start: number, end: number, text: string): TranscriptCue => ({ start, end, text, at: null, chapter: null });
const none = { chapters: null, audio: null, transcript: null, video: null };

describe('buildTimelineModel()', () => {
  test('screenshots, a recording and its transcript share one clock whose second 0 is the session start', () => {
    const model = buildTimelineModel(session({ startedAt: s(0), endedAt: s(125), audio: [ref('rec', 'audio', s(0))] }), {
      ...none,
      chapters: chaptersOf([screen('a', s(5)), screen('b', s(65)), screen('c', s(125))], [0, 2]),
      audio: { recordings: [recording('rec', 30, [{ start: 1, end: 4 }])], speechSec: 3 },
      transcript: { cues: [cue(1, 4, 'Hello there')], warnings: [] },
    });
    expect(model.origin).toBe(s(0));
    expect(model.frames.map((f) => f.t)).toEqual([5, 65, 125]);
    expect(model.chapters).toEqual([
      { t: 5, index: 0, title: 'Title 1' },
      { t: 125, index: 1, title: 'Chapter 2' },
    ]);
    expect(model.speech).toEqual([{ start: 1, end: 4 }]);
    expect(model.cues).toEqual([{ start: 1, end: 4, text: 'Hello there' }]);
    // The last screen lasts as long as a typical one.
    expect(model.duration).toBe(185);
  });

  test('second 0 is the earliest known time, even when a screenshot is older than the session start', () => {
    const model = buildTimelineModel(session({ startedAt: s(10), audio: [ref('rec', 'audio', s(20))] }), {
      ...none,
      chapters: chaptersOf([screen('a', s(4))], [0]),
      audio: { recordings: [recording('rec', 10, [{ start: 2, end: 3 }])], speechSec: 1 },
      transcript: { cues: [cue(2, 3, 'x')], warnings: [] },
    });
    expect(model.origin).toBe(s(4));
    expect(model.frames[0]!.t).toBe(0);
    expect(model.speech).toEqual([{ start: 18, end: 19 }]);
    // The transcript starts with the first recording, as the transcript stage places it.
    expect(model.transcriptOffset).toBe(16);
    expect(model.cues[0]).toEqual({ start: 18, end: 19, text: 'x' });
    expect(model.duration).toBe(26);
  });

  test("a cue's timed words move with it onto the timeline's clock", () => {
    const timed: TranscriptCue = { ...cue(2, 3, 'ship it'), words: [{ start: 2, end: 2.4, text: 'ship' }, { start: 2.4, end: 3, text: 'it' }] };
    const model = buildTimelineModel(session({ startedAt: s(10), audio: [ref('rec', 'audio', s(20))] }), {
      ...none,
      audio: { recordings: [recording('rec', 10, [{ start: 2, end: 3 }])], speechSec: 1 },
      transcript: { cues: [timed], warnings: [] },
    });
    expect(model.cues[0]!.words).toEqual([{ start: 12, end: 12.4, text: 'ship' }, { start: 12.4, end: 13, text: 'it' }]);
  });

  test("a video's frames sit at the video's start plus their time in it; its sound track is placed with it", () => {
    const frame = (timeSec: number): VideoFrameShot => ({ id: `v@${timeSec}`, videoId: 'v', timeSec, at: null, reason: 'interval', blob: new Blob(), width: 1, height: 1 });
    const info: VideoInfo = { mediaId: 'v', name: 'v.webm', durationSec: 15, width: 1, height: 1, codec: 'vp8', hasAudio: true, decodedFrames: 3, frames: [frame(0), frame(6), frame(11)] };
    const model = buildTimelineModel(session({ videos: [ref('v', 'video', null)] }), {
      ...none,
      video: { videos: [info] },
      chapters: chaptersOf([screen('v@0', null, { videoId: 'v', timeSec: 0 }), screen('v@6', null, { videoId: 'v', timeSec: 6 }), screen('v@11', null, { videoId: 'v', timeSec: 11 })], [0, 1, 2]),
      audio: { recordings: [recording('v', 15, [{ start: 1, end: 3 }])], speechSec: 2 },
    });
    expect(model.origin).toBeNull();
    expect(model.videos).toEqual([{ videoId: 'v', start: 0, end: 15 }]);
    expect(model.frames.map((f) => f.t)).toEqual([0, 6, 11]);
    expect(model.speech).toEqual([{ start: 1, end: 3 }]);
    expect(model.duration).toBe(15);
  });

  test("a recording timed by its file's date (its end) starts that long before it: frames, video, speech and transcript line up", () => {
    // As imported from a folder: the video's only time is its file's date, written when it ended at s(15).
    const frame = (timeSec: number): VideoFrameShot => ({ id: `v@${timeSec}`, videoId: 'v', timeSec, at: s(timeSec), reason: 'interval', blob: new Blob(), width: 1, height: 1 });
    const info: VideoInfo = { mediaId: 'v', name: 'v.webm', durationSec: 15, width: 1, height: 1, codec: 'vp8', hasAudio: true, decodedFrames: 3, frames: [frame(0), frame(6), frame(11)] };
    const video: MediaRef = { ...ref('v', 'video', s(15)), atFrom: 'file-date' };
    const voice: MediaRef = { ...ref('voice', 'audio', s(40)), atFrom: 'file-date' };
    const model = buildTimelineModel(session({ videos: [video], audio: [voice] }), {
      ...none,
      video: { videos: [info] },
      // The stages put the frames at the recording's start plus their time in it (workers/video/sampleVideo.ts).
      chapters: chaptersOf([screen('v@0', s(0), { videoId: 'v', timeSec: 0 }), screen('v@6', s(6), { videoId: 'v', timeSec: 6 }), screen('v@11', s(11), { videoId: 'v', timeSec: 11 })], [0, 1, 2]),
      audio: { recordings: [{ ...recording('voice', 20, [{ start: 2, end: 4 }]), startAt: s(20) }, recording('v', 15, [{ start: 1, end: 3 }])], speechSec: 4 },
      transcript: { cues: [cue(2, 4, 'hello')], warnings: [] },
    });
    expect(model.origin).toBe(s(0));
    expect(model.videos).toEqual([{ videoId: 'v', start: 0, end: 15 }]);
    expect(model.frames.map((f) => f.t)).toEqual([0, 6, 11]);
    expect(model.speech).toEqual([
      { start: 1, end: 3 },
      { start: 22, end: 24 },
    ]);
    // The transcript's second 0 is the first recording's start, as the transcript stage placed it.
    expect(model.cues).toEqual([{ start: 22, end: 24, text: 'hello' }]);
    expect(model.duration).toBe(40);
  });

  test('screenshots without any time are spread evenly, five seconds each without recordings', () => {
    const model = buildTimelineModel(session({}), { ...none, chapters: chaptersOf([screen('a', null), screen('b', null), screen('c', null)], [0]) });
    expect(model.frames.map((f) => f.t)).toEqual([0, DEFAULT_SCREEN_SEC, 2 * DEFAULT_SCREEN_SEC]);
  });

  test('a screenshot without a time takes the previous one\'s; frames keep time order', () => {
    const model = buildTimelineModel(session({ startedAt: s(0) }), { ...none, chapters: chaptersOf([screen('a', null), screen('b', s(30)), screen('c', null), screen('d', s(20))], [0]) });
    expect(model.frames.map((f) => [f.screen, f.t])).toEqual([
      [3, 20],
      [0, 30],
      [1, 30],
      [2, 30],
    ]);
  });

  test('a session with nothing enriched yet still has an axis one second long', () => {
    const model = buildTimelineModel(session({}), none);
    expect(model).toMatchObject({ duration: 1, frames: [], chapters: [], cues: [], speech: [] });
  });
});
