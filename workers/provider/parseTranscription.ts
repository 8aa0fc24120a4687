/** One timed line of a speech-to-text answer, in seconds from the start of the audio sent. */
export interface HeardSegment {
  start: number;
  end: number;
  text: string;
}

/** Normalised for comparing: case, punctuation and spacing do not make two lines differ. */
function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A phrase said three or more times in a row kept once: speech-to-text models fall into such loops
 * over noise or silence ("Thank you. Thank you. Thank you."). Phrases of one to eight words.
 */
export function collapseLoops(text: string): string {
  let words = text.trim().split(/\s+/).filter(Boolean);
  for (let n = 1; n <= 8; n++) {
    const out: string[] = [];
    let i = 0;
    while (i < words.length) {
      const phrase = plain(words.slice(i, i + n).join(' '));
      let repeats = 1;
      while (i + (repeats + 1) * n <= words.length && plain(words.slice(i + repeats * n, i + (repeats + 1) * n).join(' ')) === phrase) repeats++;
      if (repeats >= 3 && phrase !== '') {
        out.push(...words.slice(i, i + n));
        i += repeats * n;
      } else {
        out.push(words[i]!);
        i++;
      }
    }
    words = out;
  }
  return words.join(' ');
}

/**
 * The segments of an OpenAI `verbose_json` transcription, cleaned: empty text dropped, loops within
 * a segment collapsed, and a segment that repeats one of the two before it dropped (a loop across
 * segments). A plain `{ text }` answer without segments becomes one segment over `durationSec`.
 * Null when the answer is not a transcription at all.
 */
export function parseTranscription(body: unknown, durationSec: number): HeardSegment[] | null {
  if (typeof body !== 'object' || body === null) return null;
  const { segments, text } = body as { segments?: unknown; text?: unknown };
  let raw: HeardSegment[];
  if (Array.isArray(segments)) {
    raw = segments.flatMap((s: { start?: unknown; end?: unknown; text?: unknown }) =>
      typeof s?.start === 'number' && typeof s.end === 'number' && typeof s.text === 'string' ? [{ start: s.start, end: s.end, text: s.text }] : [],
    );
  } else if (typeof text === 'string') {
    raw = [{ start: 0, end: durationSec, text }];
  } else {
    return null;
  }
  const kept: HeardSegment[] = [];
  for (const segment of raw) {
    const text = collapseLoops(segment.text);
    if (plain(text) === '') continue;
    if (kept.slice(-2).some((previous) => plain(previous.text) === plain(text))) continue;
    kept.push({ start: Math.max(0, segment.start), end: Math.max(segment.start, segment.end), text });
  }
  return kept;
}
