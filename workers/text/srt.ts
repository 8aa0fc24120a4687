import { addCue, blocks, strayBlockWarning } from './cues.ts';
import type { ParsedCue, ParsedTranscript } from './cues.ts';

/**
 * Parses a SubRip (.srt) file into cues, in file order. A cue that cannot be read (a bad
 * timestamp, an end before its start) becomes a plain warning and parsing goes on. Warnings name
 * a cue by its number in the file.
 */
export function parseSrt(text: string): ParsedTranscript {
  const cues: ParsedCue[] = [];
  const warnings: string[] = [];
  let ordinal = 0;
  for (const block of blocks(text)) {
    const timingAt = block.lines.findIndex((line) => line.includes('-->'));
    if (timingAt < 0 || timingAt > 1) {
      warnings.push(strayBlockWarning(block));
      continue;
    }
    ordinal++;
    const label = timingAt === 1 ? (block.lines[0] ?? '').trim() : '';
    const n = /^\d+$/.test(label) ? Number(label) : ordinal;
    addCue(block.lines, timingAt, n, cues, warnings);
  }
  return { cues, warnings };
}
