import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { ocrAssets } from './scripts/ocrAssets.ts';
import { csp, CONTENT_SECURITY_POLICY } from './scripts/csp.ts';
import { pwa } from './scripts/pwa.ts';
import { dropUnusedOrtWasm, vadAssets } from './scripts/vadAssets.ts';

/** onnxruntime-web's wasm build, by path: the root copy, not one nested under another package. */
const ORT_WASM = fileURLToPath(new URL('./node_modules/onnxruntime-web/dist/ort.wasm.bundle.min.mjs', import.meta.url));

export default defineConfig({
  plugins: [react(), ocrAssets(), vadAssets(), ...pwa(), csp(), dropUnusedOrtWasm()],
  resolve: {
    alias: [
      // transformers.js imports onnxruntime's WebGPU build and its common API; both become the one
      // wasm build the app already ships (workers/speech/whisperModel.ts hands it over), so there is
      // a single onnxruntime, with its WebAssembly from our origin, whatever node_modules nests.
      { find: /^onnxruntime-web\/webgpu$/, replacement: ORT_WASM },
      { find: /^onnxruntime-common$/, replacement: ORT_WASM },
    ],
  },
  // Module workers keep lazy chunks lazy and let workers import ES modules.
  worker: { format: 'es' },
  build: {
    target: 'es2023',
    sourcemap: true,
    // `npm run bench` (BENCH=1) adds the benchmark page beside the app; the normal build is unchanged.
    ...(process.env.BENCH ? { rolldownOptions: { input: { main: 'index.html', bench: 'bench/index.html' } } } : {}),
  },
  preview: { host: 'localhost', headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  optimizeDeps: {
    // Every dependency the app, its workers and the tests import: one found during a browser test run
    // is optimized mid-run, and a fresh clone's run then stalls while Vite re-optimizes and reloads.
    include: ['comlink', 'idb', 'react', 'react-dom', 'react-dom/client', 'react-markdown', 'workbox-window', 'framer-motion', 'tesseract.js', 'wasm-feature-detect', 'minisearch', 'minisearch/SearchableMap', 'fflate', '@tanstack/react-virtual', 'mediabunny', 'fast-png', 'chrono-node', 'onnxruntime-web/wasm', '@huggingface/transformers'],
  },
});
