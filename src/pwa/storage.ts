import type { PwaStore } from './pwaStore.ts';

/** The estimate is read at most this often: a batch of small sessions finishes a job every few ms, and each asked. */
const REFRESH_MS = 1000;

/**
 * Persistent storage and the space used. The browser may clear a site's data when the device runs
 * low on space unless the site's storage is persistent; persistence keeps the sessions safe.
 */
export class StorageControl {
  private asking: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private lastRead = -Infinity;

  constructor(private readonly store: PwaStore) {}

  /** Reads whether storage is persistent already, without asking. */
  async check(): Promise<void> {
    if (!navigator.storage?.persisted) {
      this.store.set({ persistence: 'unsupported' });
      return;
    }
    if (await navigator.storage.persisted()) this.store.set({ persistence: 'granted' });
    await this.refresh();
  }

  /**
   * Asks the browser to keep the app's storage (`navigator.storage.persist()`); call after the first
   * import. Asks at most once at a time, and not again once granted.
   */
  requestPersistence(): Promise<void> {
    this.asking ??= this.ask().finally(() => (this.asking = null));
    return this.asking;
  }

  /**
   * Reads the space used and available again, at most once every REFRESH_MS: calls meanwhile share
   * one read at the end of the interval, so the figure still ends current.
   */
  refresh(): Promise<void> {
    this.refreshing ??= new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, this.lastRead + REFRESH_MS - Date.now()))).then(() => {
      // A call from now on asks for a read after this one: what it follows may not be counted in this one.
      this.refreshing = null;
      this.lastRead = Date.now();
      return this.read();
    });
    return this.refreshing;
  }

  private async read(): Promise<void> {
    if (!navigator.storage?.estimate) return;
    const { usage = 0, quota = 0 } = await navigator.storage.estimate();
    this.store.set({ storage: { usage, quota } });
  }

  private async ask(): Promise<void> {
    if (!navigator.storage?.persist) {
      this.store.set({ persistence: 'unsupported' });
      return;
    }
    if (this.store.getSnapshot().persistence === 'granted') return;
    const granted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
    this.store.set({ persistence: granted ? 'granted' : 'denied' });
    await this.refresh();
  }
}
