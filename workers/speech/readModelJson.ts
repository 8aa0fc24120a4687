/** What the app reads of a model's JSON files before storing it. */
export interface ModelFacts {
  multilingual: boolean;
}

type Facts = { kind: 'ok'; facts: ModelFacts } | { kind: 'refused'; message: string };

async function json(file: Blob, name: string): Promise<Record<string, unknown> | string> {
  try {
    const value: unknown = JSON.parse(await file.text());
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Told below, in words.
  }
  return `This model folder is damaged: ${name} is not readable JSON.`;
}

/**
 * Reads config.json and generation_config.json: a Whisper model, and whether it knows several
 * languages. The tokenizer is only parsed, as the runtime reads the rest of it.
 */
export async function readModelJson(files: ReadonlyMap<string, Blob>): Promise<Facts> {
  const parsed = new Map<string, Record<string, unknown>>();
  for (const name of ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer_config.json', 'tokenizer.json']) {
    const file = files.get(name);
    if (!file) return { kind: 'refused', message: `This model folder is damaged: ${name} is missing.` };
    const value = await json(file, name);
    if (typeof value === 'string') return { kind: 'refused', message: value };
    parsed.set(name, value);
  }
  const type = parsed.get('config.json')?.model_type;
  if (type !== 'whisper') {
    const what = typeof type === 'string' ? `a ${type} model` : 'a model of unknown kind';
    return { kind: 'refused', message: `This folder holds ${what}, not Whisper: the app can only transcribe with a Whisper model.` };
  }
  const generation = parsed.get('generation_config.json')!;
  const languages = generation.lang_to_id && typeof generation.lang_to_id === 'object' ? Object.keys(generation.lang_to_id).length : 0;
  return { kind: 'ok', facts: { multilingual: generation.is_multilingual === true || languages > 1 } };
}

/** ONNX files are protobuf messages that start with field 1 (the IR version): byte 0x08. */
export async function looksLikeOnnx(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 1).arrayBuffer());
  return head[0] === 0x08;
}
