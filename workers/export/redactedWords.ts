import type { Enrichment } from '../../src/shared/export.ts';

/**
 * The redacted enrichment with no word times on a cue whose text redaction changed: a value found
 * in the whole line ("555 123 4567") is not found again in its words one by one, so they could
 * give it away. The cue's redacted text stays. Pure.
 */
export function withoutRedactedWords(original: Enrichment, redacted: Enrichment): Enrichment {
  if (!redacted.transcript || !original.transcript) return redacted;
  const before = original.transcript;
  const transcript = redacted.transcript.map((cue, i) => {
    if (!cue.words || cue.text === before[i]?.text) return cue;
    const { words: _words, ...rest } = cue;
    return rest;
  });
  return { ...redacted, transcript };
}
