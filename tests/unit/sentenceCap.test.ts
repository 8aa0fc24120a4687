import { describe, expect, test } from 'vitest';
import { capSentence, MAX_SENTENCE_CHARS } from '../../workers/text/sentenceCap.ts';
import { summarize } from '../../workers/text/summarize.ts';

/** Milliseconds `run` takes. */
function elapsed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/**
 * Notes are kept up to 1 MB, and one line of them may be all of it: a minified JSON, a log line
 * or speech written down without full stops. Cutting such a line into pieces must take
 * time in proportion to its length: the whole job has 30 s. Before, every cut joined and copied
 * the rest of the line again, and a 1 MB line took minutes, so the session failed on a timeout.
 */
describe('a line of notes of hundreds of kilobytes', () => {
  const unpunctuated = 'the invoice export drops rows again '.repeat(8_000);
  const minifiedJson = JSON.stringify(Array.from({ length: 14_000 }, (_, id) => ({ id, name: `row${id}`, ok: id % 2 === 0 })));

  test('is cut into pieces under the cap, every character kept, in linear time', () => {
    let pieces: string[] = [];
    const ms = elapsed(() => (pieces = capSentence(unpunctuated.trim())));
    expect(pieces.length).toBeGreaterThan(950);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(pieces.join(' ')).toBe(unpunctuated.trim());
    // Linear work takes milliseconds; the quadratic cut took seconds, and minutes at 1 MB.
    expect(ms).toBeLessThan(3_000);
  }, 600_000);

  test('notes holding a pasted line of minified JSON, with no space in it, are summarised in a few seconds at most', () => {
    const notes = `Design review.\n\n${minifiedJson}\n\n- [ ] Send the mock-ups to Dana\n`;
    expect(notes.length).toBeGreaterThan(500_000);
    let summary: ReturnType<typeof summarize> | undefined;
    const ms = elapsed(() => (summary = summarize({ notes, cues: [], screens: [], chapters: [] })));
    expect(summary?.actionItems.map((item) => item.text)).toContain('Send the mock-ups to Dana');
    expect(ms).toBeLessThan(3_000);
  }, 600_000);
});
