// npm run eval:privacy: the sensitive-data detectors on a planted corpus (recall per kind) and on
// clean real documents (false findings per 100 screens of 40 lines). Pure logic, in Node, seconds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { SENSITIVE_KINDS, type Finding, type SensitiveKind } from '../../workers/privacy/finding.ts';
import { findSensitive } from '../../workers/privacy/findSensitive.ts';
import { cleanDocuments, type CleanDoc } from './cleanDocs.ts';
import { fillerSentences } from './filler.ts';
import { plantedCorpus, type Plant } from './plantedSecrets.ts';

const RESULTS_DIR = 'eval/.corpus';
const PER_KIND = 40;
const SEED = 18;
/** Lines per screen, for the false-finding rate. */
const SCREEN_LINES = 40;
/** Personal data and addresses that real documents hold on purpose (maintainers, 127.0.0.1). */
const GENUINE: ReadonlySet<SensitiveKind> = new Set(['email', 'ipv4', 'ipv6']);

interface KindScore {
  planted: number;
  found: number;
  asOther: number;
  missed: string[];
}

/** Whether a finding of the planted kind covers the whole planted value. */
function covers(findings: Finding[], plant: Plant, at: number): 'found' | 'other' | 'missed' {
  const end = at + plant.value.length;
  const over = findings.filter((f) => f.start <= at && f.end >= end);
  if (over.some((f) => f.kind === plant.kind)) return 'found';
  return over.length > 0 || findings.some((f) => f.start < end && at < f.end) ? 'other' : 'missed';
}

function scorePlanted() {
  const plants = plantedCorpus(PER_KIND, SEED);
  const filler = fillerSentences(plants.length, SEED);
  const scores = new Map<SensitiveKind, KindScore>(SENSITIVE_KINDS.map((k) => [k, { planted: 0, found: 0, asOther: 0, missed: [] }]));
  let extra = 0;
  const extras: string[] = [];
  // Each value in its line, between two lines of real prose, as on a screen.
  for (const [i, plant] of plants.entries()) {
    const before = filler[i % Math.max(1, filler.length)] ?? '';
    const text = `${before}\n${plant.line}\n${filler[(i + 7) % Math.max(1, filler.length)] ?? ''}`;
    const at = text.indexOf(plant.value);
    const findings = findSensitive(text);
    const s = scores.get(plant.kind)!;
    s.planted++;
    const verdict = covers(findings, plant, at);
    if (verdict === 'found') s.found++;
    else {
      if (verdict === 'other') s.asOther++;
      s.missed.push(`${plant.form}: ${plant.line.replace(/\n/g, ' ⏎ ').slice(0, 140)} → ${JSON.stringify(findings.map((f) => f.kind))}`);
    }
    for (const f of findings) {
      if (f.end <= at || f.start >= at + plant.value.length) {
        extra++;
        extras.push(`${f.kind} in ${JSON.stringify(text.slice(f.start, f.end))}`);
      }
    }
  }
  return { scores: Object.fromEntries(scores), extra, extras };
}

function scoreClean(docs: CleanDoc[]) {
  let lines = 0;
  const byKind: Partial<Record<SensitiveKind, number>> = {};
  const samples: string[] = [];
  for (const doc of docs) {
    lines += doc.text.split('\n').length;
    for (const f of findSensitive(doc.text)) {
      byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
      const line = doc.text.slice(doc.text.lastIndexOf('\n', f.start) + 1, doc.text.indexOf('\n', f.end) >>> 0).slice(0, 160);
      samples.push(`${f.kind} ${f.confidence} ${doc.id}: [${doc.text.slice(f.start, f.end)}] in ${line}`);
    }
  }
  const screens = lines / SCREEN_LINES;
  const falses = Object.entries(byKind).reduce((n, [kind, count]) => n + (GENUINE.has(kind as SensitiveKind) ? 0 : count), 0);
  return { documents: docs.length, lines, screens: Math.round(screens), byKind, falses, perHundredScreens: (falses / screens) * 100, samples };
}

test('measures recall on planted values and false findings on clean documents', () => {
  const planted = scorePlanted();
  const { docs, heldOut: heldOutDocs } = cleanDocuments();
  const clean = scoreClean(docs);
  const heldOut = scoreClean(heldOutDocs);
  const total = Object.values(planted.scores).reduce((a, s) => ({ planted: a.planted + s.planted, found: a.found + s.found }), { planted: 0, found: 0 });
  for (const [kind, s] of Object.entries(planted.scores)) console.info(`${kind}: ${s.found}/${s.planted}${s.asOther ? ` (${s.asOther} as another kind)` : ''}${s.missed.length ? `\n  ${s.missed.slice(0, 5).join('\n  ')}` : ''}`);
  console.info(`planted: ${total.found}/${total.planted} (${((total.found / total.planted) * 100).toFixed(1)}%), findings beside the planted values: ${planted.extra}\n  ${planted.extras.slice(0, 10).join('\n  ')}`);
  console.info(`clean: ${clean.documents} documents, ${clean.lines} lines, ${clean.screens} screens, ${JSON.stringify(clean.byKind)}; false ${clean.falses} = ${clean.perHundredScreens.toFixed(2)} per 100 screens\n  ${clean.samples.join('\n  ')}`);
  console.info(`held out: ${heldOut.documents} documents, ${heldOut.lines} lines, ${heldOut.screens} screens, ${JSON.stringify(heldOut.byKind)}; false ${heldOut.falses} = ${heldOut.perHundredScreens.toFixed(2)} per 100 screens\n  ${heldOut.samples.join('\n  ')}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}/privacy-results.json`, JSON.stringify({ total, planted, clean, heldOut }, null, 1));
  expect(total.planted).toBeGreaterThanOrEqual(400);
});
