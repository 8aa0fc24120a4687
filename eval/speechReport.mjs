// Writes the figures of the last `npm run eval:speech` (eval/.speech/results.json) into
// docs/quality.md, between <!-- eval:speech-latest --> and <!-- /eval:speech-latest -->.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const path = `${root}docs/quality.md`;
const { rows } = JSON.parse(readFileSync(`${root}eval/.speech/results.json`, 'utf8'));

const pct = (part, whole) => `${Math.round((100 * part) / whole)}%`;
const cell = (s) => `${s.found}/${s.sentences}`;
const falseCell = (s) => `${s.falseSpeechSec.toFixed(1)} s (${pct(s.falseSpeechSec, s.pauseSec)})`;
const missedCell = (s) => `${s.missedSpeechSec.toFixed(1)} s`;

const lines = [
  '| Bed | SNR | Sentences within ±0.3 s: Silero | energy | False speech (share of the pauses): Silero | energy | Speech missed: Silero | energy |',
  '|---|---|---|---|---|---|---|---|',
];
for (const r of rows) {
  lines.push(`| ${r.bed} | ${r.snrDb} dB | ${cell(r.silero)} | ${cell(r.energy)} | ${falseCell(r.silero)} | ${falseCell(r.energy)} | ${missedCell(r.silero)} | ${missedCell(r.energy)} |`);
}
const sum = (key, detector) => rows.reduce((n, r) => n + r[detector][key], 0);
const total = (detector) => `${sum('found', detector)}/${sum('sentences', detector)}`;
lines.push(`| **all** | | **${total('silero')}** | **${total('energy')}** | ${sum('falseSpeechSec', 'silero').toFixed(1)} s (${pct(sum('falseSpeechSec', 'silero'), sum('pauseSec', 'silero'))}) | ${sum('falseSpeechSec', 'energy').toFixed(1)} s (${pct(sum('falseSpeechSec', 'energy'), sum('pauseSec', 'energy'))}) | ${sum('missedSpeechSec', 'silero').toFixed(1)} s | ${sum('missedSpeechSec', 'energy').toFixed(1)} s |`);
const audioMin = rows.reduce((n, r) => n + r.audioSec, 0) / 60;
const sileroSec = rows.reduce((n, r) => n + r.sileroMs, 0) / 1000;
lines.push('', `Silero took ${(sileroSec / audioMin).toFixed(1)} s per minute of audio on one thread (${audioMin.toFixed(1)} min in all, load not counted); the loudness detector ${(rows.reduce((n, r) => n + r.energyMs, 0) / 1000 / audioMin).toFixed(2)} s.`);

const body = lines.join('\n');
const doc = readFileSync(path, 'utf8');
const pattern = /<!-- eval:speech-latest -->[\s\S]*?<!-- \/eval:speech-latest -->/;
if (!pattern.test(doc)) throw new Error('docs/quality.md has no <!-- eval:speech-latest --> block.');
writeFileSync(path, doc.replace(pattern, () => `<!-- eval:speech-latest -->\n${body}\n<!-- /eval:speech-latest -->`));
console.info(body);
