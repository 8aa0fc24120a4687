/** The dot that stands for a hidden character in previews. */
const DOT = '•';

/** "sk-…f3a9": the fixed prefix that names the token's kind, then its last `tail` characters. */
export function maskTail(prefix: string, value: string, tail = 4): string {
  // A short value would be shown almost whole: hide its end too.
  const keep = value.length - prefix.length >= tail * 3 ? tail : 0;
  return `${prefix}…${keep > 0 ? value.slice(-keep) : ''}`;
}

/** "•••• 4242": the last four digits of a number read in groups (a card, an account). */
export function maskDigits(value: string, tail = 4): string {
  const digits = value.replace(/\D/g, '');
  return `${DOT.repeat(4)} ${digits.slice(-tail)}`;
}

/** "j…@example.com": the first letter of the mailbox and the whole domain. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  return `${value.slice(0, 1)}…${value.slice(at)}`;
}
