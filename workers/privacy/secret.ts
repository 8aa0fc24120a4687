import { shannonEntropy } from './checksums.ts';
import type { Finding } from './finding.ts';
import { maskTail } from './mask.ts';

/** Words that announce a secret, also inside identifiers: DB_PASSWORD, apiKey, client_secret. */
const KEYWORD = /pass(?:word|wd|phrase|code)|pwd|secret|token|api[ _-]?key|key|credentials?/gi;
/** How many tokens after the keyword the value may come ("password is now: …"). */
const LOOKAHEAD = 4;
const MIN_LENGTH = 16;
/** Bits per character; ordinary identifiers of this length sit below, random keys above. */
const MIN_ENTROPY = 3.2;
/** Share of neighbouring characters that change class (lower, upper, digit, other): high for random text. */
const MIN_SWITCHES = 0.2;

const classOf = (ch: string) => (/[a-z]/.test(ch) ? 0 : /[A-Z]/.test(ch) ? 1 : /\d/.test(ch) ? 2 : 3);

/** The keyword stands as a word or a part of an identifier: "apiKey", not "monkey" or "keyboard". */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? ' ';
  const first = text[start] ?? '';
  const after = text[end] ?? ' ';
  const next = text[end + 1] ?? ' ';
  const startsWord = !/[A-Za-z]/.test(before) || (/[a-z]/.test(before) && /[A-Z]/.test(first));
  const last = text[end - 1] ?? '';
  // "apiKeyId" ends a word at the capital; "KEYWORDS" does not.
  const endsWord = !/[A-Za-z]/.test(after) || (/[a-z]/.test(last) && /[A-Z]/.test(after)) || (after === 's' && !/[A-Za-z]/.test(next));
  return startsWord && endsWord;
}

/** Words joined by dashes, dots, slashes or camelCase: a slug, a path or an identifier, not a key. */
function wordy(value: string): boolean {
  const parts = value.split(/[-_./+#]|(?<=[a-z])(?=[A-Z])/).filter((p) => p !== '');
  const words = parts.filter((p) => /^(?:[a-z]{3,}|[A-Z][a-z]{2,})$/.test(p)).length;
  return words >= 2 && words * 2 >= parts.length;
}

/**
 * A value that looks random: long, letters mixed with digits or symbols or both cases, high
 * entropy, often changing class; not a URL, a host, an address or a slug of words.
 */
export function looksRandom(value: string): boolean {
  if (value.length < MIN_LENGTH || !/[A-Za-z]/.test(value) || wordy(value)) return false;
  if (/:\/\/|^\/\/|@|^www\.|\.[a-z]{2,}\//.test(value)) return false;
  // Code rather than a value: an escape, a template, an optional chain, a URL's query ("?a=", "&b=").
  if (/\\|\$\{|\?\.|[?&][\w-]+=/.test(value)) return false;
  let switches = 0;
  for (let i = 1; i < value.length; i++) if (classOf(value[i]!) !== classOf(value[i - 1]!)) switches++;
  return shannonEntropy(value) >= MIN_ENTROPY && switches / (value.length - 1) >= MIN_SWITCHES;
}

/**
 * High-entropy strings within a few tokens after a word such as password, secret, token or key
 * on the same line: `export DB_PASSWORD="…"`, "API key: …", "the token is …".
 */
export function findSecrets(text: string): Finding[] {
  const found: Finding[] = [];
  for (const k of text.matchAll(KEYWORD)) {
    const keyEnd = k.index + k[0].length;
    if (!standsAlone(text, k.index, keyEnd)) continue;
    const lineEnd = text.indexOf('\n', keyEnd);
    const rest = text.slice(keyEnd, lineEnd < 0 ? undefined : lineEnd);
    let seen = 0;
    // Base64 padding ("…==") belongs to the value; a lone "=" separates it from its name.
    for (const token of rest.matchAll(/[^\s=:,;'"`()<>[\]{}]+=*/g)) {
      if (++seen > LOOKAHEAD) break;
      // A full stop ends the sentence, not the value (passwords may well end in "!" or "?").
      const value = token[0].replace(/\.$/, '');
      if (!looksRandom(value)) continue;
      const start = keyEnd + token.index;
      // No prefix names a password: only its last two characters are shown.
      found.push({ kind: 'secret', start, end: start + value.length, confidence: 0.75, preview: maskTail('', value, 2) });
      break;
    }
  }
  return found;
}
