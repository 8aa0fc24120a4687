import { isSystemFile } from '../shared/systemFiles.ts';
import type { MediaKind } from '../shared/session.ts';

/** A file picked or dropped, with its path inside the chosen folder ("trip/day1/screens/a.png"). */
export interface PickedFile {
  path: string;
  file: File;
}

const KIND_BY_EXTENSION: Record<string, MediaKind> = {
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  webp: 'image',
  wav: 'audio',
  mp3: 'audio',
  ogg: 'audio',
  opus: 'audio',
  m4a: 'audio',
  flac: 'audio',
  // A .webm is read as a video; one with only sound goes to the audio stage just the same.
  webm: 'video',
  mp4: 'video',
  mov: 'video',
  mkv: 'video',
  vtt: 'transcript',
  srt: 'transcript',
  md: 'notes',
  txt: 'notes',
};

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  m4a: 'audio/mp4',
  flac: 'audio/flac',
  webm: 'video/webm',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  vtt: 'text/vtt',
  srt: 'application/x-subrip',
  md: 'text/markdown',
  txt: 'text/plain',
};

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Whether a picked or unpacked file is a zip, to be unpacked in its turn: not macOS's `._name.zip` metadata. */
export function isZip(file: { path: string }): boolean {
  return extensionOf(file.path) === 'zip' && !isSystemFile(file.path);
}

/** What a file is to a session, by its extension; null for files a session does not use. */
export function kindOf(path: string): MediaKind | null {
  return KIND_BY_EXTENSION[extensionOf(path)] ?? null;
}

export function mimeOf(path: string, reported: string): string {
  return reported || MIME_BY_EXTENSION[extensionOf(path)] || 'application/octet-stream';
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
