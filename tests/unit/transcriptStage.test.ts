import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { ChaptersResult, TranscriptResult } from '../../src/shared/results.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { StageFailure } from '../../workers/stage.ts';
import type { StageContext } from '../../workers/stage.ts';
import { bareSession, stageContext } from '../fixtures/stageContext.ts';
import { transcriptStage } from '../../workers/stages/transcript.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/transcripts/${name}`, import.meta.url)));
const STARTED = Date.UTC(2026, 10, 20, 9);

function context(file: { name: string; bytes: Uint8Array<ArrayBuffer> | string } | null, options: { audioAt?: number | null; results?: Record<string, unknown> } = {}): StageContext {
  const blob = file ? new Blob([file.bytes]) : null;
  const ref = (id: string, name: string, kind: MediaRef['kind'], at: number | null): MediaRef => ({ id, name, kind, type: '', size: 0, at });
  const session = bareSession({
    id: 'ses-1',
    title: 'Planning call',
    startedAt: STARTED,
    audio: options.audioAt === undefined ? [] : [ref('a1', 'call.wav', 'audio', options.audioAt)],
    transcript: file ? ref('t1', file.name, 'transcript', null) : null,
  });
  return stageContext(session, {
    readMedia: async (id) => {
      if (id !== 't1' || !blob) throw new Error(`No media ${id}`);
      return blob;
    },
    results: options.results ?? {},
  });
}

async function failure(promise: Promise<unknown>): Promise<StageFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StageFailure) return error;
    throw error;
  }
  throw new Error('Expected the stage to fail');
}

const chapters: ChaptersResult = {
  screens: [],
  chapters: [
    { index: 0, firstScreen: 0, lastScreen: 1, start: STARTED + 5_000, end: STARTED + 8_000, title: 'Chapter 1', keywords: [] },
    { index: 1, firstScreen: 2, lastScreen: 2, start: STARTED + 60_000, end: STARTED + 60_000, title: 'Chapter 2', keywords: [] },
    { index: 2, firstScreen: 3, lastScreen: 3, start: null, end: null, title: 'Chapter 3', keywords: [] },
  ],
  thumbnails: [],
};

describe('transcriptStage', () => {
  test('a session without a transcript has no cues', async () => {
    expect(await transcriptStage(context(null))).toEqual({ cues: [], warnings: [], source: { kind: 'none' } });
  });

  test('reads a WebVTT file and places cues on the timeline from the first recording', async () => {
    const audioAt = STARTED + 2_000;
    const result = (await transcriptStage(context({ name: 'call.vtt', bytes: fixture('planning-call.vtt') }, { audioAt }))) as TranscriptResult;
    expect(result.cues.map((cue) => [cue.start, cue.at])).toEqual([
      [1.2, audioAt + 1_200],
      [5, audioAt + 5_000],
      [9.5, audioAt + 9_500],
      [72, audioAt + 72_000],
      [3723.004, audioAt + 3_723_004],
    ]);
    expect(result.cues.every((cue) => cue.chapter === null)).toBe(true);
    expect(result.warnings[0]).toBe('call.vtt: Cue 4 has a timestamp it cannot read (00:01:xx.000); it was skipped.');
    expect(result.warnings).toHaveLength(3);
  });

  test('without recordings, cues count from the session start and fall in the chapter on screen', async () => {
    const file = { name: 'review.srt', bytes: fixture('design-review.srt') };
    const result = (await transcriptStage(context(file, { results: { chapters } }))) as TranscriptResult;
    // 0.5 s and 3.2 s come before the first screenshot (5 s): the first chapter holds them.
    expect(result.cues.map((cue) => [cue.start, cue.at, cue.chapter])).toEqual([
      [0.5, STARTED + 500, 0],
      [3.2, STARTED + 3_200, 0],
      [9, STARTED + 9_000, 0],
      [14, STARTED + 14_000, 0],
    ]);
    const late = { name: 'late.vtt', bytes: 'WEBVTT\n\n00:01:00.000 --> 00:01:02.000\nOn the second screen\n' };
    const [cue] = ((await transcriptStage(context(late, { results: { chapters } }))) as TranscriptResult).cues;
    expect(cue?.chapter).toBe(1);
  });

  test('picks the parser by content: a .srt name holding WebVTT is read as WebVTT', async () => {
    const file = { name: 'odd.srt', bytes: 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Sam>Hello\n' };
    expect(((await transcriptStage(context(file))) as TranscriptResult).cues[0]?.text).toBe('Hello');
  });

  test('a file that is not a transcript at all fails for good, in plain words', async () => {
    const letter = await failure(transcriptStage(context({ name: 'notes.vtt', bytes: 'Dear team,\nsee you Monday.\n' })));
    expect(letter.errorClass).toBe('permanent');
    expect(letter.message).toBe('notes.vtt is not a transcript: it has no timed lines (such as "00:00:01.000 --> 00:00:04.000").');
    const binary = await failure(transcriptStage(context({ name: 'call.srt', bytes: new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0]) })));
    expect(binary.message).toBe('call.srt is not a text file, so it cannot be read as a transcript.');
  });

  test('an empty WebVTT file is a transcript with no cues', async () => {
    expect(await transcriptStage(context({ name: 'empty.vtt', bytes: 'WEBVTT\n' }))).toEqual({ cues: [], warnings: [], source: { kind: 'imported', name: 'empty.vtt' } });
  });
});
