import { StageFailure } from '../stage.ts';
import { isRiff } from './decodeRecording.ts';
import { readWavRange, wavLayout } from './wavRange.ts';

/**
 * A recording open for reading stretches of it, one at a time: only the stretch asked for is read
 * from the file and decoded, so transcribing an hour holds one chunk of samples, not the hour.
 */
export interface RecordingReader {
  /** The rate of the samples `read` gives (the file's own for WAV, at most 16 kHz for compressed audio). */
  readonly sampleRate: number;
  /** Mono samples from `startSec` to `endSec`; silence where the file has none. */
  read(startSec: number, endSec: number, signal: AbortSignal): Promise<Float32Array>;
  /** Lets go of the file's decoder. */
  close(): void;
}

function abortError(): Error {
  const error = new Error('Reading the recording was cancelled.');
  error.name = 'AbortError';
  return error;
}

async function openWav(blob: Blob, name: string): Promise<RecordingReader> {
  let layout;
  try {
    layout = await wavLayout(blob);
  } catch (error) {
    if (!(error instanceof StageFailure)) throw error;
    throw new StageFailure(error.errorClass, `${name}: ${error.message}`);
  }
  return { sampleRate: layout.fmt.sampleRate, read: (start, end) => readWavRange(blob, layout, start, end), close: () => {} };
}

/** Loaded only for compressed audio, so WAV-only batches never fetch the demuxer. */
async function openCompressed(blob: Blob, name: string): Promise<RecordingReader> {
  if (blob.size === 0) throw new StageFailure('permanent', `${name} is empty (0 bytes): there is no sound to analyse.`);
  const [{ AudioSampleSink }, { openAudioTrack, monoOf }] = await Promise.all([import('mediabunny'), import('./decodeCompressed.ts')]);
  const { input, track, step, sampleRate } = await openAudioTrack(blob, name);
  const sink = new AudioSampleSink(track);
  const plane = { data: new Float32Array(0) };
  return {
    sampleRate,
    async read(start, end, signal) {
      if (signal.aborted) throw abortError();
      const out = new Float32Array(Math.max(0, Math.round((end - start) * sampleRate)));
      // The sink seeks to the packet holding `start` and decodes only up to `end`.
      for await (const sample of sink.samples(start, end)) {
        try {
          if (signal.aborted) throw abortError();
          const mono = monoOf(sample, step, plane);
          const at = Math.round((sample.timestamp - start) * sampleRate);
          const from = Math.max(0, -at);
          const to = Math.min(mono.length, out.length - at);
          if (to > from) out.set(mono.subarray(from, to), at + from);
        } finally {
          sample.close();
        }
      }
      return out;
    },
    close: () => input.dispose(),
  };
}

/**
 * Opens a recording (WAV, or compressed audio through the browser's decoders) for reading stretches.
 * @throws StageFailure('permanent') naming the file when it cannot be read.
 */
export async function openRecording(blob: Blob, name: string): Promise<RecordingReader> {
  return (await isRiff(blob)) ? openWav(blob, name) : openCompressed(blob, name);
}
