import { afterEach, describe, expect, test } from 'vitest';
import { openEnricherDb } from '../../src/shared/db.ts';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import type { AudioStageResult, SpeechSegment } from '../../src/shared/results.ts';
import { bareSession } from '../fixtures/stageContext.ts';
import { WorkerPool } from '../../src/pool/workerPool.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { findSpeechSegments } from '../../workers/audio/speech.ts';
import { decodeWav, encodeWav16 } from '../../workers/audio/wav.ts';
import { bed, mixAtSnr } from '../fixtures/speechBeds.ts';
import { edgeScore } from '../fixtures/speechScore.ts';
import fixtureUrl from '../fixtures/speech/sentences.wav?url';
import truth from '../fixtures/speech/sentences.json';
import { deleteDatabase, uniqueDbName } from './fixtures/sessions.ts';

const spans: SpeechSegment[] = truth.spans;

/** The three espeak-ng sentences of the fixture over typing, 10 dB under the voice (seeded). */
async function speechOverTyping(): Promise<{ samples: Float32Array; rate: number }> {
  const clean = decodeWav(await (await fetch(fixtureUrl)).arrayBuffer());
  const typing = bed('typing', clean.samples.length, clean.sampleRate, 7);
  return { samples: mixAtSnr(clean.samples, spans, clean.sampleRate, typing, 10), rate: clean.sampleRate };
}

/** Pool workers: each `new Worker(new URL(…))` literal, so that Vite bundles it as a worker. */
const productWorker = () => new Worker(new URL('../../workers/enrich.worker.ts', import.meta.url), { type: 'module', name: 'vad-pool' });
const workerWithoutModel = () => new Worker(new URL('./fixtures/noVad.worker.ts', import.meta.url), { type: 'module', name: 'no-vad-pool' });

describe('audio stage: the Silero voice model in a pool worker', () => {
  let cleanup: () => Promise<void> = async () => {};
  afterEach(() => cleanup());

  /** Runs the 'audio' stage on one recording in a real pool worker made by `createWorker`. */
  async function runAudio(createWorker: () => Worker, wav: Blob): Promise<StageOutcome> {
    const dbName = uniqueDbName();
    const db = await openEnricherDb(dbName);
    const pool = new WorkerPool({ size: 1, createWorker });
    cleanup = async () => {
      pool.terminate();
      db.close();
      await deleteDatabase(dbName);
    };
    const session = bareSession({
      id: 'vad-session',
      title: 'Standup over typing',
      audio: [{ id: 'a0', name: 'standup.wav', kind: 'audio', type: 'audio/wav', size: wav.size, at: null }],
      importedAt: Date.now(),
    });
    await new SessionStore(db).add(session, [{ id: 'a0', sessionId: session.id, blob: wav }]);
    const request = { jobId: 'vad-job', sessionId: session.id, attempt: 1, dbName, stages: ['audio'], skip: {} };
    const response = await pool.run({ request, timeoutMs: 120_000, onProgress: () => {} });
    return response.outcomes.audio!;
  }

  test('finds each sentence over typing at 10 dB SNR within ±0.3 s, where loudness alone does not', async () => {
    const { samples, rate } = await speechOverTyping();
    const wav = new Blob([encodeWav16(samples, rate)], { type: 'audio/wav' });
    const outcome = await runAudio(productWorker, wav);
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.warning).toBeUndefined();
    const recording = (outcome.result as AudioStageResult).recordings[0]!;
    expect(recording.detector).toBe('silero');
    const silero = edgeScore(spans, recording.segments, recording.durationSec);
    expect(silero.found).toBe(spans.length);
    expect(recording.segments).toHaveLength(spans.length);
    // The energy detector on the same samples: the keystrokes between sentences count as speech.
    const energy = edgeScore(spans, findSpeechSegments(samples, rate), recording.durationSec);
    expect(energy.found).toBeLessThan(spans.length);
    expect(silero.falseSpeechSec).toBeLessThan(energy.falseSpeechSec);
  });

  test('without the model files, falls back to loudness and says so, the stage still done', async () => {
    const clean = await (await fetch(fixtureUrl)).blob();
    const outcome = await runAudio(workerWithoutModel, clean);
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.warning).toMatch(/^The voice model could not be used \(\/no-such-vad-folder\/\S+ is not there.*\), so speech was found by loudness alone/);
    const recording = (outcome.result as AudioStageResult).recordings[0]!;
    expect(recording.detector).toBe('energy');
    // On clean speech, loudness alone still finds the sentences.
    expect(edgeScore(spans, recording.segments, recording.durationSec).found).toBe(spans.length);
  });
});
