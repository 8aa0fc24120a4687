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

  /**
   * `read` returns the jobs of some packs in `seq` order (nothing for a pack no longer stored), in one
   * transaction: each transaction waits for the commits of the jobs running meanwhile.
   */
  constructor(
    refs: readonly PackRef[],
    private readonly read: (refs: readonly PackRef[]) => Promise<readonly Job[]>,
  ) {
    this.refs = [...refs].sort((a, b) => a.first - b.first);
  }

  /**
   * The next job, reading packs as needed (enough for `wanted` jobs in one read); undefined once
   * every pack is read.
   */
  async peek(wanted = 1): Promise<Job | undefined> {
    if (this.at < this.current.length) return this.current[this.at];
    if (this.nextRef === 0 && !this.disjoint()) {
      const all = await this.read(this.refs);
      this.nextRef = this.refs.length;
      this.current = [...all].sort((a, b) => a.seq - b.seq);
      this.at = 0;
      return this.current[0];
    }
    while (this.at >= this.current.length && this.nextRef < this.refs.length) {
      const batch: PackRef[] = [];
      // A pack holds at most last − first + 1 jobs: take packs until they may hold `wanted`.
      for (let room = 0; this.nextRef < this.refs.length && (batch.length === 0 || room < wanted); ) {
        const ref = this.refs[this.nextRef++]!;
        batch.push(ref);
        room += ref.last - ref.first + 1;
      }
      this.current = await this.read(batch);
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
