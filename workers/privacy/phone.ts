import type { Finding } from './finding.ts';
import { labelBefore, scan } from './scan.ts';

/** A run of digits with the separators phone numbers use; judged whole by `phoneConfidence`. */
const CANDIDATE = /(?:\+|(?<![\w+./-]))\(?\d[\d ()./-]{5,24}\d(?![\w/]|[.-]\d)/g;
const LABEL = /\b(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp|sms|ph|contact|hotline|number)\b\.?\W*$/i;

const NANP = /^(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}$/;
/** A national number with a trunk 0: "020 7946 0958", "06 12 34 56 78", "030/1234567". */
const TRUNK = /^\(?0\d{1,4}\)?(?:[ /-]\d{2,8}){1,4}$/;
/** A US ZIP+4 code ("MA 02110-1301") is an address, not a number to call. */
const ZIP4 = /^\d{5}-\d{4}$/;
const DATE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$/;

/**
 * How sure `value` is a phone number, 0 when it is not: international numbers (+ or 00, 8–15
 * digits), North American numbers, national numbers with a trunk 0; bare digit runs only after
 * a label such as "Phone:". Dates, times, versions and counts do not take these shapes.
 */
function phoneConfidence(value: string, labelled: boolean): number {
  const digits = value.replace(/\D/g, '').length;
  if (DATE.test(value) || ZIP4.test(value) || digits > 15) return 0;
  // Every bracket closes, and at most one pair.
  if ((value.match(/\(/g) ?? []).length !== (value.match(/\)/g) ?? []).length || (value.match(/\(/g) ?? []).length > 1) return 0;
  const boost = labelled ? 0.1 : 0;
  if (/^(?:\+|00)[1-9]/.test(value)) return digits >= 8 && /^(?:\+|00)[\d ().-]+$/.test(value) ? 0.85 + boost : 0;
  if (NANP.test(value)) return 0.8 + boost;
  if (TRUNK.test(value) && digits >= 9 && digits <= 12) return 0.7 + boost;
  if (labelled && digits >= 7 && /^[\d ().-]+$/.test(value) && !/^\d{1,3}(?:\.\d{1,3})+$/.test(value)) return 0.7;
  return 0;
}

/** Phone numbers, international and in the common national formats. */
export function findPhones(text: string): Finding[] {
  return scan(text, CANDIDATE, (m) => {
    const value = m[0].trim();
    const confidence = phoneConfidence(value, labelBefore(text, m.index, LABEL));
    if (confidence === 0) return null;
    return { kind: 'phone', start: m.index, end: m.index + value.length, confidence, preview: `•••• ${value.replace(/\D/g, '').slice(-2)}` };
  });
}
