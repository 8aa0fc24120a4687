import { audibleFrames } from './audibleFrames.ts';
import type { LoadedVad } from './sileroModel.ts';

/** The rate Silero VAD v5 was trained at. */
export const VAD_RATE = 16_000;
/** One model step: 512 samples, 32 ms. */
export const VAD_FRAME = 512;
/** The tail of the previous frame the model sees before each frame (as @ricky0123/vad-web's Silero does). */
const CONTEXT = 64;
/** Frames between two looks at the abort signal and two progress reports: about 3 s of audio. */
const CHECK_EVERY = 100;

function abortError(): Error {
  const error = new Error('The audio stage was cancelled.');
  error.name = 'AbortError';
  return error;
}

/**
 * The probability of speech in each 32 ms frame of mono 16 kHz samples, in order; the last frame
 * is padded with silence. The model's recurrent state runs through the whole recording, frame by
 * frame: cutting it into streams run side by side as a batch was 1.7× faster but lost sentences
 * at 0 dB (eval:speech), as each stream starts with a state that has heard little.
 * Near-silent stretches (see audibleFrames) are not run: their probability is 0, and the model
 * starts afresh after each, as at the start of a recording.
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
  const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(VAD_RATE)]), []);
  const freshState = () => new ort.Tensor('float32', new Float32Array(2 * 1 * 128), [2, 1, 128]);
  let state = freshState();
  const audible = audibleFrames(samples, VAD_FRAME);
  for (let f = 0; f < frames; f++) {
    if (f % CHECK_EVERY === 0) {
      if (signal.aborted) throw abortError();
      onProgress(f / frames);
    }
    if (!audible[f]) {
      if (f > 0 && audible[f - 1]) state = freshState();
      continue;
    }
    // The 64 samples before this frame (silence before the start), then the frame (zero-padded at the end).
    const input = new Float32Array(CONTEXT + VAD_FRAME);
    const from = f * VAD_FRAME - CONTEXT;
    const skip = Math.max(0, -from);
    input.set(samples.subarray(from + skip, Math.min(samples.length, from + input.length)), skip);
    const out = await session.run({ input: new ort.Tensor('float32', input, [1, input.length]), state, sr });
    const output = out.output;
    const next = out.stateN;
    if (!output || !next) throw new Error('The voice model gave no output or state.');
    state = next as typeof state;
    probabilities[f] = (output.data as Float32Array)[0]!;
  }
  return probabilities;
}
