import { AudioSample, AudioSampleSource, BufferTarget, Output, WebMOutputFormat } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import type { AudioStageResult, SpeechSegment } from '../../src/shared/results.ts';
import { bareSession, stageContext } from '../fixtures/stageContext.ts';
import type { StageContext } from '../../workers/stage.ts';
import { StageFailure } from '../../workers/stage.ts';
import { resample } from '../../workers/audio/resample.ts';
import { decodeWav } from '../../workers/audio/wav.ts';
import { audioStage } from '../../workers/stages/audio.ts';
import fixtureUrl from '../fixtures/speech/sentences.wav?url';
import truth from '../fixtures/speech/sentences.json';

const RATE = 48_000;
const spans: SpeechSegment[] = truth.spans;

/** The fixture's three espeak-ng sentences at 48 kHz, encoded to WebM/Opus by the browser's own encoder. */
async function opusRecording(): Promise<Blob> {
  const clean = decodeWav(await (await fetch(fixtureUrl)).arrayBuffer());
  const data = resample(clean.samples, clean.sampleRate, RATE);
  const output = new Output({ format: new WebMOutputFormat(), target: new BufferTarget() });
  const source = new AudioSampleSource({ codec: 'opus', bitrate: 64_000 });
  output.addAudioTrack(source);
  await output.start();
  await source.add(new AudioSample({ data, format: 'f32', numberOfChannels: 1, sampleRate: RATE, timestamp: 0 }));
  await output.finalize();
  return new Blob([output.target.buffer!], { type: 'audio/webm' });
}

function context(name: string, blob: Blob): StageContext {
  const audio = [{ id: 'a', name, kind: 'audio' as const, type: blob.type, size: blob.size, at: null }];
  return stageContext(bareSession({ id: 's', title: 'Compressed audio', audio }), { readMedia: async () => blob });
}

describe('audio stage on compressed recordings (WebCodecs through mediabunny)', () => {
  it('finds the sentences of a WebM/Opus recording within ±0.3 s', async () => {
    const blob = await opusRecording();
    const result = (await audioStage(context('call.webm', blob))) as AudioStageResult;
    const recording = result.recordings[0]!;
    expect(recording.durationSec).toBeGreaterThan(truth.durationSec - 0.1);
    expect(recording.detector).toBe('silero');
    expect(recording.segments).toHaveLength(spans.length);
    recording.segments.forEach((segment, i) => {
      expect(Math.abs(segment.start - spans[i]!.start)).toBeLessThanOrEqual(0.3);
      expect(Math.abs(segment.end - spans[i]!.end)).toBeLessThanOrEqual(0.3);
    });
  });

  it('a text file named .mp3 fails the stage permanently with a plain message', async () => {
    const blob = new Blob(['these are not the sounds you are looking for'], { type: 'audio/mpeg' });
    const failure = await audioStage(context('notes.mp3', blob)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StageFailure);
    expect((failure as StageFailure).errorClass).toBe('permanent');
    expect((failure as StageFailure).message).toMatch(/^notes\.mp3 /);
  });
});
