import { isSystemFile } from '../shared/systemFiles.ts';
import { kindOf } from './files.ts';

/** The files of one session, by path, and the folder they came from. */
export interface SessionGroup {
  /** The session's folder, relative to what was picked ("" when files were picked loose). */
  folder: string;
  paths: string[];
  /** The session's title when it is not the folder's name: a video imported on its own. */
  title?: string;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function isMediaOrManifest(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return name === 'session.json' || kindOf(path) !== null;
}

/**
 * Splits picked files into sessions. A folder whose direct children include media (or a
 * session.json) is one session, and everything below it belongs to it; a folder of such
 * folders is many sessions. Files a session cannot use are ignored, and so is system metadata
 * (`__MACOSX/`, `._0001.png`): named like media, but never media.
 */
export function groupFiles(picked: readonly string[]): SessionGroup[] {
  const paths = picked.filter((path) => !isSystemFile(path));
  const roots = new Set<string>();
  for (const path of paths) if (isMediaOrManifest(path)) roots.add(parentOf(path));
  // A session folder swallows deeper folders (screens/ inside a session). Shallow folders first, so
  // a folder's owner, if any, is known before it; each looks up its ancestors, not every session.
  const sorted = [...roots].sort((a, b) => a.length - b.length);
  const sessionFolders = new Set<string>();
  for (const folder of sorted) if (ownerOf(folder, sessionFolders) === undefined) sessionFolders.add(folder);
  const groups = new Map<string, string[]>([...sessionFolders].map((folder) => [folder, []]));
  for (const path of paths) {
    if (kindOf(path) === null && !path.toLowerCase().endsWith('session.json')) continue;
    const owner = ownerOf(parentOf(path), sessionFolders, true);
    if (owner !== undefined) groups.get(owner)?.push(path);
  }
  return [...groups]
    .filter(([, files]) => files.length > 0)
    .flatMap(([folder, files]) => splitVideos({ folder, paths: files.sort() }))
    .sort((a, b) => a.folder.localeCompare(b.folder));
}

/**
 * The session folder that holds `folder`: the deepest of its ancestors (itself too, with `orSelf`)
 * among `sessionFolders`, "" (what was picked) last. Work in proportion to the path's depth.
 */
function ownerOf(folder: string, sessionFolders: ReadonlySet<string>, orSelf = false): string | undefined {
  let at: string | undefined = orSelf ? folder : ancestorOf(folder);
  while (at !== undefined) {
    if (sessionFolders.has(at)) return at;
    at = ancestorOf(at);
  }
  return undefined;
}

/** The folder above; none above what was picked (""). */
const ancestorOf = (folder: string): string | undefined => (folder === '' ? undefined : parentOf(folder));

function titleOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Videos imported on their own (picked loose, or a folder of nothing but videos) are one session
 * each, named after the file; beside other media or a session.json they join that session.
 */
function splitVideos(group: SessionGroup): SessionGroup[] {
  if (group.paths.length < 1 || !group.paths.every((path) => kindOf(path) === 'video')) return [group];
  return group.paths.map((path) => ({ folder: group.folder, paths: [path], title: titleOf(path) }));
}
