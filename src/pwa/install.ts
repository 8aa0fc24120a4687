import type { PwaStore } from './pwaStore.ts';

/** Chromium's install offer; not in TypeScript's DOM library. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** Keeps the browser's install offer for the "Install app" button and tells whether the app is installed. */
export class InstallControl {
  private offer: BeforeInstallPromptEvent | null = null;

  constructor(private readonly store: PwaStore) {}

  /** Starts listening; call once. */
  watch(): void {
    const standalone = window.matchMedia('(display-mode: standalone)');
    this.store.set({ installed: standalone.matches });
    standalone.addEventListener('change', () => this.store.set({ installed: standalone.matches || this.store.getSnapshot().installed }));
    window.addEventListener('beforeinstallprompt', (event) => {
      // Keep the offer for our own button instead of the browser's mini-infobar.
      event.preventDefault();
      this.offer = event as BeforeInstallPromptEvent;
      this.store.set({ installable: true });
    });
    window.addEventListener('appinstalled', () => {
      this.offer = null;
      this.store.set({ installable: false, installed: true });
    });
  }

  /** Shows the browser's install sheet; an offer can be used once. */
  async install(): Promise<void> {
    const offer = this.offer;
    if (!offer) return;
    this.offer = null;
    this.store.set({ installable: false });
    await offer.prompt();
    const { outcome } = await offer.userChoice;
    if (outcome === 'accepted') this.store.set({ installed: true });
  }
}
