/** A session.json as the format describes it (docs/session-format.md); every field optional. */
export interface Manifest {
  title?: string;
  startedAt?: number;
  endedAt?: number;
  notes?: string;
  tags?: string[];
  /** Times of files by path relative to the session folder. */
  times: Map<string, number>;
  /** Files the manifest names as screenshots and audio, in its order. */
  screenshots: string[];
  audio: string[];
  /** Files the manifest names as videos, in its order (absent when it names none). */
  videos?: string[];
  transcript?: string;
}

export interface ParsedManifest {
  manifest: Manifest;
  warnings: string[];
}

const empty = (): Manifest => ({ times: new Map(), screenshots: [], audio: [] });

function time(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A file's path as the session folder lists it: tools write "./screens/a.png", and Windows
 * "screens\\a.png", for "screens/a.png".
 */
function folderPath(file: string): string {
  return file
    .replaceAll('\\', '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}

function fileList(value: unknown, field: string, manifest: Manifest, warnings: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    warnings.push(`session.json: "${field}" should be a list; it was ignored.`);
    return [];
  }
  const files: string[] = [];
  for (const entry of value) {
    const file = (entry as { file?: unknown } | null)?.file;
    if (typeof file !== 'string') {
      warnings.push(`session.json: an entry of "${field}" has no file name; it was ignored.`);
      continue;
    }
    const path = folderPath(file);
    files.push(path);
    const at = time((entry as { at?: unknown }).at);
    if (at !== undefined) manifest.times.set(path, at);
  }
  return files;
}

/**
 * Reads a session.json leniently: a wrong field is dropped with a warning, the rest is kept.
 * Invalid JSON gives an empty manifest and one warning; the session still imports.
 */
export function parseManifest(text: string): ParsedManifest {
  const warnings: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { manifest: empty(), warnings: ['session.json is not valid JSON, so it was ignored; the folder was read as it is.'] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { manifest: empty(), warnings: ['session.json should hold an object, so it was ignored.'] };
  }
  const data = raw as Record<string, unknown>;
  const manifest = empty();
  const text_ = (key: string): string | undefined => {
    const value = data[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    warnings.push(`session.json: "${key}" should be text; it was ignored.`);
    return undefined;
  };
  manifest.title = text_('title');
  manifest.notes = text_('notes');
  const transcript = text_('transcript');
  if (transcript !== undefined) manifest.transcript = folderPath(transcript);
  for (const key of ['startedAt', 'endedAt'] as const) {
    if (data[key] === undefined) continue;
    const at = time(data[key]);
    if (at === undefined) warnings.push(`session.json: "${key}" is not an ISO-8601 time; it was ignored.`);
    else manifest[key] = at;
  }
  if (data.tags !== undefined) {
    if (Array.isArray(data.tags) && data.tags.every((tag) => typeof tag === 'string')) manifest.tags = data.tags;
    else warnings.push('session.json: "tags" should be a list of words; it was ignored.');
  }
  manifest.screenshots = fileList(data.screenshots, 'screenshots', manifest, warnings);
  manifest.audio = fileList(data.audio, 'audio', manifest, warnings);
  manifest.videos = fileList(data.videos, 'videos', manifest, warnings);
  return { manifest, warnings };
}
