// Writes the figures of the last `npm run eval:whisper` (eval/.whisper-results.json) into
// docs/quality.md, between <!-- eval:whisper-latest --> and <!-- /eval:whisper-latest -->.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const path = `${root}docs/quality.md`;
const result = JSON.parse(readFileSync(`${root}eval/.whisper-results.json`, 'utf8'));
const loadAfter = loadavg();

const load = (l) => l.map((n) => n.toFixed(2)).join(', ');
const { model, audioSec, speechSec, cores } = result;
const lines = [
  `Model **${model.name}** (${model.dtype}, ${(model.bytes / 1e6).toFixed(1)} MB), the seven espeak-ng sentences of \`eval/.speech/clean.wav\` (${audioSec.toFixed(1)} s, ${speechSec.toFixed(1)} s of it speech by Silero), through the product's pool worker; onnxruntime-web on one thread, ${cores} cores in the machine; load average ${load(result.loadBefore)} before, ${load(loadAfter)} after.`,
  '',
  '| Run | Word error rate | Substitutions | Deletions | Insertions | Words said | Transcript stage | Real-time factor (stage time / recording) |',
  '|---|---|---|---|---|---|---|---|',
];
for (const r of result.runs) {
  const e = r.errors;
  lines.push(`| ${r.run === 'cold' ? 'first job (model loaded from OPFS)' : 'second job (model loaded)'} | ${(e.rate * 100).toFixed(1)}% | ${e.substitutions} | ${e.deletions} | ${e.insertions} | ${e.words} | ${(r.transcriptMs / 1000).toFixed(1)} s | ${(r.transcriptMs / 1000 / audioSec).toFixed(2)} |`);
}
lines.push('', `What it heard (second job): “${result.runs.at(-1).hypothesis}”`);

const body = lines.join('\n');
const doc = readFileSync(path, 'utf8');
const pattern = /<!-- eval:whisper-latest -->[\s\S]*?<!-- \/eval:whisper-latest -->/;
if (!pattern.test(doc)) throw new Error('docs/quality.md has no <!-- eval:whisper-latest --> block.');
writeFileSync(path, doc.replace(pattern, () => `<!-- eval:whisper-latest -->\n${body}\n<!-- /eval:whisper-latest -->`));
console.info(body);
