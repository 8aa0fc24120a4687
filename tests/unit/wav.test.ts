import { describe, expect, test } from 'vitest';
import { decodeWav, encodeWav16 } from '../../workers/audio/wav.ts';
import { StageFailure } from '../../workers/stage.ts';

interface WavSpec {
  tag?: number;
  channels?: number;
  sampleRate?: number;
  bits?: number;
  /** The subformat tag of a WAVE_FORMAT_EXTENSIBLE file. */
  subformat?: number;
  data?: Uint8Array;
  /** What the data chunk's header claims, when it should lie. */
  claimedDataSize?: number;
  /** Chunks (id, body) written before fmt. */
  before?: Array<[string, Uint8Array]>;
  omit?: 'fmt' | 'data';
}

function chunk(id: string, body: Uint8Array, claimedSize = body.length): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  view.setUint32(4, claimedSize, true);
  out.set(body, 8);
  return out;
}

function fmtBody(spec: WavSpec): Uint8Array {
  const { tag = 1, channels = 1, sampleRate = 8000, bits = 16, subformat } = spec;
  const body = new Uint8Array(subformat === undefined ? 16 : 40);
  const view = new DataView(body.buffer);
  view.setUint16(0, subformat === undefined ? tag : 0xfffe, true);
  view.setUint16(2, channels, true);
  view.setUint32(4, sampleRate, true);
  view.setUint32(8, (sampleRate * channels * bits) / 8, true);
  view.setUint16(12, (channels * bits) / 8, true);
  view.setUint16(14, bits, true);
  if (subformat !== undefined) {
    view.setUint16(16, 22, true);
    view.setUint16(18, bits, true);
    view.setUint16(24, subformat, true);
  }
  return body;
}

function buildWav(spec: WavSpec): ArrayBuffer {
  const chunks = (spec.before ?? []).map(([id, body]) => chunk(id, body));
  if (spec.omit !== 'fmt') chunks.push(chunk('fmt ', fmtBody(spec)));
  const data = spec.data ?? new Uint8Array(0);
  if (spec.omit !== 'data') chunks.push(chunk('data', data, spec.claimedDataSize));
  // A lying data chunk is the last thing in the file and has no pad byte.
  const body = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(12 + body);
  const view = new DataView(out.buffer);
  out.set([...'RIFF'].map((c) => c.charCodeAt(0)), 0);
  view.setUint32(4, 4 + body, true);
  out.set([...'WAVE'].map((c) => c.charCodeAt(0)), 8);
  let offset = 12;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out.buffer;
}

function bytes(length: number, write: (view: DataView) => void): Uint8Array {
  const out = new Uint8Array(length);
  write(new DataView(out.buffer));
  return out;
}

function failure(buffer: ArrayBuffer): StageFailure {
  try {
    decodeWav(buffer);
  } catch (error) {
    if (error instanceof StageFailure) return error;
    throw error;
  }
  throw new Error('Expected decodeWav to fail');
}

describe('decodeWav', () => {
  test('round-trips encodeWav16 within two 16-bit steps', () => {
    const samples = Float32Array.from({ length: 1000 }, (_, i) => 0.8 * Math.sin(i / 10));
    const wav = decodeWav(encodeWav16(samples, 16000));
    expect(wav).toMatchObject({ sampleRate: 16000, channels: 1, bitsPerSample: 16, format: 'pcm' });
    expect(wav.truncated).toBe(false);
    expect(wav.durationSec).toBeCloseTo(1000 / 16000, 9);
    expect(wav.samples.length).toBe(1000);
    for (const [i, s] of samples.entries()) {
      expect(Math.abs((wav.samples[i] ?? 0) - s)).toBeLessThan(2 / 32768);
    }
  });

  test('encodeWav16 clips out-of-range samples', () => {
    const wav = decodeWav(encodeWav16(Float32Array.of(2, -2), 8000));
    expect(Array.from(wav.samples)).toEqual([32767 / 32768, -1]);
  });

  test('8-bit PCM is unsigned around 128', () => {
    const wav = decodeWav(buildWav({ bits: 8, data: Uint8Array.of(128, 255, 0, 192) }));
    expect(Array.from(wav.samples)).toEqual([0, 127 / 128, -1, 0.5]);
  });

  test('24-bit PCM is signed little-endian in three bytes', () => {
    const data = Uint8Array.of(
      ...[0xff, 0xff, 0x7f],
      ...[0x00, 0x00, 0x80],
      ...[0x00, 0x00, 0x40],
      ...[0x00, 0x00, 0xc0],
    );
    const wav = decodeWav(buildWav({ bits: 24, data }));
    expect(wav.bitsPerSample).toBe(24);
    expect(Array.from(wav.samples)).toEqual([Math.fround(8388607 / 8388608), -1, 0.5, -0.5]);
  });

  test('32-bit PCM', () => {
    const data = bytes(8, (v) => {
      v.setInt32(0, 1073741824, true);
      v.setInt32(4, -2147483648, true);
    });
    expect(Array.from(decodeWav(buildWav({ bits: 32, data })).samples)).toEqual([0.5, -1]);
  });

  test('32-bit float, clipped to -1..1, NaN as silence', () => {
    const data = bytes(16, (v) => {
      v.setFloat32(0, 0.25, true);
      v.setFloat32(4, -0.75, true);
      v.setFloat32(8, 3, true);
      v.setFloat32(12, Number.NaN, true);
    });
    const wav = decodeWav(buildWav({ tag: 3, bits: 32, data }));
    expect(wav.format).toBe('float');
    expect(Array.from(wav.samples)).toEqual([0.25, -0.75, 1, 0]);
  });

  test('stereo is mixed down to the mean of its channels', () => {
    const data = bytes(8, (v) => {
      v.setInt16(0, 16384, true);
      v.setInt16(2, -16384, true);
      v.setInt16(4, 16384, true);
      v.setInt16(6, 16384, true);
    });
    const wav = decodeWav(buildWav({ channels: 2, sampleRate: 44100, data }));
    expect(wav.channels).toBe(2);
    expect(wav.sampleRate).toBe(44100);
    expect(Array.from(wav.samples)).toEqual([0, 0.5]);
    expect(wav.durationSec).toBeCloseTo(2 / 44100, 12);
  });

  test('WAVE_FORMAT_EXTENSIBLE reads the encoding from its subformat GUID', () => {
    const spec = { subformat: 1, bits: 24, channels: 2, data: new Uint8Array(12) };
    const pcm = decodeWav(buildWav(spec));
    expect(pcm).toMatchObject({ format: 'pcm', bitsPerSample: 24, channels: 2 });
    expect(pcm.samples.length).toBe(2);
    const data = bytes(4, (v) => v.setFloat32(0, -0.5, true));
    const float = decodeWav(buildWav({ subformat: 3, bits: 32, data }));
    expect(float.format).toBe('float');
    expect(Array.from(float.samples)).toEqual([-0.5]);
  });

  test('skips unknown chunks, including odd-sized ones and their pad byte', () => {
    const before: Array<[string, Uint8Array]> = [
      ['LIST', Uint8Array.of(1, 2, 3)],
      ['junk', new Uint8Array(10)],
    ];
    const wav = decodeWav(buildWav({ before, bits: 8, data: Uint8Array.of(255, 0) }));
    expect(Array.from(wav.samples)).toEqual([127 / 128, -1]);
  });

  test('a data chunk longer than the file decodes what is there and says so', () => {
    const data = bytes(100, (v) => v.setInt16(0, 16384, true));
    const wav = decodeWav(buildWav({ data, claimedDataSize: 1000 }));
    expect(wav.truncated).toBe(true);
    expect(wav.samples.length).toBe(50);
    expect(wav.samples[0]).toBe(0.5);
  });
});

describe('decodeWav failures are permanent, in plain words', () => {
  test('not RIFF/WAVE', () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0, 0);
    for (const buffer of [png.buffer, new ArrayBuffer(4)]) {
      const error = failure(buffer);
      expect(error.errorClass).toBe('permanent');
      expect(error.message).toBe(
        'This audio file is not a WAV recording it can read (its header is not RIFF/WAVE).',
      );
    }
  });

  test('no fmt chunk', () => {
    const error = failure(buildWav({ omit: 'fmt', data: new Uint8Array(4) }));
    expect(error.message).toMatch(/no format chunk/);
  });

  test('no data chunk', () => {
    expect(failure(buildWav({ omit: 'data' })).message).toMatch(/no audio data chunk/);
  });

  test('unsupported encodings are named', () => {
    expect(failure(buildWav({ tag: 0x55, data: new Uint8Array(4) })).message).toMatch(/MP3/);
    expect(failure(buildWav({ tag: 1, bits: 12, data: new Uint8Array(4) })).message).toMatch(
      /cannot read \(format 0x0001, 12-bit\)/,
    );
    const adpcm = failure(buildWav({ subformat: 0x0002, data: new Uint8Array(4) }));
    expect(adpcm.message).toMatch(/ADPCM/);
  });

  test('zero channels or zero sample rate', () => {
    for (const spec of [{ channels: 0 }, { sampleRate: 0 }]) {
      const error = failure(buildWav({ ...spec, data: new Uint8Array(4) }));
      expect(error.errorClass).toBe('permanent');
      expect(error.message).toMatch(/no channels or a sample rate of zero/);
    }
  });

  test('empty audio', () => {
    expect(failure(buildWav({ data: new Uint8Array(0) })).message).toBe(
      'This WAV file contains no audio samples.',
    );
  });
});
