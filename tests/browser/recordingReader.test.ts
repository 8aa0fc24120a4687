import { AudioSample, AudioSampleSource, BufferTarget, Output, WebMOutputFormat } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { decodeCompressed } from '../../workers/audio/decodeCompressed.ts';
import { decodeRecording } from '../../workers/audio/decodeRecording.ts';
import { openRecording } from '../../workers/audio/recordingReader.ts';
import { resample } from '../../workers/audio/resample.ts';
import { decodeWav, encodeWav16 } from '../../workers/audio/wav.ts';
import { speechChunks } from '../../workers/provider/speechChunks.ts';
import { StageFailure } from '../../workers/stage.ts';
import fixtureUrl from '../fixtures/speech/sentences.wav?url';

const RATE = 16_000;
const never = new AbortController().signal;

/** A Blob that counts the bytes of every slice read from it: what a reader takes from the file. */
class CountingBlob extends Blob {
  readonly slices: number[] = [];
  override slice(start?: number, end?: number, type?: string): Blob {
    const part = super.slice(start, end, type);
    this.slices.push(part.size);
    return part;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    this.slices.push(this.size);
    return super.arrayBuffer();
  }
}

/** Stereo 16-bit PCM with a LIST chunk before the format: the layout must be found, not assumed. */
function stereoWavWithList(left: Float32Array, right: Float32Array, rate: number): Blob {
  const list = new TextEncoder().encode('LIST\u0005\u0000\u0000\u0000INFOx\u0000');
  const data = new Int16Array(left.length * 2);
  for (let i = 0; i < left.length; i++) {
    data[2 * i] = Math.round(left[i]! * 32767);
    data[2 * i + 1] = Math.round(right[i]! * 32767);
  }
  const header = new DataView(new ArrayBuffer(44));
  const ascii = (at: number, text: string) => [...text].forEach((c, i) => header.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  header.setUint32(4, 36 + list.length + data.byteLength, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  header.setUint32(16, 16, true);
  header.setUint16(20, 1, true);
  header.setUint16(22, 2, true);
  header.setUint32(24, rate, true);
  header.setUint32(28, rate * 4, true);
  header.setUint16(32, 4, true);
  header.setUint16(34, 16, true);
  ascii(36, 'data');
  header.setUint32(40, data.byteLength, true);
  const head = new Uint8Array(header.buffer);
  return new Blob([head.subarray(0, 12), list, head.subarray(12), data], { type: 'audio/wav' });
}

/** `minutes` of 16 kHz mono 16-bit WAV: one minute of silence with 20 s of a tone, repeated; built without holding the whole file in script. */
function longWav(minutes: number): CountingBlob {
  const minute = new Int16Array(60 * RATE);
  for (let i = 10 * RATE; i < 30 * RATE; i++) minute[i] = Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / RATE));
  const header = encodeWav16(new Float32Array(0), RATE);
  const view = new DataView(header);
  view.setUint32(4, 36 + minutes * minute.byteLength, true);
  view.setUint32(40, minutes * minute.byteLength, true);
  return new CountingBlob([header, ...Array.from({ length: minutes }, () => minute)], { type: 'audio/wav' });
}

/** The fixture's sentences at 48 kHz, encoded to WebM/Opus by the browser's own encoder. */
async function opusRecording(): Promise<Blob> {
  const clean = decodeWav(await (await fetch(fixtureUrl)).arrayBuffer());
  const data = resample(clean.samples, clean.sampleRate, 48_000);
  const output = new Output({ format: new WebMOutputFormat(), target: new BufferTarget() });
  const source = new AudioSampleSource({ codec: 'opus', bitrate: 64_000 });
  output.addAudioTrack(source);
  await output.start();
  await source.add(new AudioSample({ data, format: 'f32', numberOfChannels: 1, sampleRate: 48_000, timestamp: 0 }));
  await output.finalize();
  return new Blob([output.target.buffer!], { type: 'audio/webm' });
}

const rms = (a: Float32Array, b: Float32Array) => Math.sqrt(a.reduce((sum, x, i) => sum + (x - b[i]!) ** 2, 0) / a.length);

describe('openRecording(): reading one stretch of a recording at a time', () => {
  it('reads a WAV stretch equal to the same stretch of the whole file decoded, with the layout found past other chunks', async () => {
    const clean = decodeWav(await (await fetch(fixtureUrl)).arrayBuffer());
    const right = clean.samples.map((x) => -x / 2);
    const blob = stereoWavWithList(clean.samples, right, clean.sampleRate);
    const whole = decodeWav(await blob.arrayBuffer());
    const reader = await openRecording(blob, 'stereo.wav');
    expect(reader.sampleRate).toBe(clean.sampleRate);
    for (const [start, end] of [
      [1.0, 3.4],
      [4.8, 7.1],
      [11.5, 20],
    ] as const) {
      const piece = await reader.read(start, end, never);
      const first = Math.round(start * RATE);
      expect(Array.from(piece)).toEqual(Array.from(whole.samples.subarray(first, Math.min(whole.samples.length, Math.round(end * RATE)))));
    }
    reader.close();
  });

  it('names the file when a WAV cannot be read', async () => {
    const failure = await openRecording(new Blob(['RIFF\u0000\u0000\u0000\u0000WAVEjunk']), 'broken.wav').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StageFailure);
    expect((failure as StageFailure).message).toBe('broken.wav: This WAV file has no format chunk, so its audio cannot be read.');
  });

  it('reads a WebM/Opus stretch close to the same stretch of the whole file decoded', async () => {
    const blob = await opusRecording();
    const whole = await decodeCompressed(blob, 'call.webm', never);
    const reader = await openRecording(blob, 'call.webm');
    expect(reader.sampleRate).toBe(whole.sampleRate);
    for (const [start, end] of [
      [1.0, 3.4],
      [8.7, 11.1],
    ] as const) {
      const piece = await reader.read(start, end, never);
      const first = Math.round(start * whole.sampleRate);
      const same = whole.samples.subarray(first, first + piece.length);
      expect(piece.length).toBe(Math.round((end - start) * whole.sampleRate));
      expect(rms(piece, same)).toBeLessThan(0.01 * Math.max(...same.map(Math.abs)));
    }
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(reader.read(1, 3, cancelled.signal)).rejects.toMatchObject({ name: 'AbortError' });
    reader.close();
  });

  it('transcribing an hour of WAV reads only the chunks of speech from the file, never the whole of it', async () => {
    const minutes = 60;
    const blob = longWav(minutes);
    const segments = Array.from({ length: minutes }, (_, m) => ({ start: m * 60 + 10, end: m * 60 + 30 }));
    const chunks = speechChunks(segments, minutes * 60);
    const reader = await openRecording(blob, 'hour.wav');
    let largestPiece = 0;
    for (const chunk of chunks) {
      const piece = resample(await reader.read(chunk.start, chunk.end, never), reader.sampleRate, RATE);
      largestPiece = Math.max(largestPiece, piece.byteLength);
      expect(piece.length).toBe(Math.round((chunk.end - chunk.start) * RATE));
    }
    reader.close();
    const largestRead = Math.max(...blob.slices);
    const readBytes = blob.slices.reduce((sum, n) => sum + n, 0);
    // A chunk is at most 30 s: 960 kB of 16-bit samples; the headers are read in 4 kB slices.
    expect(largestRead).toBeLessThanOrEqual(30 * RATE * 2);
    expect(readBytes).toBeLessThan(blob.size / 2);

    // The whole-file path it replaces, counted the same way: the file, then its decoded samples.
    blob.slices.length = 0;
    const whole = await decodeRecording(blob, 'hour.wav', never);
    const wholeHeld = Math.max(...blob.slices) + whole.samples.byteLength;
    const pieceHeld = largestRead + largestPiece;
    console.info(`60-min 16 kHz WAV (${blob.size} B): whole-file path holds ${wholeHeld} B at once, chunk path ${pieceHeld} B (${(wholeHeld / pieceHeld).toFixed(0)}×)`);
    expect(wholeHeld).toBeGreaterThan(100 * pieceHeld);
  });
});
