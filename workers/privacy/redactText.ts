import { MARKED_PLACEHOLDER, placeholder } from '../../src/shared/privacy.ts';
import { findSensitive } from './findSensitive.ts';

/**
 * `text` with every sensitive value replaced by its kind in brackets (`[email]`, `[card]`…),
 * except the values in `kept` (those marked "Not sensitive"). Detection runs on the text itself,
 * so text made from other text (a summary sentence, a keyword) is redacted too.
 */
export function redactText(text: string, kept: ReadonlySet<string> = new Set(), pieces: ReadonlySet<string> = new Set()): string {
  if (text === '') return text;
  const findings = findSensitive(text);
  if (findings.length === 0) return redactPieces(text, pieces);
  let out = '';
  let from = 0;
  for (const f of findings) {
    const value = text.slice(f.start, f.end);
    if (kept.has(value)) continue;
    out += text.slice(from, f.start) + placeholder(f.kind);
    from = f.end;
  }
  return redactPieces(out + text.slice(from), pieces);
}

const isWord = (piece: string): boolean => /^[\p{L}\p{N}]+$/u.test(piece);
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pattern of the pieces that are more than one word (values people marked), built once per set. */
const phrasePatterns = new WeakMap<ReadonlySet<string>, { size: number; pattern: RegExp | null }>();
function phrasePattern(pieces: ReadonlySet<string>): RegExp | null {
  const cached = phrasePatterns.get(pieces);
  if (cached?.size === pieces.size) return cached.pattern;
  // Longest first, so "project falcon budget" wins over "project falcon"; any run of spaces matches one.
  const phrases = [...pieces].filter((piece) => !isWord(piece)).sort((a, b) => b.length - a.length);
  const body = phrases.map((phrase) => phrase.split(' ').map(escape).join('\\s+')).join('|');
  const pattern = phrases.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu');
  phrasePatterns.set(pieces, { size: pieces.size, pattern });
  return pattern;
}

/**
 * Whole words of `text` that are pieces of a sensitive value (see `valuePieces`), and values
 * people marked, as `[redacted]`.
 */
export function redactPieces(text: string, pieces: ReadonlySet<string>): string {
  if (pieces.size === 0) return text;
  const phrases = phrasePattern(pieces);
  const out = phrases ? text.replace(phrases, MARKED_PLACEHOLDER) : text;
  // Placeholders already put in ("[card]", "[redacted]") stay as they are, whatever was marked.
  return out.replace(/\[[a-z0-9-]+\]|[\p{L}\p{N}]+/gu, (word) => (pieces.has(word.toLowerCase()) ? MARKED_PLACEHOLDER : word));
}

/** Whether `text` holds a whole word that is a piece of a sensitive value. */
export function hasPiece(text: string, pieces: ReadonlySet<string>): boolean {
  return redactPieces(text, pieces) !== text;
}

/** Every string in plain data passed through `change`; the shape, other values and Blobs unchanged. */
export function mapStrings<T>(value: T, change: (text: string) => string): T {
  if (typeof value === 'string') return change(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, change)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, change)])) as T;
  }
  return value;
}

/** Every string in a plain JSON value redacted (`redactText`), the shape and other values unchanged. */
export function redactStrings<T>(value: T, kept: ReadonlySet<string> = new Set(), pieces: ReadonlySet<string> = new Set()): T {
  return mapStrings(value, (text) => redactText(text, kept, pieces));
}
