import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** Where the app serves tesseract's files; workers/ocr/tesseract.ts builds its URLs from it. */
const BASE = '/ocr/';

const require = createRequire(import.meta.url);

/**
 * Served path (under BASE) → file in node_modules, or in this repository when it starts with `./`.
 * Only the LSTM core variants (relaxed SIMD, SIMD, plain; workers/ocr/tesseract.ts picks one), each
 * as its script and its `.wasm`, which the browser compiles while it streams in: a start takes
 * ~0.2 s less than with the `.wasm.js` that carries the WebAssembly inline as text.
 */
const ASSETS: Record<string, string> = {
  'worker.min.js': 'tesseract.js/dist/worker.min.js',
  'tesseract-core-relaxedsimd-lstm.js': 'tesseract.js-core/tesseract-core-relaxedsimd-lstm.js',
  'tesseract-core-relaxedsimd-lstm.wasm': 'tesseract.js-core/tesseract-core-relaxedsimd-lstm.wasm',
  'tesseract-core-simd-lstm.js': 'tesseract.js-core/tesseract-core-simd-lstm.js',
  'tesseract-core-simd-lstm.wasm': 'tesseract.js-core/tesseract-core-simd-lstm.wasm',
  'tesseract-core-lstm.js': 'tesseract.js-core/tesseract-core-lstm.js',
  'tesseract-core-lstm.wasm': 'tesseract.js-core/tesseract-core-lstm.wasm',
  // tessdata_fast's English model (2.0 MB): 1.5× faster than "best_int" at the same word recall
  // (workers/ocr/model/README.md).
  'lang/eng.traineddata.gz': './workers/ocr/model/eng.traineddata.gz',
};

function locate(spec: string): string {
  return spec.startsWith('./') ? fileURLToPath(new URL(`../${spec.slice(2)}`, import.meta.url)) : require.resolve(spec);
}

function contentType(name: string): string {
  // Only with this type does the browser compile a module while it streams in.
  if (name.endsWith('.wasm')) return 'application/wasm';
  return name.endsWith('.gz') ? 'application/gzip' : 'text/javascript; charset=utf-8';
}

/**
 * Serves tesseract's worker, core and English model from the app's own origin under `/ocr/`:
 * from node_modules in dev and Vitest browser mode, as fixed-name files in the build. Nothing is
 * fetched from a CDN.
 */
export function ocrAssets(): Plugin {
  const files = new Map(Object.entries(ASSETS).map(([name, spec]) => [name, locate(spec)]));
  return {
    name: 'session-enricher:ocr-assets',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        if (!path.startsWith(BASE)) return next();
        const file = files.get(path.slice(BASE.length));
        if (!file) return next();
        // Sent as is: a .gz with Content-Encoding would reach tesseract already inflated.
        response.setHeader('Content-Type', contentType(file));
        response.setHeader('Content-Length', String(statSync(file).size));
        response.setHeader('Cache-Control', 'no-cache');
        createReadStream(file).pipe(response);
      });
    },
    generateBundle() {
      for (const [name, file] of files) {
        this.emitFile({ type: 'asset', fileName: `${BASE.slice(1)}${name}`, source: readFileSync(file) });
      }
    },
  };
}
