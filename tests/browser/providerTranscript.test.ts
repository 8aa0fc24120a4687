import { afterEach, describe, expect, it } from 'vitest';
import type { TranscriptResult } from '../../src/shared/results.ts';
import { providerRig, type ProviderRig } from './fixtures/providerRig.ts';
import { RECORDING_START, SECOND_TAKE_SEC, SPOKEN } from './fixtures/spokenSession.ts';
import { waitFor } from './fixtures/waitFor.ts';

let rig: ProviderRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

const TRANSCRIBE = { transcriptionModel: 'whisper-1' };
const VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nThe invoice export still drops rows.\n';

function transcriptOf(outcomes: Awaited<ReturnType<ProviderRig['enrichSpoken']>>): { result: TranscriptResult; warning: string | undefined } {
  const outcome = outcomes.transcript!;
  if (outcome.status !== 'done') throw new Error(`transcript ${outcome.status}: ${JSON.stringify(outcome)}`);
  return { result: outcome.result as TranscriptResult, warning: outcome.warning };
}

// The audio stage finds the speech by loudness here (the recording is clean espeak-ng speech over
// digital silence): what is sent follows its segments whichever detector made them, and each test
// is spared loading the voice model in a fresh worker (speechVad.test.ts covers the model).
describe('provider transcription of recordings, against the stub', () => {
  it('sends only the detected speech as 16 kHz mono WAV chunks and places what it heard on the session clock', async () => {
    rig = await providerRig('ok', TRANSCRIBE, {}, 1, 'withoutVoiceModel');
    const { result, warning } = transcriptOf(await rig.enrichSpoken({ takes: 2 }));
    expect(warning).toBeUndefined();
    const calls = await rig.transcriptions();
    // Two takes of speech 10 s apart, too far for one 30 s chunk: two chunks, the silence between them never sent.
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call).toMatchObject({ model: 'whisper-1', responseFormat: 'verbose_json', granularities: ['segment'], fileName: 'speech.wav', fileType: 'audio/wav' });
      expect(call).toMatchObject({ sampleRate: 16_000, channels: 1, authorization: 'Bearer sk-test-0123456789abcdef' });
      // One take's speech, from its first sentence to its last, padded: about 10.5 s of the 12.1 s.
      const spoken = SPOKEN.spans.at(-1)!.end - SPOKEN.spans[0]!.start;
      expect(call.durationSec).toBeGreaterThan(spoken - 0.6);
      expect(call.durationSec).toBeLessThan(spoken + 1.2);
      expect(call.rms).toBeGreaterThan(0.01);
    }
    expect(result.source).toEqual({ kind: 'provider', origin: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), model: 'whisper-1' });
    // The stub hears one segment from 0.1 s into each chunk; chunks start just before each take's first sentence.
    expect(result.cues.map((cue) => cue.text)).toEqual([expect.stringMatching(/^Chunk 1 of \d+\.\d s\.$/), expect.stringMatching(/^Chunk 2 of /)]);
    const [first, second] = result.cues;
    expect(first!.start).toBeCloseTo(SPOKEN.spans[0]!.start - 0.25 + 0.1, 0);
    expect(second!.start).toBeCloseTo(SECOND_TAKE_SEC + SPOKEN.spans[0]!.start - 0.25 + 0.1, 0);
    for (const cue of result.cues) expect(cue.at).toBe(Math.round(RECORDING_START + cue.start * 1000));
    // Progress says where in which recording it is.
    expect(rig.progress.filter((p) => p.stage === 'transcript').map((p) => p.detail)).toContain(`0:33 of 0:34 of standup.wav`);
  });

  it('an imported transcript wins: no recording is sent', async () => {
    rig = await providerRig('ok', TRANSCRIBE, {}, 1, 'withoutVoiceModel');
    const { result } = transcriptOf(await rig.enrichSpoken({ vtt: VTT }));
    expect(await rig.transcriptions()).toEqual([]);
    expect(result.source).toEqual({ kind: 'imported', name: 'standup.vtt' });
    expect(result.cues.map((cue) => cue.text)).toEqual(['The invoice export still drops rows.']);
  });

  it('with transcription off (the default), no recording is sent even with the provider on', async () => {
    rig = await providerRig('ok', {}, {}, 1, 'withoutVoiceModel');
    const { result, warning } = transcriptOf(await rig.enrichSpoken());
    expect(await rig.transcriptions()).toEqual([]);
    expect(result).toMatchObject({ cues: [], source: { kind: 'none' } });
    expect(warning).toBeUndefined();
  });

  it('a 500 leaves the session enriched without a transcript, with a plain note on the stage', async () => {
    rig = await providerRig('500', { ...TRANSCRIBE, maxAttempts: 2 }, {}, 1, 'withoutVoiceModel');
    const outcomes = await rig.enrichSpoken();
    const { result, warning } = transcriptOf(outcomes);
    expect(await rig.transcriptions()).toHaveLength(2);
    expect(result).toMatchObject({ cues: [], source: { kind: 'none' } });
    expect(warning).toMatch(/^The recordings were not transcribed by 127\.0\.0\.1:\d+: The AI provider had an error \(HTTP 500\)\.$/);
    expect(outcomes.audio?.status).toBe('done');
    expect(outcomes.summary?.status).toBe('done');
  });

  it('a provider slower than its time limit ends in the same plain note', async () => {
    rig = await providerRig('slow-5000', { ...TRANSCRIBE, timeoutMs: 1000, maxAttempts: 1 }, {}, 1, 'withoutVoiceModel');
    const { result, warning } = transcriptOf(await rig.enrichSpoken());
    expect(result.cues).toEqual([]);
    expect(warning).toMatch(/: The AI provider did not answer within 1 s\.$/);
  });

  it('cancelling the job aborts the request in flight', async () => {
    rig = await providerRig('slow-60000', TRANSCRIBE, {}, 1, 'withoutVoiceModel');
    const controller = new AbortController();
    const running = rig.enrichSpoken({ signal: controller.signal });
    const current = rig;
    await waitFor(async () => (await current.transcriptions()).length === 1, { timeoutMs: 60_000, intervalMs: 100, what: 'the first transcription request' });
    controller.abort();
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
    await waitFor(async () => (await current.transcriptions())[0]?.aborted === true, { timeoutMs: 10_000, intervalMs: 50, what: 'the stub to see the request aborted' });
    expect(await rig.transcriptions()).toHaveLength(1);
  });
});
