import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { TranscriptResult } from '../../src/shared/results.ts';
import { addSpeechModel, removeSpeechModel, speechModelManifest } from '../../src/speech/speechModelClient.ts';
import { providerRig, type ProviderRig } from './fixtures/providerRig.ts';
import { RECORDING_START, SECOND_TAKE_SEC, SPOKEN } from './fixtures/spokenSession.ts';
import { tinyWhisperFolder } from './fixtures/tinyWhisper.ts';
import { waitFor } from './fixtures/waitFor.ts';

let rig: ProviderRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});
afterAll(() => removeSpeechModel());

function transcriptOf(outcomes: Awaited<ReturnType<ProviderRig['enrichSpoken']>>): { result: TranscriptResult; warning: string | undefined } {
  const outcome = outcomes.transcript!;
  if (outcome.status !== 'done') throw new Error(`transcript ${outcome.status}: ${JSON.stringify(outcome)}`);
  return { result: outcome.result as TranscriptResult, warning: outcome.warning };
}

// The model is the tiny Whisper of random weights (scripts/makeTinyWhisper.py): its words are
// gibberish, so these tests prove the pipeline, not the words. The audio stage finds speech by
// loudness here (noVad worker), which is exact on this clean recording and spares a second model.
describe('adding a speech model folder', () => {
  it('refuses an incomplete or broken folder with a plain message and keeps no model', async () => {
    await removeSpeechModel();
    const missing = await addSpeechModel(await tinyWhisperFolder({ 'onnx/decoder_model_merged.onnx': undefined, 'tokenizer.json': undefined }));
    expect(missing).toEqual({
      kind: 'refused',
      message:
        'This folder is not a complete Whisper model: tokenizer.json and onnx/decoder_model_merged.onnx are missing. Pick the folder of a Whisper ONNX export made for transformers.js (such as whisper-tiny.en), with its onnx folder inside.',
    });
    const notWhisper = await addSpeechModel(await tinyWhisperFolder({ 'config.json': '{"model_type":"bert"}' }));
    expect(notWhisper).toEqual({ kind: 'refused', message: 'This folder holds a bert model, not Whisper: the app can only transcribe with a Whisper model.' });
    const notOnnx = await addSpeechModel(await tinyWhisperFolder({ 'onnx/encoder_model.onnx': '<html>Not found</html>' }));
    expect(notOnnx).toEqual({ kind: 'refused', message: 'This model folder is damaged: onnx/encoder_model.onnx is not an ONNX model.' });
    expect(await speechModelManifest()).toBeNull();
  });

  it('stores a whole folder in the origin storage and says its size', async () => {
    const added = await addSpeechModel(await tinyWhisperFolder());
    const bytes = (await tinyWhisperFolder()).reduce((sum, f) => sum + f.file.size, 0);
    expect(added).toMatchObject({ kind: 'added', manifest: { name: 'whisper-tiny-random', dtype: 'fp32', multilingual: true, bytes } });
    expect(await speechModelManifest()).toEqual(added.kind === 'added' ? added.manifest : null);
    // A broken folder picked later leaves the stored model as it was.
    await addSpeechModel(await tinyWhisperFolder({ 'tokenizer.json': undefined }));
    expect(await speechModelManifest()).toEqual(added.kind === 'added' ? added.manifest : null);
  });
});

describe('transcribing on this device', () => {
  // One rig for both behaviours: each model load in a fresh worker costs seconds, and the
  // cancelled worker's replacement is the fresh worker that must load the stored model again.
  it('stops when the job is cancelled; a fresh worker then transcribes only the detected speech, in chunks, on the session clock, with progress in words', async () => {
    rig = await providerRig('ok', {}, {}, 1, 'withoutVoiceModel');
    const controller = new AbortController();
    const cancelled = rig.enrichSpoken({ signal: controller.signal, takes: 2 });
    const current = rig;
    await waitFor(() => current.progress.some((p) => p.stage === 'transcript' && p.detail?.startsWith('0:00 of')), { timeoutMs: 60_000, what: 'the first chunk' });
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ kind: 'cancelled' });
    rig.progress.length = 0;

    const outcomes = await rig.enrichSpoken({ takes: 2 });
    const { result, warning } = transcriptOf(outcomes);
    expect(warning).toBeUndefined();
    expect(result.source).toEqual({ kind: 'device', model: 'whisper-tiny-random' });
    expect(result.cues.length).toBeGreaterThan(0);
    // Two takes of speech 10 s apart: two chunks, each from just before its first sentence to just after its last.
    const takes = [0, SECOND_TAKE_SEC].map((at) => ({ start: at + SPOKEN.spans[0]!.start - 0.3, end: at + SPOKEN.spans.at(-1)!.end + 0.3 }));
    for (const cue of result.cues) {
      expect(takes.some((take) => cue.start >= take.start && cue.end <= take.end && cue.start <= cue.end)).toBe(true);
      expect(cue.at).toBe(Math.round(RECORDING_START + cue.start * 1000));
      expect(cue.text.trim()).not.toBe('');
      // The fixture's decoder gives its attention, so every word is timed, on the same clock, inside its cue.
      expect(cue.words?.map((w) => w.text).join(' ')).toBe(cue.text);
      for (const word of cue.words!) expect(word.start >= cue.start && word.end <= cue.end && word.start <= word.end).toBe(true);
    }
    const details = rig.progress.filter((p) => p.stage === 'transcript').map((p) => p.detail);
    expect(details).toContain('0:00 of 0:34 of standup.wav');
    expect(details).toContain('0:33 of 0:34 of standup.wav');
    expect(outcomes.summary?.status).toBe('done');
  });
});
