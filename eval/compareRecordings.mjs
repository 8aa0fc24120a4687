// node eval/compareRecordings.mjs before.json after.json — two copies of eval/.corpus/recording-results.json
// (npm run eval, project recordings) side by side: real-time factor, frames, stage seconds, whether each
// frame's OCR text is identical, and chapter F1. For before/after runs of one change.
import { readFileSync } from 'node:fs';

const [beforePath, afterPath] = process.argv.slice(2);
if (!beforePath || !afterPath) {
  console.error('Usage: node eval/compareRecordings.mjs before.json after.json');
  process.exit(2);
}
const load = (path) => new Map(JSON.parse(readFileSync(path, 'utf8')).recordings.map((r) => [r.id, r]));
const before = load(beforePath);
const after = load(afterPath);

const seconds = (r) => `${r.seconds.total.toFixed(1)} (${r.seconds.video.toFixed(1)} + ${r.seconds.ocr.toFixed(1)} + ${r.seconds.chapters.toFixed(1)})`;
const realTime = (r) => `${(r.durationSec / r.seconds.total).toFixed(2)}×`;

console.log('| recording | length | before s (video + OCR + chapters) | after s | real time before → after | frames | OCR text identical | F1 before → after | second reader |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [id, b] of before) {
  const a = after.get(id);
  if (!a) continue;
  const textOf = new Map(b.frames.map((f) => [f.id, f.ocr]));
  const same = a.frames.filter((f) => textOf.has(f.id) && textOf.get(f.id) === f.ocr).length;
  const second = a.secondReads === undefined ? '—' : `${a.secondReads} whole reads begun`;
  console.log(
    `| ${id} | ${b.durationSec} s | ${seconds(b)} | ${seconds(a)} | ${realTime(b)} → ${realTime(a)} | ${b.frames.length} → ${a.frames.length} | ${same} of ${a.frames.length} | ` +
      `${b.boundaries.f1.toFixed(2)} → ${a.boundaries.f1.toFixed(2)} | ${second} |`,
  );
}
