import { describe, expect, test } from 'vitest';
import { timeForKey } from '../../src/ui/detail/timeline/keys.ts';
import { chapterAt, cueAt, focusTime, wordAt, frameAt, timeOfVideoMoment, valueText, videoMoment } from '../../src/ui/detail/timeline/lookup.ts';
import type { TimelineModel } from '../../src/ui/detail/timeline/model.ts';
import { timeOfX, xOfTime } from '../../src/ui/detail/timeline/scale.ts';

/** Frames at 5, 20, 20.0004 (same moment), 65 and 125 s; chapters at 5 and 65; 730 s long. */
const model: TimelineModel = {
  duration: 730,
  origin: 0,
  frames: [5, 20, 20.0004, 65, 125].map((t, screen) => ({ t, screen, mediaId: `m${screen}` })),
  chapters: [
    { t: 5, index: 0, title: 'Invoice export' },
    { t: 65, index: 1, title: 'Release plan' },
  ],
  speech: [],
  cues: [
    { start: 2, end: 30, text: 'long' },
    { start: 10, end: 12, text: 'short' },
    { start: 40, end: 50, text: 'later' },
  ],
  videos: [{ videoId: 'v', start: 100, end: 160 }],
  transcriptOffset: 2,
};
const empty: TimelineModel = { ...model, frames: [], chapters: [], cues: [], videos: [] };

describe('frameAt() and chapterAt()', () => {
  test('the frame shown is the last taken at or before the time; none before the first', () => {
    expect(frameAt(model, 0)).toBe(-1);
    expect(frameAt(model, 4.99)).toBe(-1);
    expect(frameAt(model, 5)).toBe(0);
    expect(frameAt(model, 64.9)).toBe(2);
    expect(frameAt(model, 65)).toBe(3);
    expect(frameAt(model, 730)).toBe(4);
  });

  test('the chapter is the last begun at or before the time', () => {
    expect(chapterAt(model, 1)).toBe(-1);
    expect(chapterAt(model, 64)).toBe(0);
    expect(chapterAt(model, 65)).toBe(1);
  });
});

describe('cueAt()', () => {
  test('the line being said: the latest-starting cue that has not ended', () => {
    expect(cueAt(model, 1)?.text).toBeUndefined();
    expect(cueAt(model, 2)?.text).toBe('long');
    expect(cueAt(model, 11)?.text).toBe('short');
    // After the short cue ends, the long one that began before it is still being said.
    expect(cueAt(model, 13)?.text).toBe('long');
    expect(cueAt(model, 30)).toBeNull();
    expect(cueAt(model, 45)?.text).toBe('later');
  });
});

describe('wordAt()', () => {
  test('the word being said: the last begun at or before the time; none without timed words', () => {
    const cue = { start: 2, end: 4, text: 'ship it now', words: [{ start: 2, end: 2.5, text: 'ship' }, { start: 2.5, end: 3, text: 'it' }, { start: 3.2, end: 4, text: 'now' }] };
    expect(wordAt(cue, 1.9)).toBe(-1);
    expect(wordAt(cue, 2)).toBe(0);
    expect(wordAt(cue, 2.7)).toBe(1);
    expect(wordAt(cue, 3.1)).toBe(1);
    expect(wordAt(cue, 3.2)).toBe(2);
    expect(wordAt({ start: 2, end: 4, text: 'untimed' }, 3)).toBe(-1);
    expect(wordAt(null, 3)).toBe(-1);
  });
});

describe('timeForKey()', () => {
  test('arrows step to the next and previous frame; frames at the same moment are one step', () => {
    expect(timeForKey(model, 0, 'ArrowRight')).toBe(5);
    expect(timeForKey(model, 5, 'ArrowRight')).toBe(20);
    expect(timeForKey(model, 20, 'ArrowRight')).toBe(65);
    expect(timeForKey(model, 65, 'ArrowLeft')).toBe(20);
    // Between frames, back goes to the start of the frame shown.
    expect(timeForKey(model, 40, 'ArrowLeft')).toBe(20);
    expect(timeForKey(model, 40, 'ArrowDown')).toBe(20);
    expect(timeForKey(model, 40, 'ArrowUp')).toBe(65);
  });

  test('at the last frame, or before the first, the playhead stays', () => {
    expect(timeForKey(model, 125, 'ArrowRight')).toBe(125);
    expect(timeForKey(model, 5, 'ArrowLeft')).toBe(5);
    expect(timeForKey(model, 2, 'ArrowLeft')).toBe(2);
  });

  test('Page Up and Page Down go by chapter; Home and End to the ends', () => {
    expect(timeForKey(model, 0, 'PageDown')).toBe(5);
    expect(timeForKey(model, 5, 'PageDown')).toBe(65);
    expect(timeForKey(model, 65, 'PageDown')).toBe(65);
    expect(timeForKey(model, 100, 'PageUp')).toBe(65);
    expect(timeForKey(model, 65, 'PageUp')).toBe(5);
    expect(timeForKey(model, 300, 'Home')).toBe(0);
    expect(timeForKey(model, 3, 'End')).toBe(730);
  });

  test('without frames or chapters the keys move by time, within the timeline', () => {
    expect(timeForKey(empty, 0, 'ArrowRight')).toBe(5);
    expect(timeForKey(empty, 2, 'ArrowLeft')).toBe(0);
    expect(timeForKey(empty, 0, 'PageDown')).toBe(73);
    expect(timeForKey(empty, 700, 'PageDown')).toBe(730);
  });

  test('other keys are left to the page', () => {
    expect(timeForKey(model, 0, 'Tab')).toBeNull();
    expect(timeForKey(model, 0, 'Enter')).toBeNull();
  });
});

describe('xOfTime() and timeOfX()', () => {
  test('map time and x both ways, keeping the time within the axis', () => {
    expect(xOfTime(365, 730, 1000)).toBe(500);
    expect(timeOfX(500, 730, 1000)).toBe(365);
    expect(timeOfX(-20, 730, 1000)).toBe(0);
    expect(timeOfX(1200, 730, 1000)).toBe(730);
    expect(timeOfX(10, 730, 0)).toBe(0);
  });
});

describe('focusTime()', () => {
  test('a transcript hit opens at its time from the transcript start; a chapter hit at the chapter', () => {
    expect(focusTime(model, { chapter: 0, time: 38 })).toBe(40);
    expect(focusTime(model, { chapter: 1, time: null })).toBe(65);
    expect(focusTime(model, { chapter: null, time: null })).toBeNull();
    expect(focusTime(model, null)).toBeNull();
    expect(focusTime(model, { chapter: null, time: 5000 })).toBe(730);
  });
});

describe('videoMoment()', () => {
  test('the video under the playhead and the time in it; none outside videos', () => {
    expect(videoMoment(model, 130)).toEqual({ videoId: 'v', sec: 30 });
    expect(videoMoment(model, 99)).toBeNull();
  });
});

describe('timeOfVideoMoment()', () => {
  test('a moment of a playing video is its start plus the time in it, kept within the video; an unknown video has none', () => {
    expect(timeOfVideoMoment(model, { videoId: 'v', sec: 30 })).toBe(130);
    expect(timeOfVideoMoment(model, { videoId: 'v', sec: 0 })).toBe(100);
    expect(timeOfVideoMoment(model, { videoId: 'v', sec: 75 })).toBe(160);
    expect(timeOfVideoMoment(model, { videoId: 'other', sec: 3 })).toBeNull();
    // The inverse of videoMoment() within the video.
    expect(timeOfVideoMoment(model, videoMoment(model, 142.5)!)).toBe(142.5);
  });
});

describe('valueText()', () => {
  test('says the time, the length and the chapter', () => {
    expect(valueText(model, 83)).toBe('1:23 of 12:10, chapter 2: Release plan');
    expect(valueText(model, 0)).toBe('0:00 of 12:10');
  });
});
