import type { Finding } from './finding.ts';
import { labelBefore, scan } from './scan.ts';

const DASHED = /(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w-])/g;
/** Spaces or no separator at all read as an SSN only after a label. */
const LOOSE = /(?<![\w-])(\d{3}) ?(\d{2}) ?(\d{4})(?![\w-])/g;
const LABEL = /\b(?:ssn|social security(?: number| no\.?)?|soc\.? sec\.?)\b\W*$/i;

/** Numbers the SSA never issues or that were published and voided (Woolworth's wallet card). */
const VOID = new Set(['078051120', '219099999', '123456789']);

/** The SSA's rules: no area 000, 666 or 900–999, no group 00, no serial 0000. */
function issuable(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000' && !VOID.has(area + group + serial);
}

/** US social security numbers: 123-45-6789 anywhere, 123 45 6789 or 123456789 after "SSN". */
export function findSsns(text: string): Finding[] {
  const judge = (labelled: boolean) => (m: RegExpExecArray): Finding | null => {
    const [, area = '', group = '', serial = ''] = m;
    const label = labelBefore(text, m.index, LABEL);
    if ((labelled && !label) || !issuable(area, group, serial)) return null;
    return { kind: 'ssn', start: m.index, end: m.index + m[0].length, confidence: label ? 0.95 : 0.8, preview: `•••-••-${serial}` };
  };
  return [...scan(text, DASHED, judge(false)), ...scan(text, LOOSE, judge(true))];
}
