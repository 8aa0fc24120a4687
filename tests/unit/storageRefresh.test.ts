import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PwaStore } from '../../src/pwa/pwaStore.ts';
import { StorageControl } from '../../src/pwa/storage.ts';

let estimates = 0;
beforeEach(() => {
  estimates = 0;
  vi.useFakeTimers();
  vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: ++estimates, quota: 100 }) } });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('StorageControl.refresh()', () => {
  it('reads the estimate at most once a second however many jobs finish, and ends on a fresh figure', async () => {
    const store = new PwaStore();
    const storage = new StorageControl(store);
    // A batch of small sessions: a job finishes every few milliseconds, and each asked for an estimate.
    for (let i = 0; i < 200; i++) {
      void storage.refresh();
      await vi.advanceTimersByTimeAsync(5);
    }
    await vi.advanceTimersByTimeAsync(1000);
    // Before: 200 estimates, each a main-thread call into the quota manager (4.5 s over 3,000 sessions).
    expect(estimates).toBeLessThanOrEqual(2);
    expect(store.getSnapshot().storage).toEqual({ usage: estimates, quota: 100 });
  });
});
