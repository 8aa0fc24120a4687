import type { SpeechDtype } from '../../src/shared/speechModel.ts';

/** The JSON files a transformers.js Whisper export carries, each read by the runtime. */
export const MODEL_JSON_FILES = ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

/**
 * Weight variants by file-name suffix, in the order one is chosen when a folder has several:
 * 8-bit first, as it runs about twice as fast on the CPU's WebAssembly for little loss, then full precision.
 */
const VARIANTS: ReadonlyArray<readonly [SpeechDtype, string]> = [
  ['q8', '_quantized'],
  ['fp32', ''],
  ['int8', '_int8'],
  ['uint8', '_uint8'],
  ['fp16', '_fp16'],
  ['q4', '_q4'],
  ['bnb4', '_bnb4'],
  ['q4f16', '_q4f16'],
];

/** A folder's files as found: the folder is the common first segment of the paths, dropped. */
export interface FolderEntry {
  /** Inside the folder: "onnx/encoder_model.onnx". */
  path: string;
  size: number;
}

/** Which files to keep and which weights they are; or, in plain words, what is wrong. */
export type FolderCheck = { kind: 'ok'; dtype: SpeechDtype; keep: string[] } | { kind: 'refused'; message: string };

const list = (names: string[]) => (names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`);

/**
 * Checks that a folder holds a whole Whisper export in the layout transformers.js loads, by its
 * file names and sizes. Keeps the JSON files and one variant of the encoder and merged decoder
 * (with their external data, if any), so a folder with every variant does not fill the storage. Pure.
 */
export function checkModelFolder(entries: readonly FolderEntry[]): FolderCheck {
  const sizes = new Map(entries.map((e) => [e.path, e.size]));
  const missing: string[] = MODEL_JSON_FILES.filter((name) => !sizes.has(name));
  const variant = VARIANTS.find(([, suffix]) => sizes.has(`onnx/encoder_model${suffix}.onnx`) && sizes.has(`onnx/decoder_model_merged${suffix}.onnx`));
  if (!variant) {
    if (![...sizes.keys()].some((p) => /^onnx\/encoder_model\w*\.onnx$/.test(p))) missing.push('onnx/encoder_model.onnx');
    if (![...sizes.keys()].some((p) => /^onnx\/decoder_model_merged\w*\.onnx$/.test(p))) missing.push('onnx/decoder_model_merged.onnx');
    if (missing.length === 0) missing.push('an encoder and a merged decoder of the same kind (such as encoder_model_quantized.onnx with decoder_model_merged_quantized.onnx)');
  }
  if (missing.length === MODEL_JSON_FILES.length + 2) {
    return {
      kind: 'refused',
      message: 'This folder is not a Whisper model: it has none of its files (config.json, tokenizer.json, an onnx folder…). Pick the folder of a Whisper ONNX export made for transformers.js, such as whisper-tiny.en.',
    };
  }
  if (missing.length > 0 || !variant) {
    return {
      kind: 'refused',
      message: `This folder is not a complete Whisper model: ${list(missing)} ${missing.length === 1 ? 'is' : 'are'} missing. Pick the folder of a Whisper ONNX export made for transformers.js (such as whisper-tiny.en), with its onnx folder inside.`,
    };
  }
  const [dtype, suffix] = variant;
  const weights = [`onnx/encoder_model${suffix}.onnx`, `onnx/decoder_model_merged${suffix}.onnx`];
  const empty = [...MODEL_JSON_FILES, ...weights].filter((path) => sizes.get(path) === 0);
  if (empty.length > 0) return { kind: 'refused', message: `This model folder is damaged: ${list(empty)} ${empty.length === 1 ? 'is' : 'are'} empty.` };
  const data = weights.flatMap((path) => [...sizes.keys()].filter((p) => p.startsWith(`${path}_data`)));
  return { kind: 'ok', dtype, keep: [...MODEL_JSON_FILES, ...weights, ...data] };
}

/** The picked folder's name and each file's path inside it ("whisper-tiny.en/onnx/x.onnx" → "onnx/x.onnx"). */
export function splitFolder(paths: readonly string[]): { name: string; inside: string[] } {
  const firsts = new Set(paths.map((p) => p.split('/')[0]));
  const nested = paths.every((p) => p.includes('/')) && firsts.size === 1;
  if (!nested) return { name: 'speech model', inside: [...paths] };
  const name = [...firsts][0]!;
  return { name, inside: paths.map((p) => p.slice(name.length + 1)) };
}
