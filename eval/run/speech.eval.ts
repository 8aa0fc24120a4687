// npm run eval:speech — the Silero voice model against the loudness detector, on espeak-ng
// sentences (eval/speech/build.mjs) over noise, music-like and typing beds at 20, 10 and 0 dB SNR,
// in headless Chromium. Both detectors are called as the audio stage calls them, on the page's thread.
import { expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import type { SpeechSegment } from '../../src/shared/results.ts';
import { resample } from '../../workers/audio/resample.ts';
import { VAD_FRAME, VAD_RATE, speechProbabilities } from '../../workers/audio/silero.ts';
import { sileroVad } from '../../workers/audio/sileroModel.ts';
import { findSpeechSegments } from '../../workers/audio/speech.ts';
import { vadSegments } from '../../workers/audio/vadSegments.ts';
import { decodeWav } from '../../workers/audio/wav.ts';
import { BED_KINDS, bed, mixAtSnr } from '../../tests/fixtures/speechBeds.ts';
import { edgeScore, type EdgeScore } from '../../tests/fixtures/speechScore.ts';

const SNRS = [20, 10, 0] as const;
/** Relative to the project root, where vitest's file commands start. */
const RESULTS = 'eval/.speech/results.json';

export interface SpeechEvalRow {
  bed: string;
  snrDb: number;
  silero: EdgeScore;
  energy: EdgeScore;
  sileroMs: number;
  energyMs: number;
  audioSec: number;
}

test('scores the voice model and the loudness detector on sentences over beds', async () => {
  const response = await fetch('/eval/.speech/clean.wav');
  if (!response.ok) throw new Error('eval/.speech/clean.wav is missing: run node eval/speech/build.mjs (npm run eval:speech does).');
  const clean = decodeWav(await response.arrayBuffer());
  const truth = JSON.parse(await commands.readFile('eval/.speech/truth.json')) as { spans: SpeechSegment[]; durationSec: number };
  const vad = await sileroVad();
  const rows: SpeechEvalRow[] = [];
  for (const [b, kind] of BED_KINDS.entries()) {
    const noise = bed(kind, clean.samples.length, clean.sampleRate, 100 + b);
    for (const snrDb of SNRS) {
      const mix = mixAtSnr(clean.samples, truth.spans, clean.sampleRate, noise, snrDb);
      let started = performance.now();
      const probabilities = await speechProbabilities(vad, resample(mix, clean.sampleRate, VAD_RATE), new AbortController().signal);
      const silero = vadSegments(probabilities, VAD_FRAME / VAD_RATE, clean.durationSec);
      const sileroMs = performance.now() - started;
      started = performance.now();
      const energy = findSpeechSegments(mix, clean.sampleRate);
      const energyMs = performance.now() - started;
      const row = {
        bed: kind,
        snrDb,
        silero: edgeScore(truth.spans, silero, clean.durationSec),
        energy: edgeScore(truth.spans, energy, clean.durationSec),
        sileroMs,
        energyMs,
        audioSec: clean.durationSec,
      };
      console.info(`${kind} ${snrDb} dB: silero ${row.silero.found}/${row.silero.sentences} false ${row.silero.falseSpeechSec.toFixed(2)} s; energy ${row.energy.found}/${row.energy.sentences} false ${row.energy.falseSpeechSec.toFixed(2)} s`);
      rows.push(row);
    }
  }
  await commands.writeFile(RESULTS, JSON.stringify({ rows }, null, 1));
  expect(rows).toHaveLength(BED_KINDS.length * SNRS.length);
});
