/** The folder in the origin's private file system (OPFS) that holds the person's speech model. */
export const SPEECH_MODEL_FOLDER = 'speech-model';
/** The model's description beside its files, written last: a folder without it is not a model. */
export const SPEECH_MANIFEST = 'manifest.json';
/** The key of the library's speech settings in the `meta` object store. */
export const SPEECH_META_KEY = 'speech';

/** What the app knows of the stored model; small, read by the Settings dialog and the transcript stage. */
export interface SpeechModelManifest {
  /** The folder's name as picked ("whisper-tiny.en"). */
  name: string;
  /** Bytes of all stored files. */
  bytes: number;
  /** Paths inside the folder, as stored ("onnx/encoder_model.onnx"). */
  files: string[];
  /** Which weights the runtime loads: `fp32` for `encoder_model.onnx`, `q8` for `encoder_model_quantized.onnx`… */
  dtype: SpeechDtype;
  /** False for English-only models (`*.en`): they are not told a language. */
  multilingual: boolean;
  /** Epoch ms; a new model makes workers load it afresh. */
  addedAt: number;
}

/** The weight files a transformers.js Whisper export may carry, by the suffix of their names. */
export type SpeechDtype = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4' | 'q4f16';

/** The library's speech setting. */
export interface SpeechSettings {
  /** ISO 639-1 code the model is told to hear ("en"): never guessed, as guessing gets it wrong. @default 'en' */
  language: string;
}

export const SPEECH_DEFAULTS: SpeechSettings = Object.freeze({ language: 'en' });

/** The stored settings, or the defaults for anything missing or malformed. */
export function speechSettingsOf(stored: unknown): SpeechSettings {
  const language = (stored as Partial<SpeechSettings> | undefined)?.language;
  return { language: typeof language === 'string' && /^[a-z]{2,3}$/.test(language) ? language : SPEECH_DEFAULTS.language };
}

/** Languages offered in Settings: Whisper's most used, by code and name. */
export const SPEECH_LANGUAGES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['en', 'English'],
  ['de', 'German'],
  ['es', 'Spanish'],
  ['fr', 'French'],
  ['it', 'Italian'],
  ['pt', 'Portuguese'],
  ['nl', 'Dutch'],
  ['pl', 'Polish'],
  ['sv', 'Swedish'],
  ['tr', 'Turkish'],
  ['ru', 'Russian'],
  ['uk', 'Ukrainian'],
  ['ja', 'Japanese'],
  ['zh', 'Chinese'],
  ['ko', 'Korean'],
  ['hi', 'Hindi'],
  ['ar', 'Arabic'],
];

/** What adding a model folder came to, as data (it crosses a worker boundary). */
export type AddSpeechModelResult = { kind: 'added'; manifest: SpeechModelManifest } | { kind: 'refused'; message: string };

/** A picked file and its path inside the picked folder ("whisper-tiny.en/onnx/encoder_model.onnx"). */
export interface PickedModelFile {
  path: string;
  file: File;
}

/** What the speech model worker does: store, describe and remove the model, off the main thread. */
export interface SpeechModelWorkerApi {
  add(files: PickedModelFile[]): Promise<AddSpeechModelResult>;
  manifest(): Promise<SpeechModelManifest | null>;
  remove(): Promise<void>;
}
