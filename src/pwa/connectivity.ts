import type { PwaStore } from './pwaStore.ts';

/** Follows `navigator.onLine`. The app needs no network, so this only informs the person. */
export function watchConnectivity(store: PwaStore): void {
  const update = () => store.set({ online: navigator.onLine });
  update();
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
}
