/** A run of text tokens between two timestamps, in seconds from the chunk's start (end null: up to the chunk's end). */
export interface TimedTokens {
  start: number;
  end: number | null;
  ids: number[];
  /** Each token's start time, when the model gave token times. */
  times: number[] | null;
}

/** Whisper's timestamp tokens count 20 ms each from `<|0.00|>`. */
const SECONDS_PER_STEP = 0.02;

/**
 * Splits a Whisper output into timed runs of text: `<|t0|> words <|t1|><|t1|> words <|t2|>`.
 * Text tokens are those below end-of-text; other special tokens (the prompt) are skipped. A run
 * without words between two timestamps is no segment; text without any timestamp spans the chunk.
 * `tokenTimes` (one per id, from word-level alignment) are carried along with their tokens. Pure.
 */
export function timedTokens(ids: readonly number[], endOfText: number, timestampBegin: number, tokenTimes: readonly number[] | null = null): TimedTokens[] {
  const runs: TimedTokens[] = [];
  let start: number | null = null;
  let words: number[] = [];
  let times: number[] = [];
  const push = (end: number | null) => {
    runs.push({ start: start ?? 0, end, ids: words, times: tokenTimes ? times : null });
    words = [];
    times = [];
  };
  ids.forEach((id, i) => {
    if (id >= timestampBegin) {
      const time = (id - timestampBegin) * SECONDS_PER_STEP;
      if (words.length > 0) {
        push(Math.max(time, start ?? 0));
        start = null;
      } else start = time;
    } else if (id < endOfText) {
      words.push(id);
      times.push(tokenTimes?.[i] ?? 0);
    }
  });
  if (words.length > 0) push(null);
  return runs;
}
