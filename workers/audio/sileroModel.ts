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
 * A same-origin file stored gzipped, inflated. A server may still send it with `Content-Encoding:
 * gzip`, and then the browser has inflated it already: taken as it is.
 * Throws naming the file when it is missing or is a server's fallback page (200 with HTML).
 */
async function fetchGzipped(url: string): Promise<ArrayBuffer> {
  const path = new URL(url).pathname;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  const bytes = await response.arrayBuffer();
  const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  if (head[0] === 0x1f && head[1] === 0x8b) {
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  }
  if (bytes.byteLength === 0 || (response.headers.get('Content-Type') ?? '').startsWith('text/html') || head[0] === 0x3c) {
    throw new Error(`${path} is not there (the server sent something else)`);
  }
  return bytes;
}

/** WebAssembly starts with "\0asm"; anything else would fail deep inside onnxruntime. */
function checkWasm(bytes: ArrayBuffer, path: string): ArrayBuffer {
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  if (String.fromCharCode(...head) !== '\0asm') throw new Error(`${path} is not WebAssembly`);
  return bytes;
}

async function load(): Promise<LoadedVad> {
  // Loaded on first use: a pool worker that never hears a recording never fetches onnxruntime.
  const ort = await import('onnxruntime-web/wasm');
  // Absolute URLs: a worker has no document to resolve relative ones against.
  const base = new URL(`${import.meta.env.BASE_URL}${folder}`, self.location.origin).href;
  const wasmUrl = `${base}ort-wasm-simd-threaded.wasm.gzip`;
  const [wasm, model] = await Promise.all([
    fetchGzipped(wasmUrl).then((bytes) => checkWasm(bytes, new URL(wasmUrl).pathname)),
    fetchGzipped(`${base}silero_vad_v5.onnx.gzip`),
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
