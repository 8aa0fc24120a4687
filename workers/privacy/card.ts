import { luhnValid } from './checksums.ts';
import type { Finding } from './finding.ts';
import { maskDigits } from './mask.ts';

/** Digit groups split by spaces or dashes; up to two of them, since OCR widens gaps. */
const DIGIT_RUN = /(?<![\w.,-])\d+(?:[ -]{1,2}\d+)*(?![\w-]|[.,]\d)/g;

/** Issuer prefixes (IIN ranges) and the lengths each network issues. */
const NETWORKS: Array<{ prefix: RegExp; lengths: number[] }> = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(?:5[1-5]|2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/, lengths: [16] }, // Mastercard
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^(?:6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] }, // Discover
  { prefix: /^(?:30[0-5]|3[689])/, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] }, // JCB
  { prefix: /^62/, lengths: [16, 17, 18, 19] }, // UnionPay
  { prefix: /^(?:50[0-9]|5[6-8]|6[37])/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] }, // Maestro
];

function isCard(digits: string): boolean {
  return NETWORKS.some((n) => n.prefix.test(digits) && n.lengths.includes(digits.length)) && luhnValid(digits);
}

/**
 * Payment card numbers: 13–19 digits, whole or in groups, with a known issuer prefix and a valid
 * Luhn check digit. A run of groups may hold more than the card ("4242 4242 4242 4242 12 27"),
 * so every stretch of whole groups is tried, the longest card first.
 */
export function findCards(text: string): Finding[] {
  const found: Finding[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const groups = [...run[0].matchAll(/\d+/g)].map((g) => ({ start: run.index + g.index, digits: g[0] }));
    for (let i = 0; i < groups.length; i++) {
      let best = -1;
      let digits = '';
      for (let j = i; j < groups.length && digits.length < 19; j++) {
        digits += groups[j]!.digits;
        if (digits.length >= 13 && digits.length <= 19 && isCard(digits)) best = j;
      }
      if (best < 0) continue;
      const first = groups[i]!;
      const last = groups[best]!;
      const value = text.slice(first.start, last.start + last.digits.length);
      // Grouped as cards are printed reads surer than a bare run of digits.
      const confidence = value.includes(' ') || value.includes('-') ? 0.95 : 0.85;
      found.push({ kind: 'card', start: first.start, end: last.start + last.digits.length, confidence, preview: maskDigits(value) });
      i = best;
    }
  }
  return found;
}
