import type * as Ort from 'onnxruntime-web/wasm';
import { fetchGzipped, onnxRuntime } from './ortRuntime.ts';

/** Where scripts/vadAssets.ts serves onnxruntime's WebAssembly and the model, both gzipped. */
const ASSET_FOLDER = 'vad/';

let folder = ASSET_FOLDER;
let current: Promise<LoadedVad> | null = null;

/** The onnxruntime module and a session of the Silero VAD model in it. */
export interface LoadedVad {
  ort: typeof Ort;
  session: Ort.InferenceSession;
}

/** Points this worker at another asset folder (tests: a folder that does not exist). */
export function useVadAssetFolder(path: string): void {
  folder = path;
  current = null;
}

async function load(): Promise<LoadedVad> {
  // Absolute URLs: a worker has no document to resolve relative ones against.
  const base = new URL(`${import.meta.env.BASE_URL}${folder}`, self.location.origin).href;
  const [ort, model] = await Promise.all([onnxRuntime(base), fetchGzipped(`${base}silero_vad_v5.onnx.gzip`)]);
  const session = await ort.InferenceSession.create(new Uint8Array(model), { executionProviders: ['wasm'] });
  return { ort, session };
}

/**
 * The Silero VAD session of this pool worker: loaded on first use and kept for later jobs. A load
 * that failed is tried again by the next caller.
 */
export function sileroVad(): Promise<LoadedVad> {
  if (!current) {
    const loading = load();
    current = loading;
    loading.catch(() => {
      if (current === loading) current = null;
    });
  }
  return current;
}
