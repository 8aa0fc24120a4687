// node eval/engineReport.mjs [dir]  (dir: EVAL_RESULTS_DIR of a run with EVAL_OCR_ENGINES, default eval/.corpus/)
// The OCR engines of one run side by side, grouped as docs/quality.md groups them (scale, theme):
// word recall and precision, median and total seconds per shot, chapter F1; then seconds per whole
// 1080p frame (frames1080.json) and the ratio of each engine's time to the first's. Prints Markdown.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = `${root}${process.argv[2] ?? 'eval/.corpus/'}`;
const DARK = new Set(['docs-dark', 'editor']);
const pct = (x) => (x * 100).toFixed(1);
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
};

const runs = readdirSync(dir)
  .filter((name) => /^results\.[\w-]+\.json$/.test(name))
  .map((name) => JSON.parse(readFileSync(`${dir}${name}`, 'utf8')))
  .sort((a, b) => (a.engine === 'tesseract' ? -1 : b.engine === 'tesseract' ? 1 : 0));

const rows = ['| Scale, theme | Engine | Shots | Words on screen | Word recall | Words read | Word precision | s per shot (median) | s in all |', '|---|---|---|---|---|---|---|---|---|'];
const byGroup = new Map();
for (const run of runs) {
  for (const s of run.series) {
    for (const shot of s.shots) {
      const key = `${s.scale}× ${DARK.has(shot.app) ? 'dark' : 'light'}`;
      const groupRuns = byGroup.get(key) ?? new Map();
      const g = groupRuns.get(run.engine) ?? { shots: 0, expected: 0, recalled: 0, read: 0, correct: 0, ms: [] };
      g.shots++;
      g.ms.push(shot.ocrMs);
      for (const k of ['expected', 'recalled', 'read', 'correct']) g[k] += shot.words[k];
      groupRuns.set(run.engine, g);
      byGroup.set(key, groupRuns);
    }
  }
}
for (const [key, groupRuns] of [...byGroup].sort()) {
  for (const [engine, g] of groupRuns) {
    const total = g.ms.reduce((a, b) => a + b, 0) / 1000;
    rows.push(`| ${key} | ${engine} | ${g.shots} | ${g.expected} | ${pct(g.recalled / g.expected)}% | ${g.read} | ${pct(g.correct / g.read)}% | ${(median(g.ms) / 1000).toFixed(2)} | ${total.toFixed(0)} |`);
  }
}
const chapters = runs.map((run) => {
  const t = run.series.reduce((a, s) => ({ truth: a.truth + s.boundaries.truth, predicted: a.predicted + s.boundaries.predicted, hits: a.hits + s.boundaries.hits }), { truth: 0, predicted: 0, hits: 0 });
  const all = run.series.flatMap((s) => s.shots.map((shot) => shot.ocrMs));
  return `${run.engine}: chapter boundaries ${t.hits} right of ${t.truth} true, ${t.predicted} found; OCR ${(all.reduce((a, b) => a + b, 0) / 1000).toFixed(0)} s for ${all.length} shots`;
});
console.info([...rows, '', ...chapters].join('\n'));

if (existsSync(`${dir}frames1080.json`)) {
  const frames = JSON.parse(readFileSync(`${dir}frames1080.json`, 'utf8'));
  const engines = Object.keys(frames.ms);
  const first = frames.ms[engines[0]];
  console.info(`\nWhole 1080p frames (${frames.frames.length}: ${frames.frames.join(', ')}), each engine in turn:`);
  for (const engine of engines) {
    const ms = frames.ms[engine];
    const ratios = ms.map((x, i) => x / first[i]);
    console.info(`${engine}: median ${(median(ms) / 1000).toFixed(2)} s per frame (${ms.map((x) => (x / 1000).toFixed(1)).join(', ')}); time / ${engines[0]}'s, median ${median(ratios).toFixed(2)}`);
  }
}
console.info(`\nload average now ${loadavg().map((x) => x.toFixed(1)).join(', ')}`);
