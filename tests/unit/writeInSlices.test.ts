import { describe, expect, it } from 'vitest';
import { MIN_WRITES_PER_SLICE, writeInSlices } from '../../src/store/writeInSlices.ts';

/** Fake requests that settle when the test says, and a log of when each was queued. */
function requests(count: number) {
  const resolvers: Array<() => void> = [];
  const queued: number[] = [];
  const writes = Array.from({ length: count }, (_, i) => () => {
    queued.push(i);
    return new Promise<void>((resolve) => (resolvers[i] = resolve));
  });
  return { writes, queued, settle: (i: number) => resolvers[i]!() };
}

/** Lets every pending promise callback run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('writeInSlices', () => {
  it('a slice holds the minimum even when the clock says its time is up', async () => {
    const { writes, queued } = requests(100);
    // Cloning takes 1 ms a request: 8 ms are up long before 32 requests.
    void writeInSlices(writes, { sliceMs: 8, now: () => queued.length });
    await flush();
    // Two slices go out before the first must succeed: 2 × 32, not 8 ms' worth.
    expect(queued).toHaveLength(2 * MIN_WRITES_PER_SLICE);
  });

  it('a slice takes as many requests as fit in its time: a fast machine makes few round trips', async () => {
    const { writes, queued } = requests(1000);
    // 0.01 ms a request: 8 ms hold 800, so two slices cover all 1,000 before any request succeeds.
    void writeInSlices(writes, { sliceMs: 8, now: () => queued.length / 100 });
    await flush();
    expect(queued).toHaveLength(1000);
  });

  it('keeps two slices in flight: the third waits for the first one to succeed', async () => {
    const { writes, queued, settle } = requests(4 * MIN_WRITES_PER_SLICE);
    const done = writeInSlices(writes, { sliceMs: 0, now: () => 0 });
    await flush();
    expect(queued).toHaveLength(2 * MIN_WRITES_PER_SLICE);
    settle(MIN_WRITES_PER_SLICE - 1);
    await flush();
    expect(queued).toHaveLength(3 * MIN_WRITES_PER_SLICE);
    settle(2 * MIN_WRITES_PER_SLICE - 1);
    await flush();
    expect(queued).toHaveLength(4 * MIN_WRITES_PER_SLICE);
    // The last slice is not waited on: the transaction's completion says when it landed.
    await done;
  });

  it('a request that fails does not stop the pacing (the transaction reports the failure)', async () => {
    const writes = Array.from({ length: 3 * MIN_WRITES_PER_SLICE }, (_, i) => () => (i === 0 ? Promise.reject(new Error('no')) : Promise.resolve()));
    await expect(writeInSlices(writes, { sliceMs: 0, now: () => 0 })).resolves.toBeUndefined();
  });
});
