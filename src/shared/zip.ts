/** Limits a zip must stay within to be imported; checked while it unpacks, not only from its headers. */
export interface ZipLimits {
  /**
   * Most bytes all files of the archive may unpack to.
   * @default 2 GB (2 × 1024³ bytes)
   */
  readonly maxTotalBytes: number;
  /**
   * Highest unpacked-to-packed ratio, for each file and for the whole archive, once past
   * `ratioGraceBytes`. Real session files (PNG, WAV, text) stay far below it; zip bombs pass it.
   * @default 100
   */
  readonly maxRatio: number;
  /**
   * Unpacked bytes below which the ratio is not checked: small text files compress very well.
   * @default 4 MB
   */
  readonly ratioGraceBytes: number;
  /**
   * Most files (folders not counted) one archive may hold.
   * @default 10000
   */
  readonly maxEntries: number;
}

const MB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 2 * 1024 * MB,
  maxRatio: 100,
  ratioGraceBytes: 4 * MB,
  maxEntries: 10_000,
};

/** Why a zip was not imported. */
export type ZipProblemKind =
  | 'too-big'
  | 'ratio'
  | 'too-many-files'
  | 'not-zip'
  | 'damaged'
  | 'encrypted'
  | 'method';

/** One unpacked file, with its path as the import reads it ("standup/screens/0001.png"). */
export interface UnzippedFile {
  path: string;
  file: File;
}

/** What unpacking one zip gives: its files, or a refusal as data (it crosses a worker boundary). */
export type UnzipOutcome =
  | { ok: true; files: UnzippedFile[] }
  | { ok: false; kind: ZipProblemKind | 'crashed'; message: string };

/** The API of the unzip worker. */
export interface UnzipWorkerApi {
  /** Unpacks `archive`, refusing it as soon as a limit is passed. Never rejects for bad input. */
  unzip(archive: File, limits?: Partial<ZipLimits>): Promise<UnzipOutcome>;
}
