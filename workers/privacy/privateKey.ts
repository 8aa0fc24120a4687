import type { Finding } from './finding.ts';

/** OCR may drop a dash or two from the armour lines. */
const BEGIN = /-{3,6} ?BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)? ?-{3,6}/g;
const END = /-{3,6} ?END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)? ?-{3,6}/g;
/** A line of a key's body: base64, or an armour header such as "Proc-Type: 4,ENCRYPTED". */
const BODY_LINE = /^\s*(?:[A-Za-z0-9+/=]{16,}|[A-Za-z-]+: .*|)\s*$/;

/**
 * Private key blocks (PEM, OpenSSH, PGP): from the BEGIN line to its END line; when the END is
 * not in the text (a screen shows only the top of the key), through the base64 lines that follow.
 */
export function findPrivateKeys(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(BEGIN)) {
    const from = m.index + m[0].length;
    END.lastIndex = from;
    const end = END.exec(text);
    let to = end ? end.index + end[0].length : from;
    if (!end) {
      const lines = text.slice(from).split('\n');
      let offset = from + (lines[0]?.length ?? 0);
      for (const line of lines.slice(1)) {
        if (!BODY_LINE.test(line) || line.trim() === '') break;
        offset += 1 + line.length;
        to = offset;
      }
    }
    const label = (m[1] ?? '').trim();
    const preview = `${label ? `${label} ` : ''}private key${m[2] ? ' block' : ''}`;
    found.push({ kind: 'private-key', start: m.index, end: to, confidence: end ? 0.99 : 0.9, preview });
  }
  return found;
}
