import { describe, expect, it } from 'vitest';
import { createJob } from '../../src/engine/transitions.ts';
import type { Job } from '../../src/shared/job.ts';
import type { PackRef } from '../../src/store/jobPack.ts';
import { PackedLane } from '../../src/store/packedLane.ts';

const job = (seq: number): Job => createJob({ id: `j${seq}`, sessionId: `s${seq}`, batchId: 'b', priority: 'normal', seq, stageOrder: ['ocr'], timeoutMs: 1, maxAttempts: 1, now: 0 });
const ref = (id: string, seqs: readonly number[]): PackRef & { seqs: readonly number[] } => ({ id, priority: 'normal', first: Math.min(...seqs), last: Math.max(...seqs), seqs });

/** A lane over fake packs that logs which packs each read asked for. */
function lane(packs: Array<PackRef & { seqs: readonly number[] }>) {
  const reads: string[][] = [];
  const packed = new PackedLane(packs, async (refs) => {
    reads.push(refs.map((r) => r.id));
    return refs.flatMap((r) => packs.find((p) => p.id === r.id)!.seqs.map(job)).sort((a, b) => a.seq - b.seq);
  });
  const drain = async (wanted: number) => {
    const seqs: number[] = [];
    for (let next = await packed.peek(wanted); next !== undefined; next = await packed.peek(wanted)) {
      seqs.push(next.seq);
      packed.take();
    }
    return seqs;
  };
  return { packed, reads, drain };
}

describe('PackedLane', () => {
  it('gives the jobs in seq order, reading packs only when reached, as many in one read as `wanted` needs', async () => {
    const { packed, reads, drain } = lane([ref('c', [20, 21]), ref('a', [0, 1, 2]), ref('b', [10, 11])]);
    expect((await packed.peek(1))?.seq).toBe(0);
    expect(reads).toEqual([['a']]);
    expect(await drain(4)).toEqual([0, 1, 2, 10, 11, 20, 21]);
    expect(reads).toEqual([['a'], ['b', 'c']]);
  });

  it('reads packs whose seq ranges overlap all at once and sorts them: FIFO holds', async () => {
    const { reads, drain } = lane([ref('a', [0, 5, 9]), ref('b', [3, 4, 12])]);
    expect(await drain(1)).toEqual([0, 3, 4, 5, 9, 12]);
    expect(reads).toEqual([['a', 'b']]);
  });
});
