import type { SpeechSegment } from '../../src/shared/results.ts';
import { resample } from './resample.ts';
import { VAD_FRAME, VAD_RATE, speechProbabilities } from './silero.ts';
import { sileroVad } from './sileroModel.ts';
import { findSpeechSegments } from './speech.ts';
import { vadSegments } from './vadSegments.ts';

/** What found the speech of one recording; `fallback` says why the voice model did not. */
export type SpeechDetection =
  | { detector: 'silero'; segments: SpeechSegment[] }
  | { detector: 'energy'; segments: SpeechSegment[]; fallback: string }
  | { detector: 'energy'; segments: SpeechSegment[]; chosen: true };

/** What finds speech: the Silero voice model, or loudness alone. */
export type SpeechDetectorChoice = 'voice-model' | 'loudness';

let workerChoice: SpeechDetectorChoice = 'voice-model';

/**
 * Makes this pool worker find speech by loudness alone, as chosen rather than as a fallback. For
 * test rigs whose subject is not speech: the voice model costs each new worker about 2–5 s
 * (onnxruntime, the model, its first run) before its first recording.
 */
export function useSpeechDetector(next: SpeechDetectorChoice): void {
  workerChoice = next;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Speech segments of a mono recording, in seconds from its start: by the Silero voice model when
 * it is wanted, loads and runs, else by loudness alone (with the reason when it was not chosen).
 * Never fails for the model's sake; a cancellation still ends it.
 */
export async function detectSpeech(
  samples: Float32Array,
  sampleRate: number,
  signal: AbortSignal,
  onProgress?: (fraction: number) => void,
  wanted: SpeechDetectorChoice = 'voice-model',
): Promise<SpeechDetection> {
  // A worker set to loudness (a test rig) uses it for every recording.
  if (wanted === 'loudness' || workerChoice === 'loudness') return { detector: 'energy', segments: findSpeechSegments(samples, sampleRate), chosen: true };
  let segments: SpeechSegment[];
  try {
    const vad = await sileroVad();
    const probabilities = await speechProbabilities(vad, resample(samples, sampleRate, VAD_RATE), signal, onProgress);
    segments = vadSegments(probabilities, VAD_FRAME / VAD_RATE, samples.length / sampleRate);
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    return { detector: 'energy', segments: findSpeechSegments(samples, sampleRate), fallback: reason(error) };
  }
  return { detector: 'silero', segments };
}
