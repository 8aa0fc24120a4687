/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { SpeechModelWorkerApi } from '../src/shared/speechModel.ts';
import { addSpeechModel, readSpeechManifest, removeSpeechModel } from './speech/modelStore.ts';

const api: SpeechModelWorkerApi = {
  // Files arrive as handles on the picked files: the worker streams them into storage.
  add: (files) => addSpeechModel(files),
  manifest: () => readSpeechManifest(),
  remove: () => removeSpeechModel(),
};

Comlink.expose(api);
