import type * as Ort from 'onnxruntime-web/wasm';

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

/**
 * A same-origin gzip file, inflated. Throws naming the file when it is missing or is something
 * else (a server's fallback page answers 200 with HTML).
 */
async function fetchGunzipped(url: string): Promise<ArrayBuffer> {
  const path = new URL(url).pathname;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  const bytes = await response.arrayBuffer();
  const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  if (head[0] !== 0x1f || head[1] !== 0x8b) throw new Error(`${path} is not there (the server sent something else)`);
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}

async function load(): Promise<LoadedVad> {
  // Loaded on first use: a pool worker that never hears a recording never fetches onnxruntime.
  const ort = await import('onnxruntime-web/wasm');
  // Absolute URLs: a worker has no document to resolve relative ones against.
  const base = new URL(`${import.meta.env.BASE_URL}${folder}`, self.location.origin).href;
  const [wasm, model] = await Promise.all([
    fetchGunzipped(`${base}ort-wasm-simd-threaded.wasm.gz`),
    fetchGunzipped(`${base}silero_vad_v5.onnx.gz`),
  ]);
  // The binary handed over, so onnxruntime fetches nothing itself; one thread and no proxy
  // worker, as the page is not cross-origin isolated and this is already a worker.
  ort.env.wasm.wasmBinary = wasm;
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
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
