import type * as Ort from 'onnxruntime-web/wasm';

/**
 * A same-origin file stored gzipped, inflated. A server may still send it with `Content-Encoding:
 * gzip`, and then the browser has inflated it already: taken as it is.
 * Throws naming the file when it is missing or is a server's fallback page (200 with HTML).
 */
export async function fetchGzipped(url: string): Promise<ArrayBuffer> {
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

const loaded = new Map<string, Promise<typeof Ort>>();

async function load(base: string): Promise<typeof Ort> {
  // Loaded on first use: a pool worker that never hears a recording never fetches onnxruntime.
  const ort = await import('onnxruntime-web/wasm');
  const wasmUrl = `${base}ort-wasm-simd-threaded.wasm.gzip`;
  const wasm = checkWasm(await fetchGzipped(wasmUrl), new URL(wasmUrl).pathname);
  // The binary handed over, so onnxruntime fetches nothing itself; one thread and no proxy
  // worker, as the page is not cross-origin isolated and this is already a worker.
  ort.env.wasm.wasmBinary = wasm;
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  return ort;
}

/**
 * onnxruntime-web (wasm backend) with its WebAssembly from `base` (an absolute URL of the folder
 * scripts/vadAssets.ts serves), shared by the voice detector and the speech model of this worker.
 * A load that failed is tried again by the next caller.
 */
export function onnxRuntime(base: string): Promise<typeof Ort> {
  let current = loaded.get(base);
  if (!current) {
    const loading = load(base);
    current = loading;
    loaded.set(base, loading);
    loading.catch(() => {
      if (loaded.get(base) === loading) loaded.delete(base);
    });
  }
  return current;
}
