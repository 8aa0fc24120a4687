import { describe, expect, test } from 'vitest';
import type { AudioResult } from '../../src/shared/results.ts';
import { countedRecordings, markRepeatedSoundtracks } from '../../src/shared/sameMeeting.ts';

const AT = Date.UTC(2026, 10, 24, 14);

function recording(mediaId: string, startAt: number | null, durationSec: number): AudioResult {
  return { mediaId, durationSec, sampleRate: 16_000, channels: 1, segments: [], speechSec: 1, speechRatio: 0.1, loudnessDb: -20, longestSilenceSec: 1, waveform: [], startAt };
}

const marks = (recordings: AudioResult[], soundtracks: string[]) =>
  markRepeatedSoundtracks(recordings, new Set(soundtracks)).map((r) => [r.mediaId, r.sameAs ?? null]);

describe('a sound track that repeats a recording of the same meeting', () => {
  test('overlapping half of the shorter one or more: marked with the recording it overlaps most', () => {
    const meeting = recording('meeting', AT, 600);
    const other = recording('other', AT + 500_000, 600);
    // 60 s of a 100 s screen recording overlap the meeting, 100 s overlap the other recording.
    const screen = recording('screen', AT + 540_000, 100);
    expect(marks([meeting, other, screen], ['screen'])).toEqual([
      ['meeting', null],
      ['other', null],
      ['screen', 'other'],
    ]);
  });

  test('overlapping less than half, or not at all: two meetings', () => {
    const meeting = recording('meeting', AT, 100);
    expect(marks([meeting, recording('screen', AT + 60_000, 100)], ['screen'])).toEqual([
      ['meeting', null],
      ['screen', null],
    ]);
    expect(marks([meeting, recording('screen', AT + 3_600_000, 100)], ['screen'])).toEqual([
      ['meeting', null],
      ['screen', null],
    ]);
  });

  test('with no start known for either, nothing is marked: there is no telling', () => {
    expect(marks([recording('meeting', null, 100), recording('screen', AT, 100)], ['screen'])).toEqual([
      ['meeting', null],
      ['screen', null],
    ]);
    expect(marks([recording('meeting', AT, 100), recording('screen', null, 100)], ['screen'])).toEqual([
      ['meeting', null],
      ['screen', null],
    ]);
  });

  test('two recordings (no sound track) at the same time are never marked: two microphones are two files the person chose', () => {
    expect(marks([recording('a', AT, 100), recording('b', AT, 100)], [])).toEqual([
      ['a', null],
      ['b', null],
    ]);
  });

  test('countedRecordings leaves out the marked sound tracks only', () => {
    const marked = markRepeatedSoundtracks([recording('meeting', AT, 100), recording('screen', AT, 100), recording('later', AT + 3_600_000, 50)], new Set(['screen', 'later']));
    expect(countedRecordings(marked).map((r) => r.mediaId)).toEqual(['meeting', 'later']);
  });
});
