import type { ZipLimits } from '../shared/zip.ts';
import type { ZipBreach } from '../shared/zipProblems.ts';

/**
 * What the zips inside one picked zip may still unpack to, all together. Without a shared budget
 * each inner zip would get full limits of its own, and a few kilobytes of zips of zeros (each under
 * the ratio's grace) could unpack to gigabytes. So the outer zip's files and its inner zips' files
 * together stay within what the outer zip alone may unpack to: at most `maxRatio` times its size
 * (or `ratioGraceBytes`, whichever is more), at most `maxTotalBytes`, at most `maxEntries` files.
 */
export class ZipBudget {
  private bytes: number;
  private entries: number;
  /** Which limit the bytes stop at: the outer zip's ratio when it is below the total size limit. */
  private readonly bytesBreach: ZipBreach;

  constructor(
    packedBytes: number,
    private readonly limits: ZipLimits,
  ) {
    const byRatio = Math.max(limits.ratioGraceBytes, limits.maxRatio * packedBytes);
    this.bytesBreach = byRatio < limits.maxTotalBytes ? { kind: 'ratio' } : { kind: 'too-big' };
    this.bytes = Math.min(byRatio, limits.maxTotalBytes);
    this.entries = limits.maxEntries;
  }

  /** Counts kept files against the budget; the breach once they pass it. */
  spend(files: readonly { file: Blob }[]): ZipBreach | null {
    this.entries -= files.length;
    for (const { file } of files) this.bytes -= file.size;
    if (this.entries < 0) return { kind: 'too-many-files' };
    return this.bytes < 0 ? this.bytesBreach : null;
  }

  /** The limits for the next inner zip (the outer's, shrunk to what is left), or the breach when nothing is. */
  next(): ZipLimits | ZipBreach {
    // The worker takes no limit below 1; an inner zip given nothing would pass it anyway.
    if (this.entries < 1) return { kind: 'too-many-files' };
    if (this.bytes < 1) return this.bytesBreach;
    return { ...this.limits, maxTotalBytes: this.bytes, maxEntries: this.entries };
  }

  /** The outer zip's breach when an inner zip passed the shrunk limits `next` gave it. */
  passed(kind: 'too-big' | 'too-many-files'): ZipBreach {
    return kind === 'too-big' ? this.bytesBreach : { kind };
  }
}
