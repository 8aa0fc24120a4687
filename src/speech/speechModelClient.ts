import * as Comlink from 'comlink';
import type { AddSpeechModelResult, PickedModelFile, SpeechModelManifest, SpeechModelWorkerApi } from '../shared/speechModel.ts';

const defaultWorker = () => new Worker(new URL('../../workers/speechModel.worker.ts', import.meta.url), { type: 'module', name: 'speech-model' });

/**
 * Runs one call in a fresh speech model worker and ends it: adding a model is rare, and a worker
 * that crashes (or storage that fails) ends the call with an error instead of leaving it pending.
 */
async function withWorker<T>(call: (api: Comlink.Remote<SpeechModelWorkerApi>) => Promise<T>, createWorker = defaultWorker): Promise<T> {
  const worker = createWorker();
  const api = Comlink.wrap<SpeechModelWorkerApi>(worker);
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', () => reject(new Error('The speech model worker stopped unexpectedly.')));
    worker.addEventListener('messageerror', () => reject(new Error('The speech model worker could not read the files.')));
  });
  try {
    return await Promise.race([call(api), crashed]);
  } finally {
    api[Comlink.releaseProxy]();
    worker.terminate();
  }
}

/**
 * Checks a picked folder and stores it as the speech model, in a worker: the files go to it as
 * handles, never read on the main thread. A refusal says in plain words what is wrong.
 */
export async function addSpeechModel(files: PickedModelFile[]): Promise<AddSpeechModelResult> {
  try {
    return await withWorker<AddSpeechModelResult>((api) => api.add(files));
  } catch (error) {
    return { kind: 'refused', message: `The model could not be added: ${(error as Error).message}` };
  }
}

/** The stored model's description; null when none was added. */
export function speechModelManifest(): Promise<SpeechModelManifest | null> {
  return withWorker((api) => api.manifest());
}

/** Removes the stored model; transcripts already made stay. */
export function removeSpeechModel(): Promise<void> {
  return withWorker((api) => api.remove());
}
