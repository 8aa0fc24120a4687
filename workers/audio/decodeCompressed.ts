import { ALL_FORMATS, AudioSampleSink, BlobSource, Input, type AudioSample, type InputAudioTrack } from 'mediabunny';
import { StageFailure } from '../stage.ts';
import type { DecodedWav } from './wav.ts';

/** Speech analysis needs no more than this; decoding a long recording at 48 kHz would hold 3× the memory. */
const ANALYSIS_RATE = 16_000;

function abortError(): Error {
  const error = new Error('The audio stage was cancelled.');
  error.name = 'AbortError';
  return error;
}

/** A compressed recording's audio track, open for decoding; `dispose()` when done. */
export interface OpenTrack {
  input: Input;
  track: InputAudioTrack;
  /** Frames averaged into one output sample, so the output rate is at most 16 kHz. */
  step: number;
  /** The output rate: the track's rate divided by `step`. */
  sampleRate: number;
}

/** Opens the primary audio track of a compressed recording. @throws StageFailure('permanent') naming the file. */
export async function openAudioTrack(blob: Blob, name: string): Promise<OpenTrack> {
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  try {
    let track;
    try {
      track = await input.getPrimaryAudioTrack();
    } catch {
      throw new StageFailure('permanent', `${name} is not an audio file this app can read.`);
    }
    if (!track) throw new StageFailure('permanent', `${name} holds no audio track.`);
    if (!(await track.canDecode())) {
      throw new StageFailure('permanent', `${name} uses an audio format (${track.codec ?? 'unknown'}) this browser cannot decode.`);
    }
    const step = Math.max(1, Math.floor(track.sampleRate / ANALYSIS_RATE));
    return { input, track, step, sampleRate: track.sampleRate / step };
  } catch (error) {
    input.dispose();
    throw error;
  }
}

/**
 * One decoded sample mixed down to mono and averaged over each `step` frames: a box filter is enough
 * for energy-based analysis and for speech. `plane` is scratch space, grown when too small.
 */
export function monoOf(sample: AudioSample, step: number, plane: { data: Float32Array }): Float32Array {
  const frames = sample.numberOfFrames;
  const channels = sample.numberOfChannels;
  if (plane.data.length < frames) plane.data = new Float32Array(frames);
  const mono = new Float32Array(Math.ceil(frames / step));
  for (let c = 0; c < channels; c++) {
    sample.copyTo(plane.data, { planeIndex: c, format: 'f32-planar' });
    for (let i = 0; i < frames; i++) mono[Math.floor(i / step)]! += plane.data[i]! / channels;
  }
  if (step > 1) for (let j = 0; j < mono.length; j++) mono[j]! /= Math.min(step, frames - j * step);
  return mono;
}

/**
 * Decodes a compressed recording (mp3, ogg/opus, m4a/aac, webm, flac) with WebCodecs through mediabunny,
 * in the worker, into mono samples at no more than 16 kHz. Unreadable files fail with a plain message.
 */
export async function decodeCompressed(blob: Blob, name: string, signal: AbortSignal): Promise<DecodedWav> {
  const { input, track, step, sampleRate } = await openAudioTrack(blob, name);
  try {
    const chunks: Float32Array[] = [];
    let length = 0;
    const plane = { data: new Float32Array(0) };
    for await (const sample of new AudioSampleSink(track).samples()) {
      try {
        if (signal.aborted) throw abortError();
        const mono = monoOf(sample, step, plane);
        chunks.push(mono);
        length += mono.length;
      } finally {
        sample.close();
      }
    }
    if (length === 0) throw new StageFailure('permanent', `${name} holds no audio that could be decoded.`);
    const samples = new Float32Array(length);
    let at = 0;
    for (const chunk of chunks) {
      samples.set(chunk, at);
      at += chunk.length;
    }
    return {
      sampleRate,
      channels: track.numberOfChannels,
      bitsPerSample: 32,
      format: 'float',
      samples,
      durationSec: length / sampleRate,
      truncated: false,
    };
  } finally {
    input.dispose();
  }
}
