import type { AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import { SPEECH_MODEL_FOLDER, type SpeechModelManifest } from '../../src/shared/speechModel.ts';
import { onnxRuntime } from '../audio/ortRuntime.ts';
import { readModelFile } from './modelStore.ts';

/** Where scripts/vadAssets.ts serves onnxruntime's WebAssembly (the voice detector shares it). */
const ORT_FOLDER = 'vad/';
/** The path transformers.js asks for; env.fetch below answers it from the private file system. */
const MODEL_PATH = `/${SPEECH_MODEL_FOLDER}/`;

/** Whether the model can time each word, and if not, why. */
export type WordTimes = { kind: 'yes' } | { kind: 'no'; reason: string };

export interface LoadedWhisper {
  addedAt: number;
  transcriber: AutomaticSpeechRecognitionPipeline;
  words: WordTimes;
}

/**
 * Word times come from the decoder's cross-attention on the heads that follow the audio: the
 * model must name them (alignment_heads) and its decoder must output those weights, which only
 * exports made for it do (onnx-community's "_timestamped" folders).
 */
function wordTimesOf(transcriber: AutomaticSpeechRecognitionPipeline): WordTimes {
  const heads = (transcriber.model.generation_config as { alignment_heads?: unknown } | null)?.alignment_heads;
  if (!Array.isArray(heads) || heads.length === 0) return { kind: 'no', reason: 'its generation_config.json names no alignment_heads' };
  const sessions = (transcriber.model as unknown as { sessions: Record<string, { outputNames?: readonly string[] }> }).sessions;
  const outputs = sessions.decoder_model_merged?.outputNames ?? [];
  if (!outputs.some((name) => name.startsWith('cross_attentions'))) return { kind: 'no', reason: 'its decoder gives no cross-attention weights (a "_timestamped" export does)' };
  return { kind: 'yes' };
}

let current: { addedAt: number; loading: Promise<LoadedWhisper> } | null = null;

/**
 * Answers transformers.js's file requests from the stored model, so nothing goes over the network:
 * a file the model does not have is a 404, which the runtime takes as an optional file absent.
 */
async function fetchFromStorage(input: string | URL): Promise<Response> {
  // "/speech-model/speech/onnx/encoder_model.onnx" (or without the folder): the path inside the model.
  const path = String(input).replace(/^.*?\/speech-model\//, '').replace(/^speech\//, '');
  const file = await readModelFile(path);
  return file ? new Response(file, { headers: { 'Content-Length': String(file.size) } }) : new Response(null, { status: 404 });
}

async function load(manifest: SpeechModelManifest): Promise<LoadedWhisper> {
  const base = new URL(`${import.meta.env.BASE_URL}${ORT_FOLDER}`, self.location.origin).href;
  const ort = await onnxRuntime(base);
  // transformers.js uses the onnxruntime a page puts under this symbol: ours (the wasm build with
  // its WebAssembly from our origin), not the WebGPU build it would otherwise import.
  (globalThis as Record<symbol, unknown>)[Symbol.for('onnxruntime')] = ort;
  const { env, pipeline } = await import('@huggingface/transformers');
  // transformers.js points onnxruntime at a CDN when no path is set: the binary is handed over instead.
  ort.env.wasm.wasmPaths = undefined;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useBrowserCache = false;
  env.useFSCache = false;
  env.useCustomCache = false;
  env.useWasmCache = false;
  env.localModelPath = MODEL_PATH;
  env.fetch = fetchFromStorage;
  const transcriber = (await pipeline('automatic-speech-recognition', 'speech', {
    dtype: manifest.dtype,
    // transformers.js lists no devices for an onnxruntime handed over to it: 'auto' with the
    // provider named here, as 'wasm' would be refused.
    device: 'auto',
    session_options: { executionProviders: ['wasm'] },
  })) as AutomaticSpeechRecognitionPipeline;
  return { addedAt: manifest.addedAt, transcriber, words: wordTimesOf(transcriber) };
}

/**
 * The stored Whisper model, loaded in this worker on first use and kept for later jobs; a model
 * added since is loaded afresh. A load that failed is tried again by the next caller.
 */
export function whisperModel(manifest: SpeechModelManifest): Promise<LoadedWhisper> {
  if (current?.addedAt !== manifest.addedAt) {
    const loading = load(manifest);
    const entry = { addedAt: manifest.addedAt, loading };
    current = entry;
    loading.catch(() => {
      if (current === entry) current = null;
    });
  }
  return current.loading;
}
