import { MARKED_KIND, type SensitiveFinding } from '../../src/shared/privacy.ts';
import type { OcrLine } from '../../src/shared/results.ts';
import { wordsInBoxes } from '../../src/shared/markedWords.ts';
import { findSensitive } from './findSensitive.ts';
import { screenWords } from './screenWords.ts';
import { findSensitiveInWords, joinWords } from './words.ts';

/** One screen as the redact stage reads it: its place in the session and its OCR lines. */
export interface ScreenLines {
  mediaId: string;
  screen: number;
  at: number | null;
  video?: { id: string; timeSec: number };
  lines: readonly OcrLine[];
}

/** The texts of a session that findings point into. */
export interface SessionTexts {
  title: string;
  notes: string;
  /** Transcript cues in order, with their start in seconds. */
  cues: ReadonlyArray<{ text: string; start: number }>;
  screens: readonly ScreenLines[];
}

/** Every finding of a session: its screens (with word boxes), transcript cues, notes and title. */
export function findInSession(texts: SessionTexts): SensitiveFinding[] {
  const found: SensitiveFinding[] = [];
  for (const screen of texts.screens) {
    const words = screenWords(screen.lines);
    for (const f of findSensitiveInWords(words)) {
      const { kind, confidence, preview, start, end } = f;
      const video = screen.video ? { videoId: screen.video.id, timeSec: screen.video.timeSec } : {};
      const boxes = f.words.map((i) => words[i]!.box);
      found.push({ id: `screen:${screen.mediaId}:${start}`, kind, confidence, preview, place: { source: 'screen', mediaId: screen.mediaId, screen: screen.screen, ...video, at: screen.at, start, end, boxes } });
    }
  }
  for (const [cue, { text, start: timeSec }] of texts.cues.entries()) {
    for (const { kind, confidence, preview, start, end } of findSensitive(text)) {
      found.push({ id: `cue:${cue}:${start}`, kind, confidence, preview, place: { source: 'transcript', cue, start, end, timeSec } });
    }
  }
  for (const source of ['notes', 'title'] as const) {
    for (const { kind, confidence, preview, start, end } of findSensitive(texts[source])) {
      found.push({ id: `${source}:${start}`, kind, confidence, preview, place: { source, start, end } });
    }
  }
  return found;
}

/** The text a finding's character range points into; null when that text is no longer there. */
function sourceText(finding: SensitiveFinding, texts: SessionTexts): string | null {
  const place = finding.place;
  switch (place.source) {
    case 'screen': {
      const screen = texts.screens.find((s) => s.mediaId === place.mediaId);
      return screen ? joinWords(screenWords(screen.lines)).text : null;
    }
    case 'transcript':
      return texts.cues[place.cue]?.text ?? null;
    case 'notes':
      return texts.notes;
    case 'title':
      return texts.title;
  }
}

/** The values of `findings`, read back from the session's texts: in memory only. */
export function valuesOf(findings: readonly SensitiveFinding[], texts: SessionTexts): string[] {
  return findings.flatMap((finding) => {
    const place = finding.place;
    // A mark on a screen is its boxes: its value is the words inside them, line by line.
    if (finding.kind === MARKED_KIND && place.source === 'screen') {
      return wordsInBoxes(texts.screens.find((s) => s.mediaId === place.mediaId)?.lines ?? [], place.boxes);
    }
    const value = sourceText(finding, texts)?.slice(place.start, place.end);
    return value ? [value] : [];
  });
}

/** Shortest piece of a value redacted on its own: shorter ones ("org", "42") are too common to mean anything. */
const MIN_PIECE = 4;

/**
 * The word pieces of sensitive values ("dana", "park", "example" of dana.park@example.org): text
 * made from other text (keywords, chapter titles) may hold a value split into words.
 */
export function valuePieces(values: readonly string[], kept: ReadonlySet<string>): Set<string> {
  const pieces = new Set<string>();
  for (const value of values) {
    if (kept.has(value)) continue;
    for (const piece of value.split(/[^\p{L}\p{N}]+/u)) if (piece.length >= MIN_PIECE) pieces.add(piece.toLowerCase());
  }
  return pieces;
}

/**
 * What text redaction looks for besides what the detectors find again: the word pieces of the
 * found values, and the whole values people marked (as they are no detector's, they must be
 * matched as written) with their own pieces. In memory only.
 */
export function redactionPieces(findings: readonly SensitiveFinding[], texts: SessionTexts, kept: ReadonlySet<string>): Set<string> {
  const found = findings.filter((f) => f.kind !== MARKED_KIND);
  const marked = valuesOf(
    findings.filter((f) => f.kind === MARKED_KIND),
    texts,
  );
  const pieces = valuePieces([...valuesOf(found, texts), ...marked], kept);
  for (const value of marked) {
    const whole = value.trim().replace(/\s+/g, ' ').toLowerCase();
    if (whole) pieces.add(whole);
  }
  return pieces;
}

/**
 * The values of the findings marked "Not sensitive", read back from the session's own texts (the
 * findings hold none). Kept only in memory, to leave those values unredacted.
 */
export function keptValues(findings: readonly SensitiveFinding[], dismissed: readonly string[], texts: SessionTexts): Set<string> {
  const ids = new Set(dismissed);
  const kept = new Set<string>();
  for (const finding of findings) {
    if (!ids.has(finding.id)) continue;
    const value = sourceText(finding, texts)?.slice(finding.place.start, finding.place.end);
    if (value) kept.add(value);
  }
  return kept;
}
