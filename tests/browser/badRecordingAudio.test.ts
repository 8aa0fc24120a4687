import { describe, expect, test } from 'vitest';
import type { AudioStageResult } from '../../src/shared/results.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { StageFailure } from '../../workers/stage.ts';
import { audioStage } from '../../workers/stages/audio.ts';
import { bareSession, stageContext } from '../fixtures/stageContext.ts';

/** A file served from the project root by the test server. */
async function fixture(path: string): Promise<Blob> {
  const response = await fetch(`/tests/fixtures/${path}`);
  if (!response.ok || response.headers.get('content-type')?.includes('text/html')) throw new Error(`No fixture ${path}`);
  return new Blob([await response.arrayBuffer()], { type: 'audio/wav' });
}

async function recordings(files: Array<{ name: string; blob: Blob }>) {
  const media = new Map(files.map((file, i) => [`rec-${i}`, file.blob]));
  const audio: MediaRef[] = files.map((file, i) => ({ id: `rec-${i}`, name: file.name, kind: 'audio', type: 'audio/wav', size: file.blob.size, at: null }));
  const warnings: string[] = [];
  const ctx = stageContext(bareSession({ id: 'two-recordings', title: 'Two recordings', audio }), {
    readMedia: async (id) => media.get(id)!,
    warn: (message) => warnings.push(message),
  });
  return { run: () => audioStage(ctx) as Promise<AudioStageResult>, warnings };
}

/**
 * A session may hold several recordings (a call in parts, a phone's and a laptop's). One that
 * cannot be read (empty, a bogus header) failed the whole audio stage: the good recordings lost
 * their speech segments, waveform and loudness too. It is skipped with its message, and the stage
 * warns, naming it; a session whose recordings are all unreadable still fails
 * (tests/browser/badInput.test.ts).
 */
describe('audio of a session with a good recording and bad ones', () => {
  test('the good recording is analysed; each bad one is named in the stage warning', async () => {
    const { run, warnings } = await recordings([
      { name: 'empty.wav', blob: await fixture('bad/batch/zero-byte-audio/audio.wav') },
      { name: 'meeting.wav', blob: await fixture('sessions/design-review/meeting.wav') },
      { name: 'bogus.wav', blob: await fixture('bad/batch/bogus-wav-header/audio.wav') },
    ]);
    const result = await run();
    expect(result.recordings.map((recording) => recording.mediaId)).toEqual(['rec-1']);
    expect(result.recordings[0]?.durationSec).toBeGreaterThan(1);
    expect(result.speechSec).toBeGreaterThan(0);
    expect(warnings.join(' ')).toContain('empty.wav is empty (0 bytes): there is no sound to analyse.');
    expect(warnings.join(' ')).toContain('bogus.wav: This audio file is not a WAV recording it can read (its header is not RIFF/WAVE).');
  }, 60_000);

  test('with every recording unreadable the stage still fails, naming them', async () => {
    const { run } = await recordings([
      { name: 'empty.wav', blob: await fixture('bad/batch/zero-byte-audio/audio.wav') },
      { name: 'bogus.wav', blob: await fixture('bad/batch/bogus-wav-header/audio.wav') },
    ]);
    const error = await run().then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(StageFailure);
    expect((error as StageFailure).message).toBe(
      'empty.wav is empty (0 bytes): there is no sound to analyse. bogus.wav: This audio file is not a WAV recording it can read (its header is not RIFF/WAVE).',
    );
  });
});
