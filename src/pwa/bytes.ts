const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB'] as const;

/** A size in words, in decimal units as file managers show them: `0 bytes`, `12 MB`, `1.5 GB`. */
export function bytesInWords(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new TypeError(`Expected \`bytes\` to be a size from 0 up, got \`${bytes}\` (${typeof bytes})`);
  let value = bytes;
  let unit = 0;
  // 999.5 and up would round to "1000 kB": show it as the next unit.
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  // One decimal below 10 ("1.5 GB"), none above ("12 MB"): precise enough, short to read.
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${shown} ${UNITS[unit]}`;
}

/** Storage use in words: `12 MB used of 10 GB available`. */
export function storageInWords(usage: number, quota: number): string {
  return `${bytesInWords(usage)} used of ${bytesInWords(quota)} available`;
}
