import type { Finding } from './finding.ts';
import { maskEmail } from './mask.ts';
import { scan } from './scan.ts';

const EMAIL = /(?<![\w.+%-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

/** "icon@2x.png" and "index@1.0.js" are file names: their last label is a file type, not a domain. */
const FILE_TYPES = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'css', 'json', 'md', 'map', 'wasm', 'html']);

/** E-mail addresses: a mailbox, "@", a domain with a letter top-level label. */
export function findEmails(text: string): Finding[] {
  return scan(text, EMAIL, (m) => {
    const value = m[0];
    const tld = value.slice(value.lastIndexOf('.') + 1).toLowerCase();
    if (FILE_TYPES.has(tld)) return null;
    return { kind: 'email', start: m.index, end: m.index + value.length, confidence: 0.95, preview: maskEmail(value) };
  });
}
