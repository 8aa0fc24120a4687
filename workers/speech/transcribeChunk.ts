import { dropRepeatedPhrases } from './repetition.ts';
import type { LoadedWhisper } from './whisperModel.ts';
import { timedTokens } from './whisperTokens.ts';

/** A line heard in one chunk, in seconds from the chunk's start. */
export interface ChunkSegment {
  start: number;
  end: number;
  text: string;
}

/** Speech runs at most about 4 tokens a second; more is a loop, so decoding stops there. */
const TOKENS_PER_SECOND = 6;
const MIN_TOKENS = 16;
/** Whisper's own limit for one 30 s window, less its prompt. */
const MAX_TOKENS = 220;
const RATE = 16_000;

/** Whisper's generation options for a chunk: timestamps, the language forced, a token cap by duration. Pure. */
export function generationOptions(seconds: number, language: string | null): Record<string, unknown> {
  return {
    return_timestamps: true,
    max_new_tokens: Math.min(MAX_TOKENS, Math.max(MIN_TOKENS, Math.ceil(seconds * TOKENS_PER_SECOND))),
    // English-only models (*.en) are told neither language nor task: they would refuse both.
    ...(language === null ? {} : { language, task: 'transcribe' }),
  };
}

/**
 * Transcribes one stretch of speech (16 kHz mono, at most 30 s) in the given language (null: an
 * English-only model, told none), with segment timestamps. Decoding stops after a number of
 * tokens that speech of this length cannot exceed; phrases repeated in a loop are kept once; a
 * segment that only repeats the one before it, or is left empty, is dropped.
 */
export async function transcribeChunk(model: LoadedWhisper, samples: Float32Array, language: string | null): Promise<ChunkSegment[]> {
  const seconds = samples.length / RATE;
  const { processor, model: whisper, tokenizer } = model.transcriber;
  const { input_features } = (await processor(samples)) as { input_features: unknown };
  const config = whisper.generation_config as unknown as { no_timestamps_token_id: number; eos_token_id: number | number[] };
  const options = { inputs: input_features, ...generationOptions(seconds, language) };
  const output = (await whisper.generate(options as Parameters<typeof whisper.generate>[0])) as { tolist(): bigint[][] };
  const ids = (output.tolist()[0] ?? []).map(Number);
  const endOfText = Array.isArray(config.eos_token_id) ? config.eos_token_id[0]! : config.eos_token_id;
  const segments: ChunkSegment[] = [];
  for (const run of timedTokens(ids, endOfText, config.no_timestamps_token_id + 1)) {
    const text = dropRepeatedPhrases(tokenizer.decode(run.ids, { skip_special_tokens: true }));
    if (text === '' || text.toLowerCase() === segments.at(-1)?.text.toLowerCase()) continue;
    const start = Math.min(seconds, run.start);
    segments.push({ start, end: Math.min(seconds, Math.max(start, run.end ?? seconds)), text });
  }
  return segments;
}
