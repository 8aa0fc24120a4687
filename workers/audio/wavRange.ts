import { StageFailure } from '../stage.ts';
import { checkFmt, monoFrames, readFmt, type Fmt } from './wav.ts';

/** Where a WAV file's samples are and how to read them, found from its headers alone. */
export interface WavLayout {
  fmt: Fmt;
  format: 'pcm' | 'float';
  /** Byte offset of the first sample. */
  dataOffset: number;
  /** Whole frames in the file (a data chunk cut short counts what is there). */
  frames: number;
}

/** Bytes read at once while walking the headers: enough for the usual RIFF, fmt and LIST chunks. */
const HEAD_BYTES = 4096;

async function bytes(blob: Blob, from: number, length: number): Promise<DataView> {
  return new DataView(await blob.slice(from, from + length).arrayBuffer());
}

const fourCC = (view: DataView, at: number) => String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));

/**
 * Finds the format and the sample data of a WAV file by reading its chunk headers one slice at a
 * time, so that the samples of an hour-long recording are never all in memory.
 * @throws StageFailure('permanent') with decodeWav's messages when the file cannot be read.
 */
export async function wavLayout(blob: Blob): Promise<WavLayout> {
  const fail = (message: string): never => {
    throw new StageFailure('permanent', message);
  };
  const head = await bytes(blob, 0, 12);
  if (head.byteLength < 12 || fourCC(head, 0) !== 'RIFF' || fourCC(head, 8) !== 'WAVE') fail('This audio file is not a WAV recording it can read (its header is not RIFF/WAVE).');
  let fmt: Fmt | undefined;
  let dataOffset = -1;
  let dataSize = 0;
  let offset = 12;
  while (offset + 8 <= blob.size && (fmt === undefined || dataOffset < 0)) {
    const chunk = await bytes(blob, offset, HEAD_BYTES);
    const id = fourCC(chunk, 0);
    const size = chunk.getUint32(4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      const view = size + 8 <= chunk.byteLength ? chunk : await bytes(blob, offset, size + 8);
      fmt = readFmt(view, 8, Math.min(size, view.byteLength - 8));
    } else if (id === 'data' && dataOffset < 0) {
      dataOffset = body;
      dataSize = Math.min(size, blob.size - body);
    }
    offset = body + size + (size & 1);
  }
  if (!fmt) return fail('This WAV file has no format chunk, so its audio cannot be read.');
  if (dataOffset < 0) return fail('This WAV file has no audio data chunk.');
  const format = checkFmt(fmt);
  const frames = Math.floor(dataSize / ((fmt.bitsPerSample / 8) * fmt.channels));
  if (frames === 0) fail('This WAV file contains no audio samples.');
  return { fmt, format, dataOffset, frames };
}

/** The mono samples from `startSec` to `endSec` (at the file's own rate), read from that part of the file only. */
export async function readWavRange(blob: Blob, layout: WavLayout, startSec: number, endSec: number): Promise<Float32Array> {
  const { fmt, format, dataOffset, frames } = layout;
  const first = Math.min(frames, Math.max(0, Math.round(startSec * fmt.sampleRate)));
  const last = Math.min(frames, Math.max(first, Math.round(endSec * fmt.sampleRate)));
  const frameBytes = (fmt.bitsPerSample / 8) * fmt.channels;
  const view = await bytes(blob, dataOffset + first * frameBytes, (last - first) * frameBytes);
  return monoFrames(view, 0, fmt, format, Math.floor(view.byteLength / frameBytes));
}
