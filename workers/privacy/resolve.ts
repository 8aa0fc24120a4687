import { SENSITIVE_KINDS, type Finding } from './finding.ts';

const rank = (f: Finding) => SENSITIVE_KINDS.indexOf(f.kind);

/**
 * One finding per stretch of text: where findings overlap, the more specific kind wins (a JWT is
 * not also a secret, a card not also a phone number), then the longer one. In text order.
 */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  const ordered = [...findings].sort((a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of ordered) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}
