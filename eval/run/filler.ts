// Sentences of real prose that commit no one: from package READMEs and Debian's licences, as a
// meeting reads out or pastes in documentation. Deterministic: the same sentences on every run.
import { existsSync, readFileSync } from 'node:fs';

const SOURCES = [
  'node_modules/idb/README.md',
  'node_modules/comlink/README.md',
  'node_modules/minisearch/README.md',
  'node_modules/fflate/README.md',
  '/usr/share/common-licenses/Apache-2.0',
  '/usr/share/common-licenses/MPL-2.0',
];

/** Prose sentences of a Markdown or plain-text file: no code, links or markup, 50–220 characters. */
function proseSentences(text: string): string[] {
  const prose = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, 'it')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s*(?:#+|[-*+]|\d+\.|>)\s*/gm, '')
    .replace(/\s+/g, ' ');
  return (prose.match(/[A-Z][^.!?]{48,218}[.!?](?=\s)/g) ?? []).filter((s) => !/[|{}=<>_*#\\/@]|https?:|\d\.\d/.test(s) && !/[A-Z]{4,}/.test(s));
}

/** `count` sentences, taken evenly from every source found, starting at `seed`. */
export function fillerSentences(count: number, seed: number): string[] {
  const pool = SOURCES.filter((path) => existsSync(path)).flatMap((path) => proseSentences(readFileSync(path, 'utf8')));
  if (pool.length === 0) return [];
  const step = Math.max(1, Math.floor(pool.length / count));
  return Array.from({ length: count }, (_, i) => pool[(seed * 7 + i * step) % pool.length]!);
}
