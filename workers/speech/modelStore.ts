import {
  SPEECH_MANIFEST,
  SPEECH_MODEL_FOLDER,
  type AddSpeechModelResult,
  type PickedModelFile,
  type SpeechModelManifest,
} from '../../src/shared/speechModel.ts';
import { checkModelFolder, splitFolder } from './checkModelFolder.ts';
import { looksLikeOnnx, readModelJson } from './readModelJson.ts';

async function modelFolder(create: boolean): Promise<FileSystemDirectoryHandle | null> {
  const root = await navigator.storage.getDirectory();
  try {
    return await root.getDirectoryHandle(SPEECH_MODEL_FOLDER, { create });
  } catch (error) {
    if ((error as DOMException).name === 'NotFoundError') return null;
    throw error;
  }
}

/** Removes the stored model, if any. */
export async function removeSpeechModel(): Promise<void> {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(SPEECH_MODEL_FOLDER, { recursive: true }).catch((error: DOMException) => {
    if (error.name !== 'NotFoundError') throw error;
  });
}

/**
 * The stored model's manifest; null when none was added, its adding did not finish, or this
 * browser has no private file system (the transcript stage then goes on without it).
 */
export async function readSpeechManifest(): Promise<SpeechModelManifest | null> {
  try {
    const folder = await modelFolder(false);
    if (!folder) return null;
    const file = await (await folder.getFileHandle(SPEECH_MANIFEST)).getFile();
    return JSON.parse(await file.text()) as SpeechModelManifest;
  } catch {
    return null;
  }
}

/** One stored file of the model ("onnx/encoder_model.onnx"); null when it is not there. */
export async function readModelFile(path: string): Promise<File | null> {
  const parts = path.split('/');
  const name = parts.pop() ?? '';
  try {
    let folder = await modelFolder(false);
    for (const part of parts) folder = folder && (await folder.getDirectoryHandle(part));
    return folder ? await (await folder.getFileHandle(name)).getFile() : null;
  } catch {
    return null;
  }
}

/** Streams one picked file into the folder, creating its sub-folders: no copy of it in memory. */
async function store(folder: FileSystemDirectoryHandle, path: string, file: Blob): Promise<void> {
  const parts = path.split('/');
  const name = parts.pop() ?? '';
  let dir = folder;
  for (const part of parts) dir = await dir.getDirectoryHandle(part, { create: true });
  const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
  await file.stream().pipeTo(writable);
}

/**
 * Checks a picked folder and, when it is a whole Whisper export, stores its needed files in the
 * origin's private file system (replacing any model stored before), the manifest last. A folder
 * that is refused leaves the stored model as it was; one that fails half-way leaves none.
 */
export async function addSpeechModel(picked: readonly PickedModelFile[], now = Date.now()): Promise<AddSpeechModelResult> {
  const { name, inside } = splitFolder(picked.map((p) => p.path));
  const byPath = new Map(inside.map((path, i) => [path, picked[i]!.file]));
  const check = checkModelFolder(inside.map((path) => ({ path, size: byPath.get(path)!.size })));
  if (check.kind === 'refused') return check;
  const read = await readModelJson(byPath);
  if (read.kind === 'refused') return read;
  for (const path of check.keep.filter((p) => p.endsWith('.onnx'))) {
    if (!(await looksLikeOnnx(byPath.get(path)!))) return { kind: 'refused', message: `This model folder is damaged: ${path} is not an ONNX model.` };
  }
  await removeSpeechModel();
  const folder = (await modelFolder(true))!;
  try {
    for (const path of check.keep) await store(folder, path, byPath.get(path)!);
    const manifest: SpeechModelManifest = {
      name,
      bytes: check.keep.reduce((sum, path) => sum + byPath.get(path)!.size, 0),
      files: check.keep,
      dtype: check.dtype,
      multilingual: read.facts.multilingual,
      addedAt: now,
    };
    await store(folder, SPEECH_MANIFEST, new Blob([JSON.stringify(manifest)], { type: 'application/json' }));
    return { kind: 'added', manifest };
  } catch (error) {
    await removeSpeechModel().catch(() => {});
    const quota = (error as DOMException).name === 'QuotaExceededError';
    return { kind: 'refused', message: quota ? 'There is not enough storage space on this device for this model.' : `The model could not be stored: ${(error as Error).message}` };
  }
}
