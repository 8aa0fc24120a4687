/** A word heard, in seconds from the chunk's start. */
export interface HeardWord {
  start: number;
  end: number;
  text: string;
}

/** A word made of one or more tokens; `start` is its first token's time, when token times are known. */
export interface TokenWord {
  text: string;
  start: number | null;
}

/**
 * Groups a run of text tokens into words: a token whose text begins with a space starts a new word,
 * as Whisper's byte-level tokens carry the space before a word ("Ġship"). `decode` turns token ids
 * into text; `times` (one per id, or null) are the tokens' start times. Empty words are left out. Pure.
 */
export function tokenWords(ids: readonly number[], times: readonly number[] | null, decode: (ids: number[]) => string): TokenWord[] {
  const groups: { ids: number[]; start: number | null }[] = [];
  ids.forEach((id, i) => {
    const last = groups.at(-1);
    if (!last || /^\s/.test(decode([id]))) groups.push({ ids: [id], start: times?.[i] ?? null });
    else last.ids.push(id);
  });
  return groups.map((g) => ({ text: decode(g.ids).trim(), start: g.start })).filter((w) => w.text !== '');
}

/**
 * Times for a segment's words, within the segment (`start`..`end`, seconds from the chunk's start):
 * each word lasts from its first token's time to the next word's; the last one to the segment's
 * end. Token times come from aligning the decoder's attention with the audio and may step back or
 * fall outside the segment, so they are clamped into it and kept in order. Pure.
 */
export function timeWords(words: readonly TokenWord[], start: number, end: number): HeardWord[] {
  const starts: number[] = [];
  for (const word of words) starts.push(Math.min(end, Math.max(starts.at(-1) ?? start, word.start ?? start)));
  return words.map((word, i) => ({ start: starts[i]!, end: starts[i + 1] ?? end, text: word.text }));
}
