// npm run eval:speech, first step: seven spoken sentences (espeak-ng, three voices) laid out with
// seeded pauses, written clean to eval/.speech/ (out of git) with their spans as ground truth.
// The beds are laid under them in the browser (tests/fixtures/speechBeds.ts), also seeded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { scene, wav16 } from './espeak.mjs';

const SENTENCES = [
  'Good morning everyone and welcome to the billing migration sync.',
  'The invoice export still drops rows when a customer has two addresses.',
  'Sarah will update the runbook by Thursday.',
  'We decided to keep the old dashboard until the migration is done.',
  'Finance will send the revised forecast on the third of December.',
  'Can you share the dashboard link by the end of the day?',
  'Let us wrap up there and meet again next week.',
];
const VOICES = ['en-us', 'en-gb', 'en-us+f3'];

const out = new URL('../.speech/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const { samples, spans, durationSec } = scene(SENTENCES, 2026, VOICES);
writeFileSync(`${out}clean.wav`, wav16(samples));
writeFileSync(`${out}truth.json`, `${JSON.stringify({ durationSec, spans, sentences: SENTENCES, voices: VOICES }, null, 2)}\n`);
console.info(`eval/.speech/clean.wav: ${SENTENCES.length} sentences, ${durationSec.toFixed(1)} s`);
