import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../../src/shared/zip.ts';
import type { ZipBreach } from '../../src/shared/zipProblems.ts';

/** Sizes a file's headers claim; absent for files written by a streaming zipper. Headers may lie. */
export interface DeclaredSizes {
  compressed?: number;
  unpacked?: number;
  /** Folders do not count toward `maxEntries`; their bytes, if any, still count. */
  folder?: boolean;
}

/** One file being unpacked, as the meter follows it. */
export interface EntryCount {
  unpacked: number;
  /** Archive bytes read before the chunk in which this file began. */
  readonly startedAt: number;
  readonly declaredCompressed: number | undefined;
}

const describe = (value: unknown) => `\`${String(value)}\` (${typeof value})`;

/**
 * Fills in the defaults and checks every limit.
 * @throws TypeError naming the first bad limit.
 */
export function resolveZipLimits(input: Partial<ZipLimits> = {}): ZipLimits {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...input };
  for (const key of ['maxTotalBytes', 'maxRatio', 'maxEntries'] as const) {
    const value: unknown = limits[key];
    if (typeof value !== 'number' || !(value >= 1)) {
      throw new TypeError(`Expected \`${key}\` to be a number from 1 and up, got ${describe(value)}`);
    }
  }
  const grace: unknown = limits.ratioGraceBytes;
  if (typeof grace !== 'number' || !(grace >= 0)) {
    throw new TypeError(`Expected \`ratioGraceBytes\` to be a number from 0 and up, got ${describe(grace)}`);
  }
  return limits;
}

/**
 * Counts what an archive unpacks to and says when it passes a limit. Pure arithmetic: the caller
 * feeds it the sizes it sees, so the same checks run on headers and on the bytes actually inflated.
 */
export class UnpackMeter {
  private files = 0;
  private unpacked = 0;

  constructor(readonly limits: ZipLimits) {}

  /** Every byte unpacked so far, all files together. */
  get totalUnpacked(): number {
    return this.unpacked;
  }

  /**
   * What a whole archive declares in its central directory, checked before anything is inflated.
   * Only a first line of defence: a forged directory is caught by `add` as the bytes come.
   */
  checkDirectory(entries: readonly DeclaredSizes[]): ZipBreach | null {
    if (entries.filter((entry) => !entry.folder).length > this.limits.maxEntries) return { kind: 'too-many-files' };
    let total = 0;
    let packed = 0;
    for (const entry of entries) {
      total += entry.unpacked ?? 0;
      packed += entry.compressed ?? 0;
      const breach = this.checkDeclared(entry);
      if (breach) return breach;
    }
    if (total > this.limits.maxTotalBytes) return { kind: 'too-big' };
    if (this.ratioPassed(total, packed)) return { kind: 'ratio' };
    return null;
  }

  /** A new file begins. `readBefore` is the archive bytes read before the chunk that holds its header. */
  startEntry(declared: DeclaredSizes, readBefore: number): EntryCount | ZipBreach {
    if (!declared.folder) this.files += 1;
    if (this.files > this.limits.maxEntries) return { kind: 'too-many-files' };
    const breach = this.checkDeclared(declared, this.unpacked);
    if (breach) return breach;
    return { unpacked: 0, startedAt: readBefore, declaredCompressed: declared.compressed };
  }

  /**
   * `bytes` more came out of `entry`, with `read` bytes of the archive read so far. The packed
   * size used for the ratio is an upper bound of what was consumed, so the check never refuses
   * early by mistake; deflate expands at most about 1032 times, so a bomb is caught within one chunk.
   */
  add(entry: EntryCount, bytes: number, read: number): ZipBreach | null {
    entry.unpacked += bytes;
    this.unpacked += bytes;
    if (this.unpacked > this.limits.maxTotalBytes) return { kind: 'too-big' };
    const entryPacked = Math.min(entry.declaredCompressed ?? Infinity, Math.max(0, read - entry.startedAt));
    if (this.ratioPassed(entry.unpacked, entryPacked)) return { kind: 'ratio' };
    if (this.ratioPassed(this.unpacked, read)) return { kind: 'ratio' };
    return null;
  }

  private checkDeclared(declared: DeclaredSizes, before = 0): ZipBreach | null {
    if (declared.unpacked === undefined) return null;
    if (before + declared.unpacked > this.limits.maxTotalBytes) return { kind: 'too-big' };
    if (declared.compressed !== undefined && this.ratioPassed(declared.unpacked, declared.compressed)) return { kind: 'ratio' };
    return null;
  }

  private ratioPassed(unpacked: number, packed: number): boolean {
    return unpacked > this.limits.ratioGraceBytes && unpacked > this.limits.maxRatio * packed;
  }
}
