import type { LoadedVad } from './sileroModel.ts';

/** The rate Silero VAD v5 was trained at. */
export const VAD_RATE = 16_000;
/** One model step: 512 samples, 32 ms. */
export const VAD_FRAME = 512;
/** The tail of the previous frame the model sees before each frame (as @ricky0123/vad-web's Silero does). */
const CONTEXT = 64;
/**
 * The recording is cut into streams of this many frames (8 s) that go through the model side by
 * side, one batch per step: one call per step costs about what one call per frame did, so a long
 * recording takes a fraction of the calls.
 */
const STREAM_FRAMES = 250;
/** Each stream starts this many frames (1 s) early, outputs dropped, so its state has settled by its first own frame. */
const WARMUP_FRAMES = 32;
/** Steps between two looks at the abort signal and two progress reports. */
const CHECK_EVERY = 25;

function abortError(): Error {
  const error = new Error('The audio stage was cancelled.');
  error.name = 'AbortError';
  return error;
}

/**
 * The probability of speech in each 32 ms frame of mono 16 kHz samples, in order; the last frame
 * is padded with silence. Streams of 8 s run as one batch, each warmed up on the second before it.
 */
export async function speechProbabilities(
  vad: LoadedVad,
  samples: Float32Array,
  signal: AbortSignal,
  onProgress: (fraction: number) => void = () => {},
): Promise<Float32Array> {
  const { ort, session } = vad;
  const frames = Math.ceil(samples.length / VAD_FRAME);
  const probabilities = new Float32Array(frames);
  const streams = Math.max(1, Math.ceil(frames / STREAM_FRAMES));
  const width = CONTEXT + VAD_FRAME;
  const steps = WARMUP_FRAMES + Math.min(frames, STREAM_FRAMES);
  const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(VAD_RATE)]), []);
  let state = new ort.Tensor('float32', new Float32Array(2 * streams * 128), [2, streams, 128]);
  for (let step = 0; step < steps; step++) {
    if (step % CHECK_EVERY === 0) {
      if (signal.aborted) throw abortError();
      onProgress(step / steps);
    }
    // Row k: frame `k * STREAM_FRAMES - WARMUP_FRAMES + step` with the 64 samples before it;
    // anything before the start or after the end of the recording is silence.
    const input = new Float32Array(streams * width);
    for (let k = 0; k < streams; k++) {
      const frame = k * STREAM_FRAMES - WARMUP_FRAMES + step;
      const from = frame * VAD_FRAME - CONTEXT;
      const skip = Math.max(0, -from);
      const end = Math.min(samples.length, from + width);
      if (end > from + skip) input.set(samples.subarray(from + skip, end), k * width + skip);
    }
    const out = await session.run({ input: new ort.Tensor('float32', input, [streams, width]), state, sr });
    const output = out.output;
    const next = out.stateN;
    if (!output || !next) throw new Error('The voice model gave no output or state.');
    state = next as typeof state;
    const data = output.data as Float32Array;
    if (step < WARMUP_FRAMES) continue;
    for (let k = 0; k < streams; k++) {
      const frame = k * STREAM_FRAMES - WARMUP_FRAMES + step;
      if (frame < frames) probabilities[frame] = data[k]!;
    }
  }
  return probabilities;
}
