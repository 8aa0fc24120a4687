import { DEFAULT_DB_NAME, openEnricherDb, type ResultRecord } from '../src/shared/db.ts';
import type { AudioStageResult, Chapter, ChaptersResult, OcrResult, ScreenHash, Thumbnail, TranscriptCue, TranscriptResult } from '../src/shared/results.ts';
import type { MediaRecord, MediaRef, SessionRecord } from '../src/shared/session.ts';

/** The recording scenario 11 drags over: its length and how densely its results describe it. */
export interface TimelineShape {
  durationSec: number;
  /** A kept frame (with a thumbnail) every this many seconds. */
  frameEverySec: number;
  chapters: number;
  /** A transcript cue (and a stretch of speech) every this many seconds. */
  cueEverySec: number;
}

export interface PreparedTimeline {
  sessionId: string;
  title: string;
  frames: number;
  chapters: number;
  cues: number;
  speechSegments: number;
  thumbnailBytes: number;
  ms: number;
}

const THUMB_W = 320;
const THUMB_H = 180;
const BASE_TIME = Date.UTC(2026, 10, 20, 9);

/** A small picture of a made-up screen: a coloured page with a heading and a few bars of "text". */
async function thumbnail(i: number, chapter: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(THUMB_W, THUMB_H);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = `hsl(${(chapter * 47) % 360} 45% 92%)`;
  ctx.fillRect(0, 0, THUMB_W, THUMB_H);
  ctx.fillStyle = `hsl(${(chapter * 47) % 360} 50% 30%)`;
  ctx.fillRect(0, 0, THUMB_W, 24);
  ctx.fillStyle = '#222';
  ctx.font = '16px sans-serif';
  ctx.fillText(`Screen ${i + 1}`, 12, 48);
  for (let line = 0; line < 6; line++) ctx.fillRect(12, 64 + line * 16, 80 + ((i * 37 + line * 53) % 200), 6);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.7 });
}

/** What the prepared session's id begins with: the library's resets keep its results (see Library.resetQueue). */
export const TIMELINE_SESSION_PREFIX = 'bench-timeline-';

/**
 * Stores, in the app's own database, a session whose stored results describe a long screen
 * recording: frames with thumbnails, chapters, speech and transcript cues, all synthetic (no video
 * is encoded: the timeline reads only the results). Its id is returned for deleteTimelineSession.
 */
export async function prepareTimelineSession(shape: TimelineShape): Promise<PreparedTimeline> {
  const started = performance.now();
  const sessionId = `${TIMELINE_SESSION_PREFIX}${Date.now().toString(36)}`;
  const title = `Timeline bench: ${Math.round(shape.durationSec / 60)} min recording`;
  const frameCount = Math.floor(shape.durationSec / shape.frameEverySec);
  const perChapter = Math.ceil(frameCount / shape.chapters);
  const media: MediaRecord[] = [];
  const refs: MediaRef[] = [];
  const screens: ScreenHash[] = [];
  const thumbnails: Thumbnail[] = [];
  const ocr: OcrResult = { screens: [] };
  let thumbnailBytes = 0;
  for (let i = 0; i < frameCount; i++) {
    const id = `${sessionId}-shot${i}`;
    const at = BASE_TIME + i * shape.frameEverySec * 1000;
    const blob = await thumbnail(i, Math.floor(i / perChapter));
    thumbnailBytes += blob.size;
    media.push({ id, sessionId, blob });
    refs.push({ id, name: `shot-${i}.jpg`, kind: 'image', type: blob.type, size: blob.size, at });
    screens.push({ mediaId: id, hash: i.toString(16).padStart(16, '0'), distance: i % perChapter === 0 ? 30 : 2, at });
    thumbnails.push({ mediaId: id, blob, width: THUMB_W, height: THUMB_H, sourceWidth: 1920, sourceHeight: 1080 });
    ocr.screens.push({ mediaId: id, text: `Screen ${i + 1}: quarterly plan, item ${i % 17}, owner review`, confidence: 90 });
  }
  const chapters: Chapter[] = Array.from({ length: shape.chapters }, (_, c) => {
    const firstScreen = c * perChapter;
    const lastScreen = Math.min(frameCount, firstScreen + perChapter) - 1;
    return { index: c, firstScreen, lastScreen, start: screens[firstScreen]!.at, end: screens[lastScreen]!.at, title: `Topic ${c + 1}`, keywords: [`topic${c + 1}`] };
  });
  const cues: TranscriptCue[] = [];
  const segments: Array<{ start: number; end: number }> = [];
  for (let t = 0, n = 0; t + 2 < shape.durationSec; t += shape.cueEverySec, n++) {
    const end = t + shape.cueEverySec * 0.8;
    cues.push({ start: t, end, text: `Line ${n + 1} of what was said about topic ${Math.floor(t / (shape.durationSec / shape.chapters)) + 1}.`, at: BASE_TIME + t * 1000, chapter: null });
    segments.push({ start: t, end });
  }
  const audioId = `${sessionId}-audio`;
  const audioBlob = new Blob([new Uint8Array(64)], { type: 'audio/wav' });
  media.push({ id: audioId, sessionId, blob: audioBlob });
  const speechSec = segments.reduce((sum, s) => sum + s.end - s.start, 0);
  const audio: AudioStageResult = {
    recordings: [
      {
        mediaId: audioId,
        durationSec: shape.durationSec,
        sampleRate: 16_000,
        channels: 1,
        segments,
        detector: 'silero',
        speechSec,
        speechRatio: speechSec / shape.durationSec,
        loudnessDb: -24,
        longestSilenceSec: shape.cueEverySec * 0.2,
        waveform: Array.from({ length: 1000 }, (_, i) => 0.3 + 0.3 * Math.abs(Math.sin(i / 7))),
        startAt: BASE_TIME,
      },
    ],
    speechSec,
  };
  const session: SessionRecord = {
    id: sessionId,
    title,
    source: 'import',
    startedAt: BASE_TIME,
    endedAt: BASE_TIME + shape.durationSec * 1000,
    notes: 'A long recording made up by the bench.',
    tags: ['bench'],
    screenshots: refs,
    audio: [{ id: audioId, name: 'recording.wav', kind: 'audio', type: audioBlob.type, size: audioBlob.size, at: BASE_TIME, atFrom: 'manifest' }],
    transcript: null,
    importedAt: Date.now(),
    warnings: [],
  };
  const chaptersResult: ChaptersResult = { screens, chapters, thumbnails };
  const transcript: TranscriptResult = { cues, warnings: [] };
  const done = (result: unknown) => ({ status: 'done' as const, result, ms: 0 });
  const result: ResultRecord = {
    sessionId,
    jobId: `${sessionId}-job`,
    attempt: 1,
    committedAt: Date.now(),
    outcomes: { ocr: done(ocr), chapters: done(chaptersResult), audio: done(audio), transcript: done(transcript) },
  };
  const db = await openEnricherDb(DEFAULT_DB_NAME);
  try {
    const tx = db.transaction(['sessions', 'media', 'results'], 'readwrite');
    void tx.objectStore('sessions').put(session);
    for (const record of media) void tx.objectStore('media').put(record);
    void tx.objectStore('results').put(result);
    await tx.done;
  } finally {
    db.close();
  }
  return { sessionId, title, frames: frameCount, chapters: chapters.length, cues: cues.length, speechSegments: segments.length, thumbnailBytes, ms: performance.now() - started };
}

/** Takes the session, its media and its result out of the app's database again. */
export async function deleteTimelineSession(sessionId: string): Promise<void> {
  const db = await openEnricherDb(DEFAULT_DB_NAME);
  try {
    const tx = db.transaction(['sessions', 'media', 'results'], 'readwrite');
    const mediaIds = await tx.objectStore('media').index('by-session').getAllKeys(sessionId);
    for (const id of mediaIds) void tx.objectStore('media').delete(id);
    void tx.objectStore('sessions').delete(sessionId);
    void tx.objectStore('results').delete(sessionId);
    await tx.done;
  } finally {
    db.close();
  }
}
