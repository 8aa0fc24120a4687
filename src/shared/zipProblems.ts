import type { ZipLimits } from './zip.ts';

/** A limit an archive passed. */
export type ZipBreach = { kind: 'too-big' } | { kind: 'ratio' } | { kind: 'too-many-files' };

/** Anything that stops a zip from being imported. */
export type ZipProblem =
  | ZipBreach
  | { kind: 'not-zip' }
  | { kind: 'damaged' }
  | { kind: 'encrypted'; entry: string }
  | { kind: 'method'; entry: string; method: number };

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** A size in words: "2 GB", "1.5 MB", "300 bytes" (units of 1024). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = Number.isInteger(value) || unit === 0 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${UNITS[unit]}`;
}

/**
 * The sentence people read when `archiveName` is refused: by the unzip worker, and by the import
 * when the zips inside a zip together pass its limits (`ZipBudget`).
 */
export function describeProblem(archiveName: string, problem: ZipProblem, limits: ZipLimits): string {
  const refused = `${archiveName} was not imported:`;
  switch (problem.kind) {
    case 'too-big':
      return `${refused} it would unpack to more than ${formatBytes(limits.maxTotalBytes)}.`;
    case 'ratio':
      return `${refused} it would unpack to more than ${limits.maxRatio} times its size, as a zip bomb does.`;
    case 'too-many-files':
      return `${refused} it holds more than ${limits.maxEntries.toLocaleString('en')} files.`;
    case 'not-zip':
      return `${refused} it is not a zip file.`;
    case 'damaged':
      return `${refused} it is damaged or cut short.`;
    case 'encrypted':
      return `${refused} ${problem.entry} is protected by a password.`;
    case 'method':
      return `${refused} ${problem.entry} is packed in a way this app cannot read (method ${problem.method}).`;
  }
}
