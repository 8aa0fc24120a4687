import { ibanValid } from './checksums.ts';
import type { Finding } from './finding.ts';

/** IBAN length per country (ISO 13616 registry). */
const LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18,
  GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32,
  LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24,
  PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** Country, check digits, then letters and digits with optional single or double spaces (OCR). */
const CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: {0,2}[A-Z0-9]){11,30}/g;

/**
 * IBANs: a known country, its exact length, and the mod-97 check. The candidate may run on into
 * the next word ("… 3000 EUR"), so only the country's length of characters is taken.
 */
export function findIbans(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const length = LENGTHS[m[0].slice(0, 2)];
    if (length === undefined) continue;
    let compact = '';
    let end = 0;
    for (const [i, ch] of [...m[0]].entries()) {
      if (ch === ' ') continue;
      compact += ch;
      end = i + 1;
      if (compact.length === length) break;
    }
    // The IBAN must end at a word's end, not inside a longer code.
    const next = text[m.index + end];
    if (compact.length !== length || (next !== undefined && /[A-Za-z0-9]/.test(next)) || !ibanValid(compact)) continue;
    found.push({ kind: 'iban', start: m.index, end: m.index + end, confidence: 0.97, preview: `${compact.slice(0, 2)}…${compact.slice(-4)}` });
  }
  return found;
}
