import { isSystemFile } from '../../src/shared/systemFiles.ts';

/**
 * The path of a zip entry as the import reads it, or null for entries it skips: folders,
 * macOS resource forks (`__MACOSX/`, `._name`), system junk, and names that climb out (`..`).
 */
export function entryPath(name: string): string | null {
  if (name.endsWith('/') || name.endsWith('\\')) return null;
  const segments = name
    .replaceAll('\\', '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0 || segments.includes('..')) return null;
  const path = segments.join('/');
  return isSystemFile(path) ? null : path;
}

/** The archive's name without its `.zip` extension, fit to be a folder name. */
export function archiveStem(archiveName: string): string {
  const base = archiveName.slice(Math.max(archiveName.lastIndexOf('/'), archiveName.lastIndexOf('\\')) + 1);
  const stem = base.replace(/\.zip$/i, '').trim();
  return stem || 'archive';
}

/**
 * Paths as the import should see them. Entries already inside one top folder keep their paths;
 * otherwise they go under a folder named after the archive, so loose files make one session
 * named after the zip and several folders stay apart from other zips' folders.
 */
export function archivePaths(archiveName: string, paths: readonly string[]): string[] {
  const tops = new Set(paths.map((path) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : null)));
  const oneTopFolder = tops.size === 1 && !tops.has(null);
  if (oneTopFolder) return [...paths];
  const stem = archiveStem(archiveName);
  return paths.map((path) => `${stem}/${path}`);
}
