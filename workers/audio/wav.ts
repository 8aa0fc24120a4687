import { StageFailure } from '../stage.ts';

/** A WAV file decoded to one mono channel of floats. */
export interface DecodedWav {
  sampleRate: number;
  /** Channels in the file; `samples` is their average. */
  channels: number;
  /** Bits per sample as stored (the container size for WAVE_FORMAT_EXTENSIBLE). */
  bitsPerSample: number;
  format: 'pcm' | 'float';
  /** Mono mix-down, -1..1. */
  samples: Float32Array;
  durationSec: number;
  /** True when the data chunk claims more bytes than the file holds; what is there is decoded. */
  truncated: boolean;
}

const FORMAT_PCM = 0x0001;
const FORMAT_FLOAT = 0x0003;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Names of encodings people meet in the wild, so the error can say what the file is. */
const KNOWN_FORMATS: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0055: 'MP3',
};

/** What a WAV file's format chunk says. */
export interface Fmt {
  tag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
}

function fourCC(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

function fail(message: string): never {
  throw new StageFailure('permanent', message);
}

/** Reads a format chunk's body of `size` bytes at `offset`. */
export function readFmt(view: DataView, offset: number, size: number): Fmt {
  if (size < 16) fail('This WAV file has a format chunk too short to read.');
  let tag = view.getUint16(offset, true);
  // WAVE_FORMAT_EXTENSIBLE keeps the real tag in the first two bytes of its subformat GUID.
  if (tag === FORMAT_EXTENSIBLE) {
    if (size < 40) fail('This WAV file has an extensible format chunk too short to read.');
    tag = view.getUint16(offset + 24, true);
  }
  return {
    tag,
    channels: view.getUint16(offset + 2, true),
    sampleRate: view.getUint32(offset + 4, true),
    bitsPerSample: view.getUint16(offset + 14, true),
  };
}

/** The sample format of a readable WAV file. @throws StageFailure('permanent') naming the encoding it cannot read. */
export function checkFmt(fmt: Fmt): 'pcm' | 'float' {
  if (fmt.channels === 0 || fmt.sampleRate === 0) {
    fail('This WAV file says it has no channels or a sample rate of zero, so it holds no sound.');
  }
  const bits = fmt.bitsPerSample;
  if (fmt.tag === FORMAT_PCM && [8, 16, 24, 32].includes(bits)) return 'pcm';
  if (fmt.tag === FORMAT_FLOAT && (bits === 32 || bits === 64)) return 'float';
  const name = KNOWN_FORMATS[fmt.tag] ?? `format 0x${fmt.tag.toString(16).padStart(4, '0')}`;
  return fail(
    `This WAV file uses an encoding it cannot read (${name}, ${bits}-bit). ` +
      'Only 8/16/24/32-bit PCM and 32/64-bit float WAV files are supported.',
  );
}

/** Reads sample `i` (frame-major, channels interleaved) as -1..1. */
function sampleReader(view: DataView, base: number, format: 'pcm' | 'float', bits: number) {
  if (format === 'float') {
    return bits === 32
      ? (i: number) => view.getFloat32(base + i * 4, true)
      : (i: number) => view.getFloat64(base + i * 8, true);
  }
  switch (bits) {
    case 8:
      // 8-bit WAV is the one unsigned format: silence is 128.
      return (i: number) => (view.getUint8(base + i) - 128) / 128;
    case 16:
      return (i: number) => view.getInt16(base + i * 2, true) / 32768;
    case 24:
      return (i: number) => {
        const at = base + i * 3;
        const low = view.getUint8(at) | (view.getUint8(at + 1) << 8);
        return (low | (view.getInt8(at + 2) << 16)) / 8388608;
      };
    default:
      return (i: number) => view.getInt32(base + i * 4, true) / 2147483648;
  }
}

/** `frames` interleaved frames from byte `base` of `view`, mixed down to mono floats in -1..1. */
export function monoFrames(view: DataView, base: number, fmt: Fmt, format: 'pcm' | 'float', frames: number): Float32Array {
  const read = sampleReader(view, base, format, fmt.bitsPerSample);
  const samples = new Float32Array(frames);
  const channels = fmt.channels;
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(frame * channels + c);
    const value = sum / channels;
    // Float files may hold NaN or overs; keep the promised -1..1 range.
    samples[frame] = Number.isNaN(value) ? 0 : Math.max(-1, Math.min(1, value));
  }
  return samples;
}

/**
 * Decodes a RIFF/WAVE file (PCM 8/16/24/32-bit, float 32/64-bit, plain or WAVE_FORMAT_EXTENSIBLE,
 * any channel count and rate) into a mono mix-down.
 * @throws StageFailure('permanent') with a plain message when the file cannot be decoded.
 */
export function decodeWav(buffer: ArrayBuffer): DecodedWav {
  const view = new DataView(buffer);
  if (buffer.byteLength < 12 || fourCC(view, 0) !== 'RIFF' || fourCC(view, 8) !== 'WAVE') {
    fail('This audio file is not a WAV recording it can read (its header is not RIFF/WAVE).');
  }
  let fmt: Fmt | undefined;
  let dataOffset = -1;
  let dataSize = 0;
  let truncated = false;
  let offset = 12;
  while (offset + 8 <= buffer.byteLength) {
    const id = fourCC(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    const available = buffer.byteLength - body;
    if (id === 'fmt ') {
      fmt = readFmt(view, body, Math.min(size, available));
    } else if (id === 'data' && dataOffset < 0) {
      dataOffset = body;
      dataSize = Math.min(size, available);
      truncated = size > available;
    }
    // Chunks are word-aligned: an odd-sized chunk is followed by one pad byte.
    offset = body + size + (size & 1);
  }
  if (!fmt) fail('This WAV file has no format chunk, so its audio cannot be read.');
  if (dataOffset < 0) fail('This WAV file has no audio data chunk.');
  const format = checkFmt(fmt);
  const bytesPerSample = fmt.bitsPerSample / 8;
  const frames = Math.floor(dataSize / (bytesPerSample * fmt.channels));
  if (frames === 0) fail('This WAV file contains no audio samples.');

  const samples = monoFrames(view, dataOffset, fmt, format, frames);
  const channels = fmt.channels;
  return {
    sampleRate: fmt.sampleRate,
    channels,
    bitsPerSample: fmt.bitsPerSample,
    format,
    samples,
    durationSec: frames / fmt.sampleRate,
    truncated,
  };
}

/** Encodes mono samples (-1..1, clipped) as a 16-bit PCM WAV file. */
export function encodeWav16(samples: Float32Array, sampleRate: number): ArrayBuffer {
  const dataBytes = samples.length * 2;
  const buffer = new ArrayBuffer(44 + dataBytes);
  const view = new DataView(buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i] ?? 0));
    view.setInt16(44 + i * 2, Math.round(s < 0 ? s * 32768 : s * 32767), true);
  }
  return buffer;
}
