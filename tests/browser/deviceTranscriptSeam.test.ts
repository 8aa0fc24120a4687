import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AudioStageResult, TranscriptResult } from '../../src/shared/results.ts';
import { addSpeechModel, removeSpeechModel } from '../../src/speech/speechModelClient.ts';
import { providerRig, type ProviderRig } from './fixtures/providerRig.ts';
import { RECORDING_START, UNBROKEN_SPEECH } from './fixtures/spokenSession.ts';
import { tinyWhisperFolder } from './fixtures/tinyWhisper.ts';

let rig: ProviderRig | undefined;
beforeAll(async () => {
  const added = await addSpeechModel(await tinyWhisperFolder());
  if (added.kind !== 'added') throw new Error(`the tiny model was not added: ${JSON.stringify(added)}`);
});
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});
afterAll(() => removeSpeechModel());

/** speechChunks' defaults: windows of 30 s, the next starting 1 s before one ends, speech padded by 0.25 s. */
const WINDOW_SEC = 30;
const OVERLAP_SEC = 1;
const PAD_SEC = 0.25;

// The tiny Whisper of random weights (scripts/makeTinyWhisper.py) ignores what it hears: in every
// 30 s window it says the same lines at the same offsets from the window's start. So where the
// cues fall shows where each window started. It never speaks in a window's first second, so it
// cannot hear the overlap twice: dropping what is heard again is proved in tests/unit/chunkSeam.test.ts.
describe('one stretch of speech longer than 30 s, transcribed on this device', () => {
  it('is cut into windows that overlap by 1 s; the cues stay on the session clock, in order, none overlapping another', async () => {
    rig = await providerRig('ok', {}, {}, 1, 'withoutVoiceModel');
    const outcomes = await rig.enrichSpoken({ takes: 'unbroken' });
    const audio = outcomes.audio!;
    const transcript = outcomes.transcript!;
    if (audio.status !== 'done' || transcript.status !== 'done') throw new Error(`stages: ${JSON.stringify(outcomes)}`);
    // The premise: the audio stage found one stretch, too long for one window.
    const segments = (audio.result as AudioStageResult).recordings[0]!.segments;
    expect(segments).toHaveLength(1);
    expect(segments[0]!.end - segments[0]!.start).toBeGreaterThan(WINDOW_SEC);

    const { cues, source } = transcript.result as TranscriptResult;
    expect(source).toEqual({ kind: 'device', model: 'whisper-tiny-random' });
    expect(cues.length).toBeGreaterThan(1);
    const first = UNBROKEN_SPEECH.start - PAD_SEC;
    for (const [i, cue] of cues.entries()) {
      expect(cue.start).toBeGreaterThanOrEqual(first);
      expect(cue.end).toBeLessThanOrEqual(UNBROKEN_SPEECH.end + PAD_SEC);
      expect(cue.end).toBeGreaterThanOrEqual(cue.start);
      expect(cue.at).toBe(Math.round(RECORDING_START + cue.start * 1000));
      if (i > 0) expect(cue.start).toBeGreaterThanOrEqual(cues[i - 1]!.end);
    }
    // The second window says the first window's first line 29 s later: it started 1 s before the first ended.
    const opening = cues[0]!;
    expect(opening.start).toBeLessThan(first + WINDOW_SEC - OVERLAP_SEC);
    const again = cues.filter((cue) => Math.abs(cue.start - (opening.start + WINDOW_SEC - OVERLAP_SEC)) < 0.01);
    expect(again.map((cue) => cue.text)).toEqual([opening.text]);
  });
});
