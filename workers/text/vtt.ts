import { addCue, blocks, strayBlockWarning } from './cues.ts';
import type { ParsedCue, ParsedTranscript } from './cues.ts';

/** Blocks of a WebVTT file that are not cues. */
const NON_CUE = /^(NOTE|STYLE|REGION)(\s|$)/;

/**
 * Parses a WebVTT file into cues, in file order. A cue that cannot be read (a bad timestamp, an
 * end before its start) becomes a plain warning and parsing goes on; markup tags are stripped.
 * A file without the `WEBVTT` header is read anyway, with a warning.
 */
export function parseVtt(text: string): ParsedTranscript {
  const cues: ParsedCue[] = [];
  const warnings: string[] = [];
  const all = blocks(text);
  const first = all[0];
  if (first && /^WEBVTT(\s|$)/.test(first.lines[0] ?? '')) all.shift();
  else warnings.push('The transcript does not start with "WEBVTT"; it was read anyway.');

  let n = 0;
  for (const block of all) {
    if (NON_CUE.test(block.lines[0] ?? '')) continue;
    // A cue may start with an identifier line; the timing line is the first with an arrow.
    const timingAt = block.lines.findIndex((line) => line.includes('-->'));
    if (timingAt < 0 || timingAt > 1) {
      warnings.push(strayBlockWarning(block));
      continue;
    }
    n++;
    addCue(block.lines, timingAt, n, cues, warnings);
  }
  return { cues, warnings };
}
