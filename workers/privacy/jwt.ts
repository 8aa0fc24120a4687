import type { Finding } from './finding.ts';
import { maskTail } from './mask.ts';
import { scan } from './scan.ts';

const JWT = /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{8,}(?![\w-])/g;

/** Decodes a base64url part; null when it is not base64url text. */
function decode(part: string): string | null {
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    return atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  } catch {
    return null;
  }
}

/** A JWT's header is a JSON object naming its signing algorithm. */
function hasJwtHeader(part: string): boolean {
  const json = decode(part);
  if (json === null) return false;
  try {
    const header: unknown = JSON.parse(json);
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

/** JSON Web Tokens: three base64url parts whose first decodes to a header with "alg". */
export function findJwts(text: string): Finding[] {
  return scan(text, JWT, (m) => {
    const value = m[0];
    if (!hasJwtHeader(value.slice(0, value.indexOf('.')))) return null;
    return { kind: 'jwt', start: m.index, end: m.index + value.length, confidence: 0.97, preview: maskTail('eyJ', value) };
  });
}
