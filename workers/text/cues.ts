import { voiceOf } from './speakers.ts';

/** One timed line of a transcript file, in seconds from the start of the recording. */
export interface ParsedCue {
  start: number;
  end: number;
  text: string;
  /** Who speaks, when the file says: a WebVTT `<v Name>` tag, or an SRT "NAME:" prefix. */
  speaker?: string;
}

/** What a transcript parser returns: the cues it could read and plain remarks about the rest. */
export interface ParsedTranscript {
  cues: ParsedCue[];
  warnings: string[];
}

/**
 * `hh:mm:ss.ttt` or `mm:ss.ttt` (WebVTT) and `hh:mm:ss,ttt` (SRT); hours may have any number of
 * digits. Some tools write fewer fraction digits (`00:01.5`, `00:00:01,50`): read as fractions.
 */
const TIMESTAMP = /^(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{1,3})$/;

/** Seconds from a cue timestamp, or null when it cannot be read. */
export function parseTimestamp(text: string): number | null {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return null;
  const [, hours = '0', minutes = '0', seconds = '0', fraction = '0'] = match;
  // ".5" is 500 ms, not 5.
  const millis = fraction.padEnd(3, '0');
  // Whole milliseconds first, so that 2.538 reads as 2.538 and not 2.5380000000000003.
  return (Number(hours) * 3_600_000 + Number(minutes) * 60_000 + Number(seconds) * 1000 + Number(millis)) / 1000;
}

/** `hh:mm:ss.ttt`, as WebVTT writes it. */
export function formatTimestamp(seconds: number): string {
  const totalMs = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const h = Math.floor(totalMs / 3_600_000);
  const m = Math.floor(totalMs / 60_000) % 60;
  const s = Math.floor(totalMs / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(totalMs % 1000, 3)}`;
}

/**
 * Reads a timing line `start --> end [settings]` of cue `n`. Returns the times, or a plain warning
 * saying why the cue is skipped.
 */
export function readTiming(line: string, n: number): { start: number; end: number } | { warning: string } {
  const [left = '', right = ''] = line.split('-->');
  const startText = left.trim();
  // WebVTT puts cue settings after the end time ("00:00:05.000 align:start").
  const endText = right.trim().split(/\s+/)[0] ?? '';
  const start = parseTimestamp(startText);
  if (start === null) return { warning: `Cue ${n} has a timestamp it cannot read (${startText || 'nothing'}); it was skipped.` };
  const end = parseTimestamp(endText);
  if (end === null) return { warning: `Cue ${n} has a timestamp it cannot read (${endText || 'nothing'}); it was skipped.` };
  if (end < start) return { warning: `Cue ${n} ends (${endText}) before it starts (${startText}); it was skipped.` };
  return { start, end };
}

/** Splits text into blocks separated by blank lines, remembering the line each block starts on (1-based). */
export function blocks(text: string): Array<{ line: number; lines: string[] }> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: Array<{ line: number; lines: string[] }> = [];
  let current: { line: number; lines: string[] } | null = null;
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === '') {
      current = null;
      continue;
    }
    if (!current) {
      current = { line: i + 1, lines: [] };
      out.push(current);
    }
    current.lines.push(raw);
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '', rlm: '' };

/**
 * Plain text of a cue payload: markup tags (`<v Alex>`, `<i>`, `<c.red>`, `<00:01.000>`, SRT's
 * `<font>` and `{\an8}`) removed, entities decoded, lines joined with spaces.
 */
export function plainCueText(lines: readonly string[]): string {
  return lines
    .join(' ')
    .replace(/<[^>]*>/g, '')
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The warning for a block that has text but no timing line. */
export function strayBlockWarning(block: { line: number; lines: readonly string[] }): string {
  const last = block.line + block.lines.length - 1;
  const where = last === block.line ? `Line ${block.line} is` : `Lines ${block.line}–${last} are`;
  return `${where} not a cue (there is no start and end time); skipped.`;
}

/**
 * Reads the cue whose timing line is `lines[timingAt]` (the `n`th cue of the file) into `cues`, or
 * its unreadable timing into `warnings`. A cue with no text is dropped.
 */
export function addCue(lines: readonly string[], timingAt: number, n: number, cues: ParsedCue[], warnings: string[]): void {
  const timing = readTiming(lines[timingAt] ?? '', n);
  if ('warning' in timing) {
    warnings.push(timing.warning);
    return;
  }
  const payload = lines.slice(timingAt + 1);
  const text = plainCueText(payload);
  const speaker = voiceOf(payload);
  if (text !== '') cues.push({ start: timing.start, end: timing.end, text, ...(speaker ? { speaker } : {}) });
}

/**
 * The cues in time order, equal starts in file order, and whether they had to be reordered:
 * cues edited by hand or joined from two files come out of order, and every reader downstream
 * (sentences and their pauses, the transcript shown) takes them in time order.
 */
export function inTimeOrder(cues: readonly ParsedCue[]): { cues: ParsedCue[]; reordered: boolean } {
  const reordered = cues.some((cue, i) => i > 0 && cue.start < cues[i - 1]!.start);
  // Array.prototype.sort is stable: cues that start together keep the file's order.
  return { cues: reordered ? [...cues].sort((a, b) => a.start - b.start) : [...cues], reordered };
}
