import { Workbox } from 'workbox-window';
import type { PwaStore } from './pwaStore.ts';

/** How often an open tab asks the server for a new version, besides whenever it becomes visible. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The service worker, registered through workbox-window. A new version never takes over by itself:
 * it waits (registerType 'prompt') until `applyUpdate()`, because a reload in the middle of a batch
 * must be the person's choice. The queue is durable, so the batch carries on after that reload.
 */
export class ServiceWorkerControl {
  private readonly workbox: Workbox;
  private registration: ServiceWorkerRegistration | undefined;
  private reloadWhenControlled = false;

  constructor(
    private readonly store: PwaStore,
    scriptUrl = '/sw.js',
  ) {
    this.workbox = new Workbox(scriptUrl, { scope: '/' });
    // Also fires for a version another tab installed, or one left waiting by an earlier visit.
    this.workbox.addEventListener('waiting', () => this.store.set({ update: 'ready' }));
    this.workbox.addEventListener('controlling', (event) => {
      // The first install claims the page too; only an update the person asked for reloads it.
      if (this.reloadWhenControlled) window.location.reload();
      else if (event.isUpdate) this.store.set({ update: 'ready' });
    });
  }

  /** Registers the worker and checks for a new version when the tab is shown and every hour. */
  async register(): Promise<void> {
    this.registration = await this.workbox.register();
    const check = () => void this.workbox.update().catch(() => undefined /* offline: try next time */);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') check();
    });
    setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  }

  /** Lets the waiting version take over, then reloads this tab once it controls the page. */
  applyUpdate(): void {
    this.store.set({ update: 'applying' });
    if (!this.registration?.waiting) {
      // Another tab let the new version take over already: it controls this page, only a reload is left.
      window.location.reload();
      return;
    }
    this.reloadWhenControlled = true;
    this.workbox.messageSkipWaiting();
  }
}
