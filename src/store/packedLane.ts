import type { Job } from '../shared/job.ts';
import type { PackRef } from './jobPack.ts';

/**
 * One priority's packed jobs in `seq` order, a pack read only when the reader reaches it: start-up
 * over 100,000 packed jobs reads and rebuilds the first pack before the first dispatch, not all 200.
 * Packs whose seq ranges overlap (never written so) are read all at once and sorted instead.
 */
export class PackedLane {
  private current: readonly Job[] = [];
  private at = 0;
  private nextRef = 0;
  private readonly refs: readonly PackRef[];

  /** `read` returns a pack's jobs in `seq` order, or nothing for a pack no longer stored. */
  constructor(
    refs: readonly PackRef[],
    private readonly read: (ref: PackRef) => Promise<readonly Job[]>,
  ) {
    this.refs = [...refs].sort((a, b) => a.first - b.first);
  }

  /** The next job, reading packs as needed; undefined once every pack is read. */
  async peek(): Promise<Job | undefined> {
    if (this.at < this.current.length) return this.current[this.at];
    if (this.nextRef === 0 && !this.disjoint()) {
      const all = (await Promise.all(this.refs.map(this.read))).flat();
      this.nextRef = this.refs.length;
      this.current = all.sort((a, b) => a.seq - b.seq);
      this.at = 0;
      return this.current[0];
    }
    while (this.at >= this.current.length && this.nextRef < this.refs.length) {
      this.current = await this.read(this.refs[this.nextRef++]!);
      this.at = 0;
    }
    return this.current[this.at];
  }

  /** Moves past the job `peek` gave. */
  take(): void {
    this.at++;
  }

  private disjoint(): boolean {
    return this.refs.every((ref, i) => ref.first <= ref.last && (i === 0 || ref.first > this.refs[i - 1]!.last));
  }
}
