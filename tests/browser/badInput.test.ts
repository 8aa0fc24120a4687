import { describe, expect, test } from 'vitest';
import type { AudioStageResult, ChaptersResult, OcrResult, TranscriptResult } from '../../src/shared/results.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { StageFailure, type StageContext } from '../../workers/stage.ts';
import { audioStage } from '../../workers/stages/audio.ts';
import { chaptersStage } from '../../workers/stages/chapters.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { transcriptStage } from '../../workers/stages/transcript.ts';
import { bareSession, stageContext } from '../fixtures/stageContext.ts';
import { stageHarness } from './fixtures/stageHarness.ts';

/** A file of the bad-input corpus (tests/fixtures/bad/batch), served from the project root by the test server. */
async function bad(path: string, type = ''): Promise<Blob> {
  const response = await fetch(`/tests/fixtures/bad/batch/${path}`);
  if (!response.ok || response.headers.get('content-type')?.includes('text/html')) throw new Error(`No fixture ${path}`);
  return new Blob([await response.arrayBuffer()], { type });
}

/** A session of one recording or one transcript, for the audio and transcript stages. */
function oneFileContext(kind: 'audio' | 'transcript', name: string, blob: Blob): StageContext {
  const ref: MediaRef = { id: 'file', name, kind, type: blob.type, size: blob.size, at: null };
  const session = bareSession({
    id: 'bad',
    title: 'Bad input',
    audio: kind === 'audio' ? [ref] : [],
    transcript: kind === 'transcript' ? ref : null,
  });
  return stageContext(session, { readMedia: async () => blob });
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

describe('bad screenshots, each with its own words', () => {
  test('a text file named .png is "not a picture"; a PNG damaged mid-file is "damaged"; a 20000×20000 header is skipped', async () => {
    const text = await bad('text-named-png/screen.png', 'image/png');
    const corrupt = await bad('corrupt-png/screen.png', 'image/png');
    const huge = await bad('huge-png/screen.png', 'image/png');

    const notPicture = await failure(chaptersStage(stageHarness([{ name: 'screen.png', blob: text }]).ctx));
    expect(notPicture.errorClass).toBe('permanent');
    expect(notPicture.message).toBe('screen.png is not a picture this app can read: it does not start as a PNG, JPEG or WebP file does.');

    // The header of the damaged file reads (640×360), so the check passes and the real decoder refuses it.
    const damaged = await failure(chaptersStage(stageHarness([{ name: 'screen.png', blob: corrupt }]).ctx));
    expect(damaged.errorClass).toBe('permanent');
    expect(damaged.message).toBe('screen.png is damaged: its picture data could not be decoded.');

    const chapters = (await chaptersStage(stageHarness([{ name: 'screen.png', blob: huge }]).ctx)) as ChaptersResult;
    expect(chapters.screens[0]?.message).toBe('screen.png is 20000×20000 pixels; images over 50 megapixels are skipped.');
    expect(chapters.thumbnails).toEqual([]);
  });

  test('OCR gives each bad screenshot its own message and reads nothing from it', async () => {
    const shots = [
      { name: 'text.png', blob: await bad('text-named-png/screen.png', 'image/png') },
      { name: 'huge.png', blob: await bad('huge-png/screen.png', 'image/png') },
    ];
    const result = (await ocrStage(stageHarness(shots).ctx)) as OcrResult;
    expect(result.screens.map((screen) => screen.message)).toEqual([
      'text.png is not a picture this app can read: it does not start as a PNG, JPEG or WebP file does.',
      'huge.png is 20000×20000 pixels; images over 50 megapixels are skipped.',
    ]);
    expect(result.screens.map((screen) => screen.text)).toEqual(['', '']);
  });
});

describe('bad recordings and transcripts, each with its own words', () => {
  test('a WAV cut short is read up to where it ends, with a warning', async () => {
    const result = (await audioStage(oneFileContext('audio', 'audio.wav', await bad('truncated-wav/audio.wav', 'audio/wav')))) as AudioStageResult;
    expect(result.recordings[0]?.durationSec).toBe(1);
    expect(result.recordings[0]?.warning).toBe('audio.wav is cut short: only its first 1.0 s could be read.');
    // The second that is there was read: its tone shows in the waveform.
    expect(Math.max(...(result.recordings[0]?.waveform ?? [0]))).toBeGreaterThan(0.1);
  });

  test('a WAV with a bogus header and a 0-byte file fail for good, each saying why', async () => {
    const bogus = await failure(audioStage(oneFileContext('audio', 'audio.wav', await bad('bogus-wav-header/audio.wav', 'audio/wav'))));
    expect(bogus.errorClass).toBe('permanent');
    expect(bogus.message).toBe('audio.wav: This audio file is not a WAV recording it can read (its header is not RIFF/WAVE).');
    const empty = await failure(audioStage(oneFileContext('audio', 'audio.wav', await bad('zero-byte-audio/audio.wav', 'audio/wav'))));
    expect(empty.errorClass).toBe('permanent');
    expect(empty.message).toBe('audio.wav is empty (0 bytes): there is no sound to analyse.');
  });

  test('a VTT with malformed timestamps keeps no cue and names each one it skipped', async () => {
    const blob = await bad('malformed-vtt/transcript.vtt', 'text/vtt');
    const result = (await transcriptStage(oneFileContext('transcript', 'transcript.vtt', blob))) as TranscriptResult;
    expect(result.cues).toEqual([]);
    expect(result.warnings).toEqual([
      'transcript.vtt: Cue 1 has a timestamp it cannot read (00:00:xx.000); it was skipped.',
      'transcript.vtt: Cue 2 has a timestamp it cannot read (1:2:3); it was skipped.',
      'transcript.vtt: Cue 3 ends (00:00:04.000) before it starts (00:00:05.000); it was skipped.',
    ]);
  });
});
