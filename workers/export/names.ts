/** Longest folder name, in characters: archives and file systems cope, and people can read it. */
const MAX_NAME = 80;
/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * A folder name from a session's title, safe on Windows, macOS and Linux: no path separators,
 * reserved characters or control characters, no leading or trailing dots or spaces, not a
 * reserved device name, at most 80 characters. "session" when nothing is left.
 */
export function safeFolderName(title: string): string {
  let name = title
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  name = [...name].slice(0, MAX_NAME).join('');
  name = name.replace(/^[. ]+|[. ]+$/g, '');
  if (!name) return 'session';
  return RESERVED.test(name) ? `${name}_` : name;
}

/** Safe folder names for titles, in order, made unique (ignoring case) with " (2)", " (3)", … */
export function uniqueFolderNames(titles: readonly string[]): string[] {
  const taken = new Set<string>();
  return titles.map((title) => {
    const base = safeFolderName(title);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    taken.add(name.toLowerCase());
    return name;
  });
}
