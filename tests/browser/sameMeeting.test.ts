import { afterEach, describe, expect, test } from 'vitest';
import { openEnricherDb } from '../../src/shared/db.ts';
import type { AudioStageResult } from '../../src/shared/results.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { WorkerPool } from '../../src/pool/workerPool.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { encodeWav16 } from '../../workers/audio/wav.ts';
import { makeRecording } from '../fixtures/video/makeRecording.ts';
import { deleteDatabase, uniqueDbName } from './fixtures/sessions.ts';

/** Where someone speaks, in seconds: the same meeting on both the recorder and the screen recording. */
const SPEECH: Array<[number, number]> = [
  [1, 3],
  [5, 7],
];
const SECONDS = 10;
const MEETING_AT = Date.UTC(2026, 10, 24, 14);

/** The meeting's own recording: a tone where someone speaks, as a 16 kHz WAV. */
function meetingWav(): Blob {
  const rate = 16_000;
  const samples = new Float32Array(SECONDS * rate);
  for (const [start, end] of SPEECH) {
    for (let i = start * rate; i < end * rate; i++) samples[i] = 0.3 * Math.sin((2 * Math.PI * 220 * i) / rate);
  }
  return new Blob([encodeWav16(samples, rate)], { type: 'audio/wav' });
}

const poolWorker = () => new Worker(new URL('./fixtures/withoutOcr.worker.ts', import.meta.url), { type: 'module', name: 'same-meeting' });

describe('a screen recording with the microphone on, and the meeting recorded on its own', () => {
  let cleanup: () => Promise<void> = async () => {};
  afterEach(() => cleanup());

  /** Runs the audio stage in a real pool worker over the recording and the video, the video starting `videoAfterMs` after it. */
  async function audioOf(videoAfterMs: number): Promise<AudioStageResult> {
    const dbName = uniqueDbName();
    const db = await openEnricherDb(dbName);
    const pool = new WorkerPool({ size: 1, createWorker: poolWorker });
    cleanup = async () => {
      pool.terminate();
      db.close();
      await deleteDatabase(dbName);
    };
    const wav = meetingWav();
    const video = await makeRecording({ pages: [{ at: 0, lines: ['Weekly planning'] }], durationSec: SECONDS, speech: SPEECH, container: 'webm' });
    const session: SessionRecord = {
      id: 'meeting',
      title: 'Weekly planning',
      source: 'import',
      startedAt: MEETING_AT,
      endedAt: null,
      notes: '',
      tags: [],
      screenshots: [],
      audio: [{ id: 'a0', name: 'meeting.wav', kind: 'audio', type: wav.type, size: wav.size, at: MEETING_AT, atFrom: 'manifest' }],
      videos: [{ id: 'v0', name: 'screen.webm', kind: 'video', type: video.type, size: video.size, at: MEETING_AT + videoAfterMs, atFrom: 'manifest' }],
      transcript: null,
      importedAt: Date.now(),
      warnings: [],
    };
    await new SessionStore(db).add(session, [
      { id: 'a0', sessionId: session.id, blob: wav },
      { id: 'v0', sessionId: session.id, blob: video },
    ]);
    const request = { jobId: 'meeting-job', sessionId: session.id, attempt: 1, dbName, stages: ['audio'], skip: {} };
    const response = await pool.run({ request, timeoutMs: 120_000, onProgress: () => {} });
    const outcome = response.outcomes.audio!;
    if (outcome.status !== 'done') throw new Error(`audio is ${outcome.status}`);
    return outcome.result as AudioStageResult;
  }

  test('at the same time: the sound track is marked as the same meeting, and its speech is counted once', async () => {
    const audio = await audioOf(400);
    const [recording, soundtrack] = audio.recordings;
    expect([recording?.mediaId, soundtrack?.mediaId]).toEqual(['a0', 'v0']);
    // Both heard the speech: each on its own would count it.
    expect(recording!.speechSec).toBeGreaterThan(3.5);
    expect(soundtrack!.speechSec).toBeGreaterThan(3.5);
    expect(recording!.sameAs).toBeUndefined();
    expect(soundtrack!.sameAs).toBe('a0');
    expect(audio.speechSec).toBe(recording!.speechSec);
  });

  test('an hour apart: two meetings, both counted', async () => {
    const audio = await audioOf(3_600_000);
    expect(audio.recordings.map((r) => r.sameAs)).toEqual([undefined, undefined]);
    expect(audio.speechSec).toBeCloseTo(audio.recordings[0]!.speechSec + audio.recordings[1]!.speechSec, 6);
  });
});
