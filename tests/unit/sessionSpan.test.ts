import { describe, expect, test } from 'vitest';
import type { AudioResult, VideoInfo } from '../../src/shared/results.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { bareSession } from '../fixtures/stageContext.ts';
import { sessionSpan } from '../../src/shared/sessionSpan.ts';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;
const session = bareSession;
const ref = (id: string, kind: MediaRef['kind'], at: number, atFrom: MediaRef['atFrom']): MediaRef => ({ id, name: id, kind, type: '', size: 1, at, atFrom });
const recording = (mediaId: string, durationSec: number): AudioResult => ({
  mediaId,
  durationSec,
  segments: [],
  sampleRate: 16000,
  channels: 1,
  speechSec: 0,
  speechRatio: 0,
  loudnessDb: 0,
  longestSilenceSec: 0,
  waveform: [],
});
const videoInfo = (mediaId: string, durationSec: number): VideoInfo => ({ mediaId, name: mediaId, durationSec, width: 1, height: 1, codec: 'vp8', hasAudio: false, decodedFrames: 1, frames: [] });

describe('sessionSpan()', () => {
  test('a recording dated by its file (its end) moves the start back by its length', () => {
    // As import left it: the only times are the screenshot's and the recording file's date.
    const shot = ref('shot', 'image', s(600), 'file-date');
    const meeting = ref('meeting', 'audio', s(900), 'file-date');
    const imported = session({ startedAt: s(600), endedAt: s(900), screenshots: [shot], audio: [meeting] });
    expect(sessionSpan(imported, { audio: { recordings: [recording('meeting', 1200)], speechSec: 0 }, video: null })).toEqual({ startedAt: s(-300), endedAt: s(900) });
  });

  test('a recording timed by its name or a manifest (its start) moves the end on by its length', () => {
    const video = ref('screen', 'video', s(0), 'name');
    const imported = session({ startedAt: s(0), endedAt: s(0), videos: [video] });
    expect(sessionSpan(imported, { audio: null, video: { videos: [videoInfo('screen', 95.5)] } })).toEqual({ startedAt: s(0), endedAt: s(95.5) });
  });

  test('before the stages ran, or without times, the imported span stands', () => {
    const imported = session({ startedAt: s(10), endedAt: s(20), audio: [ref('a', 'audio', s(20), 'file-date')] });
    expect(sessionSpan(imported, { audio: null, video: null })).toEqual({ startedAt: s(10), endedAt: s(20) });
    expect(sessionSpan(session({}), { audio: { recordings: [recording('x', 5)], speechSec: 0 }, video: null })).toEqual({ startedAt: null, endedAt: null });
  });
});
