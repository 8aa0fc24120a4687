import { addCue, blocks, strayBlockWarning } from './cues.ts';
import { namePrefix } from './speakers.ts';
import type { ParsedCue, ParsedTranscript } from './cues.ts';

/**
 * Parses a SubRip (.srt) file into cues, in file order. A cue that cannot be read (a bad
 * timestamp, an end before its start) becomes a plain warning and parsing goes on. Warnings name
 * a cue by its number in the file. A "NAME:" at the start of a cue names its speaker, who speaks
 * on until another is named (SRT files name a speaker only when the voice changes).
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
  return { cues: withSpeakers(cues), warnings };
}

function withSpeakers(cues: readonly ParsedCue[]): ParsedCue[] {
  let speaker: string | undefined;
  return cues.map((cue) => {
    const named = namePrefix(cue.text);
    if (named) speaker = named.speaker;
    const text = named?.text ?? cue.text;
    return speaker ? { ...cue, text, speaker } : cue;
  });
}
