import { InstallControl } from './install.ts';
import { PwaStore, type PwaSnapshot } from './pwaStore.ts';
import { ServiceWorkerControl } from './serviceWorker.ts';
import { StorageControl } from './storage.ts';
import { watchConnectivity } from './connectivity.ts';

/**
 * The app as an installable, offline web app: the service worker and its updates, the install offer,
 * connectivity and storage, read by the UI through one snapshot store.
 */
export class Pwa {
  private readonly store = new PwaStore();
  private readonly install = new InstallControl(this.store);
  private readonly storage = new StorageControl(this.store);
  private serviceWorker: ServiceWorkerControl | null = null;
  private started = false;

  readonly subscribe = this.store.subscribe;
  readonly getSnapshot: () => PwaSnapshot = this.store.getSnapshot;

  constructor() {
    // The browser's install offer can come before the UI mounts (storage opens first): keep it now.
    if (typeof window !== 'undefined') this.install.watch();
  }

  /**
   * Starts once per page, however often it is called. The service worker exists only in the built
   * app (there is none in dev or in Vitest).
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    watchConnectivity(this.store);
    void this.storage.check();
    if (import.meta.env.PROD && 'serviceWorker' in navigator) {
      this.serviceWorker = new ServiceWorkerControl(this.store);
      this.serviceWorker.register().catch((error: unknown) => console.warn('The service worker could not be registered.', error));
    }
  }

  /** The person pressed Reload: the waiting version takes over and this tab reloads. */
  applyUpdate(): void {
    this.serviceWorker?.applyUpdate();
  }

  /** The person pressed "Install app". */
  promptInstall(): Promise<void> {
    return this.install.install();
  }

  /** Asks for persistent storage; the UI calls it once sessions were imported. */
  requestPersistence(): Promise<void> {
    return this.storage.requestPersistence();
  }

  /** Reads the storage estimate again, after an import or a finished job. */
  refreshStorage(): Promise<void> {
    return this.storage.refresh();
  }
}

/** The page's one instance. */
export const pwa = new Pwa();
