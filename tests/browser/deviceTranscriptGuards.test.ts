import { afterAll, describe, expect, it } from 'vitest';
import type { AudioStageResult } from '../../src/shared/results.ts';
import type { SpeechModelManifest } from '../../src/shared/speechModel.ts';
import { addSpeechModel, removeSpeechModel } from '../../src/speech/speechModelClient.ts';
import { decodeWav } from '../../workers/audio/wav.ts';
import { deviceTranscript } from '../../workers/speech/deviceTranscript.ts';
import { transcribeChunk } from '../../workers/speech/transcribeChunk.ts';
import { whisperModel } from '../../workers/speech/whisperModel.ts';
import { bareSession, stageContext } from '../fixtures/stageContext.ts';
import wavUrl from '../fixtures/speech/sentences.wav?url';
import truth from '../fixtures/speech/sentences.json';
import { tinyWhisperFolder } from './fixtures/tinyWhisper.ts';

afterAll(() => removeSpeechModel());

async function added(change: Parameters<typeof tinyWhisperFolder>[0] = {}): Promise<SpeechModelManifest> {
  const result = await addSpeechModel(await tinyWhisperFolder(change));
  if (result.kind !== 'added') throw new Error(result.message);
  return result.manifest;
}

/** The fixture's first sentence at 16 kHz, with 0.25 s around it as a chunk has. */
async function firstSentence(): Promise<Float32Array> {
  const wav = decodeWav(await (await fetch(wavUrl)).arrayBuffer());
  const span = truth.spans[0]!;
  return wav.samples.slice(Math.round((span.start - 0.25) * wav.sampleRate), Math.round((span.end + 0.25) * wav.sampleRate));
}

// The tiny Whisper of random weights, loaded on this page (the pool worker loads it the same way):
// its words are gibberish, but its prompt, its attention and its output are Whisper's.
describe('guards of transcription on this device', () => {
  it('times each word from the model’s attention: words in order, inside their line, saying the line', async () => {
    const model = await whisperModel(await added());
    expect(model.words).toEqual({ kind: 'yes' });
    const samples = await firstSentence();
    const segments = await transcribeChunk(model, samples, 'en');
    expect(segments.length).toBeGreaterThan(0);
    for (const segment of segments) {
      const words = segment.words!;
      expect(words.map((w) => w.text).join(' ')).toBe(segment.text);
      for (const [i, word] of words.entries()) {
        expect(word.start).toBeGreaterThanOrEqual(i === 0 ? segment.start : words[i - 1]!.end);
        expect(word.end).toBeGreaterThanOrEqual(word.start);
        expect(word.end).toBeLessThanOrEqual(segment.end);
      }
    }
  });

  it('hears in the library’s language: the language is part of what the model is given', async () => {
    const model = await whisperModel(await added());
    const samples = await firstSentence();
    const english = await transcribeChunk(model, samples, 'en');
    const german = await transcribeChunk(model, samples, 'de');
    // A model never told the language (left to guess) would hear both the same.
    expect(german.map((s) => s.text)).not.toEqual(english.map((s) => s.text));
    expect(await transcribeChunk(model, samples, 'de')).toEqual(german);
  });

  it('a model that cannot align words (no alignment_heads) transcribes lines without words, and says why', async () => {
    const generation = await (await fetch(new URL('../fixtures/whisper-tiny-random/generation_config.json', import.meta.url))).json();
    delete generation.alignment_heads;
    const model = await whisperModel(await added({ 'generation_config.json': JSON.stringify(generation) }));
    expect(model.words).toEqual({ kind: 'no', reason: 'its generation_config.json names no alignment_heads' });
    const segments = await transcribeChunk(model, await firstSentence(), 'en');
    expect(segments.length).toBeGreaterThan(0);
    for (const segment of segments) expect(segment).not.toHaveProperty('words');
  });

  it('decodes nothing where no speech was found: the model is not even loaded', async () => {
    await removeSpeechModel();
    // No model is stored, so loading one fails: only a run that never loads it can succeed.
    const manifest: SpeechModelManifest = { ...(await added()), addedAt: Date.now() + 1 };
    await removeSpeechModel();
    const recording = { id: 'a', name: 'quiet.wav', kind: 'audio' as const, type: 'audio/wav', size: 1, at: null };
    const audioWith = (segments: AudioStageResult['recordings'][number]['segments']): AudioStageResult => ({
      recordings: [{ mediaId: 'a', durationSec: 60, sampleRate: 16_000, channels: 1, segments, speechSec: 0, speechRatio: 0, loudnessDb: -60, longestSilenceSec: 60, waveform: [] }],
      speechSec: 0,
    });
    const blob = await (await fetch(wavUrl)).blob();
    const ctx = (audio: AudioStageResult) => stageContext(bareSession({ audio: [recording] }), { results: { audio }, readMedia: async () => blob });
    expect(await deviceTranscript(ctx(audioWith([])), [recording], manifest, 'en')).toEqual([]);
    await expect(deviceTranscript(ctx(audioWith([{ start: 1, end: 3 }])), [recording], manifest, 'en')).rejects.toThrow();
  });
});
