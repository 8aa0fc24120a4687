import { newId } from '../shared/ids.ts';
import { DEFAULT_PACING, pacer, type Pacing } from '../shared/pacing.ts';
import type { MediaRecord, MediaRef, SessionRecord } from '../shared/session.ts';
import { decodeTextFile, encodingNote } from '../shared/textFile.ts';
import { baseName, kindOf, mimeOf, type PickedFile } from './files.ts';
import type { SessionGroup } from './groupFiles.ts';
import { parseManifest, type Manifest } from './manifest.ts';
import { timeFromName } from './timeFromName.ts';

/**
 * Notes a session keeps, in UTF-8 bytes, from its session.json and its notes files together;
 * the rest is cut, with a warning: they are read on the main thread and searched whole.
 */
const MAX_NOTES_BYTES = 1024 * 1024;
const NOTES_LIMIT = 'a session keeps at most 1 MB of notes in all.';

export interface BuiltSession {
  session: SessionRecord;
  media: MediaRecord[];
}

/**
 * Builds a session record and its media records from one group of picked files. A picked file's size
 * and date are each a synchronous call to the browser: 300 screenshots took 170 ms of the main
 * thread, so the loop hands the page a task boundary every `pacing.sliceMs`.
 */
export async function buildSession(group: SessionGroup, files: Map<string, File>, now: number, pacing: Pacing = DEFAULT_PACING): Promise<BuiltSession> {
  const pace = pacer(pacing);
  const prefix = group.folder ? `${group.folder}/` : '';
  const relative = (path: string) => path.slice(prefix.length);
  const warnings: string[] = [];
  let manifest: Manifest = { times: new Map(), screenshots: [], audio: [] };
  const manifestPath = group.paths.find((path) => relative(path).toLowerCase() === 'session.json');
  if (manifestPath) {
    const parsed = parseManifest(await files.get(manifestPath)!.text());
    manifest = parsed.manifest;
    warnings.push(...parsed.warnings);
  }

  const sessionId = newId('ses');
  const media: MediaRecord[] = [];
  const screenshots: MediaRef[] = [];
  const audio: MediaRef[] = [];
  const videos: MediaRef[] = [];
  let transcript: MediaRef | null = null;
  const notes: string[] = [];
  let notesLeft = MAX_NOTES_BYTES;
  if (manifest.notes) {
    const bytes = new TextEncoder().encode(manifest.notes);
    const cut = bytes.length > notesLeft;
    if (cut) warnings.push('session.json: "notes" is longer than 1 MB; only its first megabyte was kept.');
    notes.push(decodeTextFile(bytes.subarray(0, notesLeft), { cut }).text);
    notesLeft -= Math.min(bytes.length, notesLeft);
  }

  for (const path of group.paths) {
    await pace();
    const file = files.get(path)!;
    const kind = kindOf(path);
    if (!kind) continue;
    if (kind === 'notes') {
      const cut = file.size > notesLeft;
      if (notesLeft === MAX_NOTES_BYTES && cut) warnings.push(`${baseName(path)} is larger than 1 MB; only its first megabyte was kept.`);
      else if (notesLeft === 0 && file.size > 0) warnings.push(`${baseName(path)} was left out: ${NOTES_LIMIT}`);
      else if (cut) warnings.push(`${baseName(path)} was cut: ${NOTES_LIMIT}`);
      if (notesLeft === 0) continue;
      const bytes = new Uint8Array(await file.slice(0, notesLeft).arrayBuffer());
      notesLeft -= bytes.length;
      const { text, read } = decodeTextFile(bytes, { cut });
      const note = encodingNote(baseName(path), read);
      if (note) warnings.push(note);
      notes.push(text);
      continue;
    }
    const ref: MediaRef = {
      id: newId('med'),
      name: relative(path),
      kind,
      type: mimeOf(path, file.type),
      size: file.size,
      ...timeOf(manifest.times.get(relative(path)), baseName(path), file.lastModified),
    };
    media.push({ id: ref.id, sessionId, blob: file });
    if (kind === 'image') screenshots.push(ref);
    else if (kind === 'audio') audio.push(ref);
    else if (kind === 'video') videos.push(ref);
    else if (kind === 'transcript' && (!transcript || relative(path) === manifest.transcript)) transcript = ref;
  }

  for (const named of [...manifest.screenshots, ...manifest.audio, ...(manifest.videos ?? [])]) {
    if (!files.has(prefix + named)) warnings.push(`session.json names ${named}, which is not in the folder.`);
  }
  const order = (list: string[]) => (ref: MediaRef) => {
    const index = list.indexOf(ref.name);
    return index < 0 ? list.length : index;
  };
  const byManifestThenName = (list: string[]) => (a: MediaRef, b: MediaRef) =>
    order(list)(a) - order(list)(b) || a.name.localeCompare(b.name);
  screenshots.sort(byManifestThenName(manifest.screenshots));
  audio.sort(byManifestThenName(manifest.audio));
  videos.sort(byManifestThenName(manifest.videos ?? []));

  const times = [...screenshots, ...audio, ...videos].map((ref) => ref.at).filter((at): at is number => at !== null);
  const folderName = group.title ?? (baseName(group.folder) || 'Imported session');
  const session: SessionRecord = {
    id: sessionId,
    title: manifest.title?.trim() || folderName,
    source: 'import',
    startedAt: manifest.startedAt ?? (times.length ? Math.min(...times) : null),
    endedAt: manifest.endedAt ?? (times.length ? Math.max(...times) : null),
    notes: notes.join('\n\n'),
    tags: manifest.tags ?? [],
    screenshots,
    audio,
    videos,
    transcript,
    importedAt: now,
    warnings,
  };
  return { session, media };
}

/** A file's moment and where it came from: the manifest, else its name, else its date. */
function timeOf(fromManifest: number | undefined, name: string, lastModified: number): Pick<MediaRef, 'at' | 'atFrom'> {
  if (fromManifest !== undefined) return { at: fromManifest, atFrom: 'manifest' };
  const fromName = timeFromName(name);
  if (fromName !== undefined) return { at: fromName, atFrom: 'name' };
  return lastModified ? { at: lastModified, atFrom: 'file-date' } : { at: null };
}

/** Collects picked files by path for `buildSession`. */
export function filesByPath(picked: readonly PickedFile[]): Map<string, File> {
  return new Map(picked.map((p) => [p.path, p.file]));
}
