import type { UnzipOutcome } from '../shared/zip.ts';
import type { SessionStore } from '../store/sessionStore.ts';
import { extensionOf, type PickedFile } from './files.ts';
import { groupFiles } from './groupFiles.ts';
import { importSessions, type ImportReport } from './importSessions.ts';
import { Unzipper } from './unzip.ts';

export interface ImportPickedOptions {
  /** Unpacks one zip; the default unpacks them all in one worker, with the default limits. */
  unzip?: (archive: File) => Promise<UnzipOutcome>;
  /** The import time of the first session; the next ones follow it by a millisecond each. */
  now?: number;
}

const isZip = (picked: PickedFile) => extensionOf(picked.path) === 'zip';

/**
 * Imports what was picked or dropped: folders and loose files as `importSessions` reads them,
 * and every `.zip` unpacked on its own, so that one refused zip (too big, a bomb, damaged)
 * stores nothing while the others still import.
 */
export async function importPicked(
  picked: readonly PickedFile[],
  store: SessionStore,
  options: ImportPickedOptions = {},
): Promise<ImportReport> {
  const unzipper = new Unzipper();
  const unzip = options.unzip ?? ((archive: File) => unzipper.unzip(archive));
  try {
    return await importAll(picked, store, unzip, options.now ?? Date.now());
  } finally {
    unzipper.close();
  }
}

async function importAll(
  picked: readonly PickedFile[],
  store: SessionStore,
  unzip: (archive: File) => Promise<UnzipOutcome>,
  start: number,
): Promise<ImportReport> {
  let now = start;
  const report: ImportReport = { imported: [], refused: [] };
  const add = (part: ImportReport) => {
    report.imported.push(...part.imported);
    report.refused.push(...part.refused);
    now += part.imported.length + part.refused.length;
  };

  const zips = picked.filter(isZip);
  const loose = picked.filter((file) => !isZip(file));
  // Files dropped next to zips (a stray .DS_Store) are no reason to say "no session was found".
  if (zips.length === 0 || groupFiles(loose.map((file) => file.path)).length > 0) {
    add(await importSessions(loose, store, now));
  }
  for (const zip of zips) {
    const outcome = await unzip(zip.file);
    if (!outcome.ok) {
      report.refused.push(outcome.message);
      continue;
    }
    if (groupFiles(outcome.files.map((file) => file.path)).length === 0) {
      report.refused.push(
        `${zip.file.name} was not imported: no session was found in it (a session folder holds screenshots, audio, a transcript, notes or a session.json).`,
      );
      continue;
    }
    add(await importSessions(outcome.files, store, now));
  }
  return report;
}
