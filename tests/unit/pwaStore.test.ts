import { describe, expect, it } from 'vitest';
import { PwaStore } from '../../src/pwa/pwaStore.ts';

describe('PwaStore', () => {
  it('.getSnapshot() - returns the same object until something changes', () => {
    const store = new PwaStore();
    const first = store.getSnapshot();
    store.set({ online: true, storage: null });
    expect(store.getSnapshot()).toBe(first);
  });

  it('.set() - publishes one new snapshot per change, with a higher version', () => {
    const store = new PwaStore();
    let heard = 0;
    store.subscribe(() => (heard += 1));
    const before = store.getSnapshot();
    store.set({ update: 'ready', online: false });
    const after = store.getSnapshot();
    expect(heard).toBe(1);
    expect(after).not.toBe(before);
    expect(after).toMatchObject({ update: 'ready', online: false, version: before.version + 1 });
  });

  it('.set() - compares the storage estimate by value', () => {
    const store = new PwaStore({ storage: { usage: 1, quota: 2 } });
    let heard = 0;
    store.subscribe(() => (heard += 1));
    store.set({ storage: { usage: 1, quota: 2 } });
    expect(heard).toBe(0);
    store.set({ storage: { usage: 3, quota: 2 } });
    expect(heard).toBe(1);
  });

  it('.subscribe() - returns a function that stops the listener', () => {
    const store = new PwaStore();
    let heard = 0;
    const stop = store.subscribe(() => (heard += 1));
    stop();
    store.set({ installable: true });
    expect(heard).toBe(0);
  });
});
