/** Files operating systems leave behind that are never part of a session. */
const JUNK_NAMES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);

/**
 * Whether a path (segments split by `/`) is operating-system metadata rather than a file of a
 * session: macOS resource forks (`__MACOSX/`, `._name`, AppleDouble files named like the picture
 * they describe) and system junk. Zips and picked folders both carry them.
 */
export function isSystemFile(path: string): boolean {
  const segments = path.split('/');
  if (segments.includes('__MACOSX')) return true;
  const base = segments.at(-1) ?? '';
  return base.startsWith('._') || JUNK_NAMES.has(base.toLowerCase());
}
