// node eval/ocrWords.mjs [--results path] [--group "1× dark"] [--series id] [--shots] [--top 40]
// Which words the last `npm run eval` (project screens) missed and which it read that are not on
// screen, counted as eval/run/score.ts counts them: the words to fix OCR against. Per scale and
// theme (as docs/quality.md groups them), most frequent first; --shots lists them shot by shot.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const resultsPath = arg('--results', `${root}eval/.corpus/results.json`);
const onlyGroup = arg('--group', null);
const onlySeries = arg('--series', null);
const top = Number(arg('--top', 40));
const perShot = process.argv.includes('--shots');

const corpus = JSON.parse(readFileSync(`${root}eval/.corpus/corpus.json`, 'utf8'));
const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
const DARK = new Set(['docs-dark', 'editor']);

/** As tests/browser/fixtures/documents.ts words(): lowercase, punctuation stripped at both ends. */
const words = (text) =>
  text
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word.length > 0);

/** The words of `wanted` (with repeats) not in `pool`. */
function notIn(wanted, pool) {
  const left = new Map();
  for (const word of pool) left.set(word, (left.get(word) ?? 0) + 1);
  const out = [];
  for (const word of wanted) {
    const k = left.get(word) ?? 0;
    if (k > 0) left.set(word, k - 1);
    else out.push(word);
  }
  return out;
}

const tally = (map, list) => list.forEach((word) => map.set(word, (map.get(word) ?? 0) + 1));
const groups = new Map();
for (const s of results.series) {
  if (onlySeries && s.id !== onlySeries) continue;
  const truth = corpus.series.find((c) => c.id === s.id);
  for (const [i, shot] of s.shots.entries()) {
    const key = `${s.scale}× ${DARK.has(shot.app) ? 'dark' : 'light'}`;
    if (onlyGroup && key !== onlyGroup) continue;
    const g = groups.get(key) ?? { missed: new Map(), extra: new Map(), nMissed: 0, nExtra: 0 };
    const read = words(shot.ocr);
    const missed = notIn(truth.shots[i].full.flatMap(words), read);
    const extra = notIn(read, truth.shots[i].partial.flatMap(words));
    tally(g.missed, missed);
    tally(g.extra, extra);
    g.nMissed += missed.length;
    g.nExtra += extra.length;
    groups.set(key, g);
    if (perShot) console.info(`${s.id}/${truth.shots[i].file} (${shot.app}): missed ${missed.join(' ')}\n  extra ${extra.join(' ')}`);
  }
}
const ranked = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([word, n]) => (n > 1 ? `${word}×${n}` : word)).join(' ');
for (const [key, g] of [...groups].sort()) {
  console.info(`\n${key}: ${g.nMissed} missed, ${g.nExtra} read that are not on screen`);
  console.info(`  missed: ${ranked(g.missed)}`);
  console.info(`  extra:  ${ranked(g.extra)}`);
}
