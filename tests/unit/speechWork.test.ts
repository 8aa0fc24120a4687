import { describe, expect, test } from 'vitest';
import type { AudioResult, AudioStageResult } from '../../src/shared/results.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { speechSeconds, speechWork } from '../../workers/audio/speechWork.ts';
import type { StageContext } from '../../workers/stage.ts';

const ref = (id: string, kind: MediaRef['kind']): MediaRef => ({ id, name: `${id}.file`, kind, type: '', size: 1, at: null });

function analysed(mediaId: string, sameAs?: string): AudioResult {
  const segments = [{ start: 1, end: 3 }];
  return { mediaId, durationSec: 10, sampleRate: 16_000, channels: 1, segments, speechSec: 2, speechRatio: 0.2, loudnessDb: -20, longestSilenceSec: 7, waveform: [], ...(sameAs ? { sameAs } : {}) };
}

/** Only the results matter to speechWork: the rest of a stage's context stays out of the test. */
const contextWith = (audio: AudioStageResult) => ({ results: { audio } }) as unknown as StageContext;

describe('what there is to transcribe, for the provider and the device model alike', () => {
  test("a sound track that repeats the meeting's recording is not transcribed a second time", () => {
    const ctx = contextWith({ recordings: [analysed('meeting'), analysed('screen', 'meeting')], speechSec: 2 });
    const work = speechWork(ctx, [ref('meeting', 'audio'), ref('screen', 'video')]);
    expect(work.map((w) => w.ref.id)).toEqual(['meeting']);
    expect(speechSeconds(work)).toBeCloseTo(2 + 2 * 0.25, 6);
  });

  test('two meetings are both transcribed; a recording the audio stage did not analyse is not', () => {
    const ctx = contextWith({ recordings: [analysed('meeting'), analysed('screen')], speechSec: 4 });
    const work = speechWork(ctx, [ref('meeting', 'audio'), ref('screen', 'video'), ref('broken', 'audio')]);
    expect(work.map((w) => w.ref.id)).toEqual(['meeting', 'screen']);
  });
});
