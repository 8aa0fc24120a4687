import { placeholder } from '../../src/shared/privacy.ts';
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

/** Whole words of `text` that are pieces of a sensitive value (see `valuePieces`), as `[redacted]`. */
export function redactPieces(text: string, pieces: ReadonlySet<string>): string {
  if (pieces.size === 0) return text;
  return text.replace(/[\p{L}\p{N}]+/gu, (word) => (pieces.has(word.toLowerCase()) ? '[redacted]' : word));
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
