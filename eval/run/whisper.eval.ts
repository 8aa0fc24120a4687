// npm run eval:whisper — a real Whisper export, picked by hand and put in eval/.whisper/ (out of
// git), through the app's own path in headless Chromium: added as Settings adds it (checked, stored
// in OPFS by the speech model worker), then the espeak-ng sentences of eval/.speech/clean.wav
// enriched by the product's pool worker (Silero VAD, then Whisper on the detected speech). Scores
// the word error rate against what was said and the transcript stage's real-time factor.
import { expect, inject, test } from 'vitest';
import { commands } from 'vitest/browser';
import { openEnricherDb } from '../../src/shared/db.ts';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import type { AudioStageResult, TranscriptResult } from '../../src/shared/results.ts';
import type { MediaRecord, SessionRecord } from '../../src/shared/session.ts';
import type { PickedModelFile } from '../../src/shared/speechModel.ts';
import { addSpeechModel, removeSpeechModel } from '../../src/speech/speechModelClient.ts';
import { WorkerPool } from '../../src/pool/workerPool.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { wordErrors, type WordErrors } from './wordErrors.ts';

/** Relative to the project root, where vitest's file commands start. */
const RESULTS = 'eval/.whisper-results.json';

/** One enrichment of the sentences: the first loads the model in a fresh worker, the second finds it loaded. */
export interface WhisperRun {
  run: 'cold' | 'warm';
  transcriptMs: number;
  audioMs: number;
  hypothesis: string;
  errors: WordErrors;
  cues: number;
}

export interface WhisperEvalResult {
  model: { name: string; dtype: string; bytes: number; multilingual: boolean };
  audioSec: number;
  speechSec: number;
  cores: number;
  loadBefore: number[];
  reference: string;
  runs: WhisperRun[];
}

async function pickedFolder(paths: readonly string[]): Promise<PickedModelFile[]> {
  return Promise.all(
    paths.map(async (path) => {
      const response = await fetch(`/eval/.whisper/${path}`);
      if (!response.ok) throw new Error(`eval/.whisper/${path}: ${response.status}`);
      return { path, file: new File([await response.blob()], path.split('/').pop()!) };
    }),
  );
}

function sentencesSession(id: string, wav: Blob): { session: SessionRecord; media: MediaRecord[] } {
  const at = Date.UTC(2026, 10, 20, 9);
  return {
    session: {
      id,
      title: 'Billing migration sync',
      source: 'import',
      startedAt: at,
      endedAt: null,
      notes: '',
      tags: [],
      screenshots: [],
      audio: [{ id: `${id}-a`, name: 'clean.wav', kind: 'audio', type: 'audio/wav', size: wav.size, at, atFrom: 'manifest' }],
      transcript: null,
      importedAt: Date.now(),
      warnings: [],
    },
    media: [{ id: `${id}-a`, sessionId: id, blob: wav }],
  };
}

function done(outcome: StageOutcome | undefined, stage: string): { result: unknown; ms: number } {
  if (outcome?.status !== 'done') throw new Error(`${stage}: ${JSON.stringify(outcome)}`);
  return outcome;
}

test('transcribes the espeak-ng sentences with the model in eval/.whisper/', async () => {
  const paths = inject('whisperFiles');
  if (paths.length === 0) throw new Error('eval/.whisper/ is empty: copy the folder of a Whisper ONNX export there (docs/speech.md).');
  const wavResponse = await fetch('/eval/.speech/clean.wav');
  if (!wavResponse.ok) throw new Error('eval/.speech/clean.wav is missing: run node eval/speech/build.mjs (npm run eval:whisper does).');
  const wav = await wavResponse.blob();
  const truth = JSON.parse(await commands.readFile('eval/.speech/truth.json')) as { sentences: string[]; durationSec: number };
  const reference = truth.sentences.join(' ');

  const added = await addSpeechModel(await pickedFolder(paths));
  if (added.kind !== 'added') throw new Error(added.message);
  const { manifest } = added;
  console.info(`model ${manifest.name}, ${manifest.dtype}, ${(manifest.bytes / 1e6).toFixed(1)} MB`);

  const dbName = `whisper-eval-${Date.now()}`;
  const db = await openEnricherDb(dbName);
  const sessions = new SessionStore(db);
  const pool = new WorkerPool({ size: 1, createWorker: () => new Worker(new URL('../../workers/enrich.worker.ts', import.meta.url), { type: 'module' }) });
  const runs: WhisperRun[] = [];
  let speechSec = 0;
  try {
    for (const run of ['cold', 'warm'] as const) {
      const { session, media } = sentencesSession(`whisper-${run}`, wav);
      await sessions.add(session, media);
      const response = await pool.run({
        request: { jobId: `job-${run}`, sessionId: session.id, attempt: 1, dbName, stages: ['audio', 'transcript'], skip: {} },
        timeoutMs: 30 * 60_000,
        onProgress: () => {},
      });
      const audio = done(response.outcomes.audio, 'audio');
      const transcript = done(response.outcomes.transcript, 'transcript');
      const { cues } = transcript.result as TranscriptResult;
      speechSec = (audio.result as AudioStageResult).speechSec;
      const hypothesis = cues.map((cue) => cue.text.trim()).join(' ');
      const errors = wordErrors(reference, hypothesis);
      console.info(`${run}: WER ${(errors.rate * 100).toFixed(1)}% (${errors.substitutions} sub, ${errors.deletions} del, ${errors.insertions} ins of ${errors.words}); transcript ${transcript.ms} ms for ${truth.durationSec.toFixed(1)} s\n${hypothesis}`);
      runs.push({ run, transcriptMs: transcript.ms, audioMs: audio.ms, hypothesis, errors, cues: cues.length });
    }
  } finally {
    pool.terminate();
    db.close();
    indexedDB.deleteDatabase(dbName);
    await removeSpeechModel();
  }
  const result: WhisperEvalResult = {
    model: { name: manifest.name, dtype: manifest.dtype, bytes: manifest.bytes, multilingual: manifest.multilingual },
    audioSec: truth.durationSec,
    speechSec,
    cores: navigator.hardwareConcurrency,
    loadBefore: inject('loadBefore'),
    reference,
    runs,
  };
  await commands.writeFile(RESULTS, JSON.stringify(result, null, 1));
  expect(runs).toHaveLength(2);
});

declare module 'vitest' {
  export interface ProvidedContext {
    /** The files under eval/.whisper/, as "<folder>/config.json", "<folder>/onnx/…". */
    whisperFiles: string[];
    /** os.loadavg() when the run started. */
    loadBefore: number[];
  }
}
