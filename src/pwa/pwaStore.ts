/** Whether this device keeps the app's storage when space runs low. */
export type Persistence =
  /** Not known yet, or not asked yet: nothing was imported. */
  | 'not-asked'
  /** The browser keeps the sessions until the person removes them. */
  | 'granted'
  /** Asked, and the browser said no (Chromium decides by engagement; installing usually helps). */
  | 'denied'
  /** No StorageManager: an old browser or an insecure origin. */
  | 'unsupported';

/** What the app knows about itself as an installed, offline web app. One immutable object per change. */
export interface PwaSnapshot {
  readonly version: number;
  /** A new version is installed and waits for the person's Reload; `applying` once they pressed it. */
  readonly update: 'none' | 'ready' | 'applying';
  /** The browser offered to install the app (its `beforeinstallprompt` is kept for the button). */
  readonly installable: boolean;
  /** Running as an installed app, or installed from this page. */
  readonly installed: boolean;
  readonly online: boolean;
  readonly persistence: Persistence;
  /** From `navigator.storage.estimate()`; null until known or when unsupported. */
  readonly storage: { readonly usage: number; readonly quota: number } | null;
}

export type PwaState = Omit<PwaSnapshot, 'version'>;

const INITIAL: PwaState = {
  update: 'none',
  installable: false,
  installed: false,
  online: true,
  persistence: 'not-asked',
  storage: null,
};

/** A versioned snapshot store for `useSyncExternalStore`: a new snapshot only when something changed. */
export class PwaStore {
  private snapshot: PwaSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(initial: Partial<PwaState> = {}) {
    this.snapshot = { ...INITIAL, ...initial, version: 0 };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): PwaSnapshot => this.snapshot;

  /** Folds a change in; listeners hear of it only if a value actually changed. */
  set(patch: Partial<PwaState>): void {
    const current = this.snapshot;
    const changed = (Object.keys(patch) as (keyof PwaState)[]).some((key) => !sameValue(current[key], patch[key]));
    if (!changed) return;
    this.snapshot = { ...current, ...patch, version: current.version + 1 };
    for (const listener of this.listeners) listener();
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return Object.is(a, b);
}
