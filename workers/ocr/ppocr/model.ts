import type * as Ort from 'onnxruntime-web/wasm';
import { fetchGzipped, onnxRuntime } from '../../audio/ortRuntime.ts';

/** Where scripts/ppocrAssets.ts serves PP-OCRv4's models and keys; onnxruntime's WebAssembly comes from the voice detector's folder. */
const MODEL_FOLDER = 'ppocr/';
const ORT_FOLDER = 'vad/';

/** PP-OCRv4's detector and recogniser in onnxruntime, and the recogniser's characters. */
export interface PpocrModel {
  ort: typeof Ort;
  detector: Ort.InferenceSession;
  recognizer: Ort.InferenceSession;
  /** Class i ≥ 1 of the recogniser is dictionary[i - 1]. */
  dictionary: string[];
}

let current: Promise<PpocrModel> | null = null;

async function load(): Promise<PpocrModel> {
  // Absolute URLs: a worker has no document to resolve relative ones against.
  const origin = self.location.origin;
  const models = new URL(`${import.meta.env.BASE_URL}${MODEL_FOLDER}`, origin).href;
  const [ort, det, rec, keys] = await Promise.all([
    onnxRuntime(new URL(`${import.meta.env.BASE_URL}${ORT_FOLDER}`, origin).href),
    fetchGzipped(`${models}det.onnx.gzip`),
    fetchGzipped(`${models}rec.onnx.gzip`),
    fetchGzipped(`${models}keys.txt.gzip`),
  ]);
  const options = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' } as const;
  const detector = await ort.InferenceSession.create(new Uint8Array(det), options);
  const recognizer = await ort.InferenceSession.create(new Uint8Array(rec), options);
  // PaddleOCR appends a space to the keys file as the last class (use_space_char).
  const dictionary = [...new TextDecoder().decode(keys).replace(/\r?\n$/, '').split(/\r?\n/), ' '];
  return { ort, detector, recognizer, dictionary };
}

/** PP-OCR of this pool worker: loaded on first use and kept; a load that failed is tried again by the next caller. */
export function ppocrModel(): Promise<PpocrModel> {
  if (!current) {
    const loading = load();
    current = loading;
    loading.catch(() => {
      if (current === loading) current = null;
    });
  }
  return current;
}
