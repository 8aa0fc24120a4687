// Writes the figures of the last `npm run eval` into docs/quality.md, between <!-- eval:NAME -->
// and <!-- /eval:NAME --> (NAME = "latest", or the --block given): the screenshot corpus from
// eval/.corpus/results.json, the screen recordings from eval/.corpus/recording-results.json, and the meetings' text from eval/.corpus/text-results.json into
// "text-NAME", and search on the corpus from eval/.corpus/search-results.json into "search-NAME". With --text,
// only the search and text parts; with --search, only the search part.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { recordingBlock } from './recordingReport.mjs';
import { searchBlock } from './searchReport.mjs';
import { textBlock } from './textReport.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const block = process.argv.includes('--block') ? process.argv[process.argv.indexOf('--block') + 1] : 'latest';
const textOnly = process.argv.includes('--text');
const path = `${root}docs/quality.md`;

/** Replaces the block NAME of docs/quality.md with `body`. */
function writeBlock(name, body) {
  const doc = readFileSync(path, 'utf8');
  const pattern = new RegExp(`<!-- eval:${name} -->[\\s\\S]*?<!-- /eval:${name} -->`);
  if (!pattern.test(doc)) throw new Error(`docs/quality.md has no <!-- eval:${name} --> block.`);
  const text = [`<!-- eval:${name} -->`, body, `<!-- /eval:${name} -->`].join('\n');
  // A function, so that "$" in the figures is not read as a replacement pattern.
  writeFileSync(path, doc.replace(pattern, () => text));
  console.info(text);
}

const searchResults = `${root}eval/.corpus/search-results.json`;
if (existsSync(searchResults)) writeBlock(`search-${block}`, searchBlock(JSON.parse(readFileSync(searchResults, 'utf8'))));
if (process.argv.includes('--search')) process.exit(0);

const textResults = `${root}eval/.corpus/text-results.json`;
if (existsSync(textResults)) writeBlock(`text-${block}`, textBlock(JSON.parse(readFileSync(textResults, 'utf8'))));
if (textOnly) process.exit(0);

const results = JSON.parse(readFileSync(`${root}eval/.corpus/results.json`, 'utf8'));
const DARK = new Set(['docs-dark', 'editor']);

const pct = (x) => (x * 100).toFixed(1);
const f2 = (x) => x.toFixed(2);

function prf(hits, truth, predicted) {
  const precision = predicted === 0 ? 0 : hits / predicted;
  const recall = truth === 0 ? 1 : hits / truth;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

const lines = ['| Series | Shots | True boundaries | Found | Right | Precision | Recall | F1 |', '|---|---|---|---|---|---|---|---|'];
let truth = 0;
let predicted = 0;
let hits = 0;
for (const s of results.series) {
  const b = s.boundaries;
  truth += b.truth;
  predicted += b.predicted;
  hits += b.hits;
  lines.push(`| ${s.id} | ${s.shots.length} | ${b.truth} | ${b.predicted} | ${b.hits} | ${f2(b.precision)} | ${f2(b.recall)} | ${f2(b.f1)} |`);
}
const all = prf(hits, truth, predicted);
lines.push(`| **all screenshot series** | ${results.series.reduce((n, s) => n + s.shots.length, 0)} | ${truth} | ${predicted} | ${hits} | ${f2(all.precision)} | ${f2(all.recall)} | **${f2(all.f1)}** |`);

const groups = new Map();
for (const s of results.series) {
  for (const shot of s.shots) {
    const key = `${s.scale}× ${DARK.has(shot.app) ? 'dark' : 'light'}`;
    const g = groups.get(key) ?? { shots: 0, expected: 0, recalled: 0, read: 0, correct: 0, ms: [] };
    g.shots++;
    if (typeof shot.ocrMs === 'number') g.ms.push(shot.ocrMs);
    for (const k of ['expected', 'recalled', 'read', 'correct']) g[k] += shot.words[k];
    groups.set(key, g);
  }
}
/** Median OCR seconds per shot (wall time on a shared machine: compare runs, not machines). */
function medianSeconds(ms) {
  if (ms.length === 0) return '–';
  const sorted = [...ms].sort((a, b) => a - b);
  return (sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(1);
}
const ocr = [
  '| Scale, theme | Shots | Words on screen | Word recall | Words read | Word precision | OCR s per shot (median) |',
  '|---|---|---|---|---|---|---|',
];
for (const [key, g] of [...groups].sort()) {
  ocr.push(`| ${key} | ${g.shots} | ${g.expected} | ${pct(g.recalled / g.expected)}% | ${g.read} | ${pct(g.correct / g.read)}% | ${medianSeconds(g.ms)} |`);
}
const allMs = results.series.flatMap((s) => s.shots.map((shot) => shot.ocrMs).filter((ms) => typeof ms === 'number'));
const totalOcr = allMs.reduce((a, b) => a + b, 0) / 1000;

const recordingResults = `${root}eval/.corpus/recording-results.json`;
const recordings = existsSync(recordingResults) ? ['', recordingBlock(JSON.parse(readFileSync(recordingResults, 'utf8')))] : [];

writeBlock(
  block,
  [
    results.ocrReused ? '_OCR text reused from an earlier run (EVAL_OCR=reuse)._\n' : '',
    '**Chapter boundaries**',
    '',
    ...lines,
    '',
    '**OCR words**',
    '',
    ...ocr,
    ...(allMs.length > 0 ? ['', `OCR wall time ${totalOcr.toFixed(0)} s for ${allMs.length} shots (load average ${loadavg()[0].toFixed(1)} at the end of the run).`] : []),
    ...recordings,
  ].join('\n'),
);
