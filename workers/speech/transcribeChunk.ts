import { dropRepeatedWords } from './repetition.ts';
import type { LoadedWhisper } from './whisperModel.ts';
import { timedTokens, type TimedTokens } from './whisperTokens.ts';
import { timeWords, tokenWords, type HeardWord } from './whisperWords.ts';

/** A line heard in one chunk, in seconds from the chunk's start; `words` when the model gives word times. */
export interface ChunkSegment {
  start: number;
  end: number;
  text: string;
  words?: HeardWord[];
}

/** Speech runs at most about 4 tokens a second; more is a loop, so decoding stops there. */
const TOKENS_PER_SECOND = 6;
const MIN_TOKENS = 16;
/** Whisper's own limit for one 30 s window, less its prompt. */
const MAX_TOKENS = 220;
const RATE = 16_000;
/** Audio samples per encoder position (hop of 160 samples, then a stride of 2). */
const SAMPLES_PER_POSITION = 320;

/**
 * Whisper's generation options for a chunk: timestamps, the language forced, a token cap by
 * duration; with `words`, token times from the attention over the positions that hold audio. Pure.
 */
export function generationOptions(seconds: number, language: string | null, words = false): Record<string, unknown> {
  return {
    return_timestamps: true,
    max_new_tokens: Math.min(MAX_TOKENS, Math.max(MIN_TOKENS, Math.ceil(seconds * TOKENS_PER_SECOND))),
    // English-only models (*.en) are told neither language nor task: they would refuse both.
    ...(language === null ? {} : { language, task: 'transcribe' }),
    // The rest of the 30 s window is padding: aligning tokens to it would place words in silence.
    ...(words ? { return_token_timestamps: true, num_frames: Math.ceil((seconds * RATE) / SAMPLES_PER_POSITION) } : {}),
  };
}

/**
 * A chunk's segments from its timed runs of tokens: phrases repeated in a loop kept once, a segment
 * that only repeats the one before it or is left empty dropped, times kept within the chunk's
 * `seconds`. With token times, each segment carries its words. Pure but for `decode`.
 */
export function chunkSegments(runs: readonly TimedTokens[], seconds: number, decode: (ids: number[]) => string): ChunkSegment[] {
  const segments: ChunkSegment[] = [];
  for (const run of runs) {
    const words = dropRepeatedWords(tokenWords(run.ids, run.times, decode), (w) => w.text);
    const text = words.map((w) => w.text).join(' ');
    if (text === '' || text.toLowerCase() === segments.at(-1)?.text.toLowerCase()) continue;
    const start = Math.min(seconds, run.start);
    const end = Math.min(seconds, Math.max(start, run.end ?? seconds));
    segments.push({ start, end, text, ...(run.times ? { words: timeWords(words, start, end) } : {}) });
  }
  return segments;
}

type GenerateOutput = { tolist(): bigint[][] } | { sequences: { tolist(): bigint[][] }; token_timestamps: { tolist(): number[][] } };

/**
 * Transcribes one stretch of speech (16 kHz mono, at most 30 s) in the given language (null: an
 * English-only model, told none), with segment timestamps, and word timestamps when the model
 * can align its tokens to the audio. Decoding stops after a number of tokens that speech of this
 * length cannot exceed; see chunkSegments for what is dropped.
 */
export async function transcribeChunk(model: LoadedWhisper, samples: Float32Array, language: string | null): Promise<ChunkSegment[]> {
  const seconds = samples.length / RATE;
  const { processor, model: whisper, tokenizer } = model.transcriber;
  const { input_features } = (await processor(samples)) as { input_features: unknown };
  const config = whisper.generation_config as unknown as { no_timestamps_token_id: number; eos_token_id: number | number[] };
  const options = { inputs: input_features, ...generationOptions(seconds, language, model.words.kind === 'yes') };
  const output = (await whisper.generate(options as Parameters<typeof whisper.generate>[0])) as GenerateOutput;
  const timed = 'sequences' in output;
  const ids = ((timed ? output.sequences : output).tolist()[0] ?? []).map(Number);
  const times = timed ? (output.token_timestamps.tolist()[0] ?? null) : null;
  const endOfText = Array.isArray(config.eos_token_id) ? config.eos_token_id[0]! : config.eos_token_id;
  const decode = (run: number[]) => tokenizer.decode(run, { skip_special_tokens: true });
  return chunkSegments(timedTokens(ids, endOfText, config.no_timestamps_token_id + 1, times), seconds, decode);
}
