import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Where the app serves the voice detector's files; workers/audio/sileroModel.ts builds its URLs from it. */
const BASE = '/vad/';

const require = createRequire(import.meta.url);

/**
 * Served path (under BASE) → file in node_modules, each served gzipped as `NAME.gzip`. The worker
 * inflates them itself (DecompressionStream): the precache then holds 5.6 MB instead of 16.6 MB,
 * most of it onnxruntime's WebAssembly (14 MB raw). Not `.gz`: vite preview and many static hosts
 * send a `.gz` with `Content-Encoding: gzip`, and the browser would inflate it before the cache. Only the single build onnxruntime-web 1.30
 * ships for the wasm backend; it runs on one thread here, as the page is not cross-origin isolated.
 */
const ASSETS: Record<string, string> = {
  'ort-wasm-simd-threaded.wasm': 'onnxruntime-web/ort-wasm-simd-threaded.wasm',
  // Silero VAD v5 as shipped by @ricky0123/vad-web: 512-sample frames at 16 kHz.
  'silero_vad_v5.onnx': '@ricky0123/vad-web/dist/silero_vad_v5.onnx',
};

/** The package files gzipped, made once per dev server or build (about 2 s for the 14 MB wasm). */
function gzipped(): Map<string, Buffer> {
  return new Map(Object.entries(ASSETS).map(([name, spec]) => [`${name}.gzip`, gzipSync(readFileSync(require.resolve(spec)), { level: 9 })]));
}

/**
 * Serves onnxruntime-web's WebAssembly and the Silero VAD model from the app's own origin under
 * `/vad/`, gzipped: from memory in dev and Vitest browser mode, as fixed-name files in the build.
 * Nothing is fetched from a CDN.
 */
export function vadAssets(): Plugin {
  let files: Map<string, Buffer> | null = null;
  const get = () => (files ??= gzipped());
  return {
    name: 'session-enricher:vad-assets',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        if (!path.startsWith(BASE)) return next();
        const body = get().get(path.slice(BASE.length));
        if (!body) return next();
        // No Content-Encoding: the browser must hand the worker the gzip bytes as they are.
        response.setHeader('Content-Type', 'application/gzip');
        response.setHeader('Content-Length', String(body.length));
        response.setHeader('Cache-Control', 'no-cache');
        response.end(body);
      });
    },
    generateBundle() {
      for (const [name, body] of get()) {
        this.emitFile({ type: 'asset', fileName: `${BASE.slice(1)}${name}`, source: body });
      }
    },
  };
}

/**
 * Drops the raw copy of onnxruntime's WebAssembly (14 MB) that Vite emits because onnxruntime's
 * bundle names it with `new URL(…, import.meta.url)`: the worker hands onnxruntime the gzipped
 * copy above instead, so nothing ever asks for it. Runs after the worker bundles are added.
 */
export function dropUnusedOrtWasm(): Plugin {
  return {
    name: 'session-enricher:drop-unused-ort-wasm',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (/^assets\/ort-wasm-simd-threaded-[\w-]+\.wasm$/.test(name)) delete bundle[name];
      }
    },
  };
}
