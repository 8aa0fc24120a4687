/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { SamplesWorkerApi } from '../src/shared/samples.ts';
import { generateSampleSession } from './samples/generate.ts';

const api: SamplesWorkerApi = { generate: generateSampleSession };

Comlink.expose(api);
