import type { Finding } from './finding.ts';

/**
 * Runs a global regex over `text` and turns each match into a finding, or into nothing when
 * `judge` rejects it (a failed checksum, a date that only looks like a phone number…).
 */
export function scan(text: string, pattern: RegExp, judge: (match: RegExpExecArray) => Finding | null): Finding[] {
  const found: Finding[] = [];
  for (const match of text.matchAll(pattern)) {
    const finding = judge(match as RegExpExecArray);
    if (finding) found.push(finding);
  }
  return found;
}

/** Whether one of `words` is written in the `width` characters before `index` (a label such as "Phone:"). */
export function labelBefore(text: string, index: number, words: RegExp, width = 30): boolean {
  const start = Math.max(0, index - width);
  // The label belongs to the same line: a heading two lines up says nothing.
  const before = text.slice(start, index);
  return words.test(before.slice(before.lastIndexOf('\n') + 1));
}
