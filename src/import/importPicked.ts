import { DEFAULT_ZIP_LIMITS, type UnzippedFile, type ZipLimits } from '../shared/zip.ts';
import type { SessionStore } from '../store/sessionStore.ts';
import { isZip, type PickedFile } from './files.ts';
import { groupFiles } from './groupFiles.ts';
import { importSessions, type ImportReport } from './importSessions.ts';
import { unpackInnerZips, type UnzipWithin } from './innerZips.ts';
import { Unzipper } from './unzip.ts';

export interface ImportPickedOptions {
  /** Unpacks one zip within the limits given; the default unpacks them all in one worker. */
  unzip?: UnzipWithin;
  /**
   * The limits of each picked zip, which the zips inside it share (`ZipBudget`).
   * @default DEFAULT_ZIP_LIMITS
   */
  limits?: Partial<ZipLimits>;
  /** The import time of the first session; the next ones follow it by a millisecond each. */
  now?: number;
}

/**
 * Imports what was picked or dropped: folders and loose files as `importSessions` reads them,
 * and every `.zip` unpacked on its own, so that one refused zip (too big, a bomb, damaged)
 * stores nothing while the others still import. The zips inside a zip are read as if picked
 * alongside it, one level deep (`unpackInnerZips`).
 */
export async function importPicked(picked: readonly PickedFile[], store: SessionStore, options: ImportPickedOptions = {}): Promise<ImportReport> {
  const unzipper = new Unzipper();
  const unzip = options.unzip ?? ((archive: File, limits: ZipLimits) => unzipper.unzip(archive, { limits }));
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  try {
    return await importAll(picked, new Imports(store, options.now ?? Date.now()), unzip, limits);
  } finally {
    unzipper.close();
  }
}

async function importAll(picked: readonly PickedFile[], imports: Imports, unzip: UnzipWithin, limits: ZipLimits): Promise<ImportReport> {
  const zips = picked.filter(isZip);
  await imports.loose(picked.filter((file) => !isZip(file)), zips.length > 0);
  for (const zip of zips) {
    const outcome = await unzip(zip.file, limits);
    if (!outcome.ok) {
      imports.refuse(outcome.message);
    } else if (!outcome.files.some(isZip)) {
      await imports.zip(zip.file.name, outcome.files);
    } else {
      const unpacked = await unpackInnerZips(zip.file, outcome.files, unzip, limits);
      if (!unpacked.ok) {
        imports.refuse(unpacked.message);
        continue;
      }
      await imports.loose(unpacked.loose, true);
      for (const inner of unpacked.inner) {
        if (inner.ok) await imports.zip(inner.name, inner.files);
        else imports.refuse(inner.message);
      }
    }
  }
  return imports.report;
}

/** One import's report as it grows, and the time of its next session (a millisecond apart). */
class Imports {
  readonly report: ImportReport = { imported: [], refused: [] };

  constructor(
    private readonly store: SessionStore,
    private now: number,
  ) {}

  /** Loose files. Files next to zips (a stray .DS_Store) are no reason to say "no session was found". */
  async loose(files: readonly PickedFile[], besideZips: boolean): Promise<void> {
    if (!besideZips || groupFiles(files.map((file) => file.path)).length > 0) this.add(await importSessions(files, this.store, this.now));
  }

  /** The files of one unpacked zip, named `name`. */
  async zip(name: string, files: readonly UnzippedFile[]): Promise<void> {
    if (groupFiles(files.map((file) => file.path)).length > 0) this.add(await importSessions(files, this.store, this.now));
    else if (files.some(isZip)) this.refuse(`${name} was not imported: it holds only zips, and zips inside a zip are read one level deep. Unzip it and pick the zips inside.`);
    else this.refuse(`${name} was not imported: no session was found in it (a session folder holds screenshots, audio, a transcript, notes or a session.json).`);
  }

  refuse(message: string): void {
    this.report.refused.push(message);
  }

  private add(part: ImportReport): void {
    this.report.imported.push(...part.imported);
    this.report.refused.push(...part.refused);
    this.now += part.imported.length + part.refused.length;
  }
}
