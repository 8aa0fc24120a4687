import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../chromium.ts';

/**
 * Waits until the service worker is `activated` and controls the page (`ready` alone can resolve
 * while it is still activating). Returns the time from the start of navigation, in ms.
 */
export function waitForServiceWorker(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active!;
    if (worker.state !== 'activated') {
      await new Promise<void>((resolve) =>
        worker.addEventListener('statechange', () => {
          if (worker.state === 'activated') resolve();
        }),
      );
    }
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
    return performance.now();
  });
}

/**
 * A Chromium profile in a temporary folder. `launch` starts a browser on it, again after a close or
 * a kill, with the storage the last one left.
 */
export function browserProfile(baseURL: string | undefined, serviceWorkers: 'allow' | 'block') {
  const folder = mkdtempSync(join(tmpdir(), 'enricher-profile-'));
  return {
    folder,
    launch: () => chromium.launchPersistentContext(folder, { executablePath: chromiumPath(), args: chromiumArgs, baseURL, serviceWorkers }),
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** A browser on a fresh profile: installability is judged only outside incognito. */
export async function launchPersistent(baseURL: string | undefined): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = browserProfile(baseURL, 'allow');
  const context = await profile.launch();
  return {
    context,
    close: async () => {
      await context.close();
      profile.remove();
    },
  };
}

/** A CDP session on the page and the id of its browser context (needed by Browser.* commands). */
export async function cdpFor(page: Page): Promise<{ cdp: CDPSession; browserContextId: string | undefined }> {
  const cdp = await page.context().newCDPSession(page);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  return { cdp, browserContextId: targetInfo.browserContextId };
}

/** Lets this origin keep persistent storage, as Chromium does for an installed or engaged site. */
export async function grantPersistentStorage(page: Page, origin: string): Promise<void> {
  const { cdp, browserContextId } = await cdpFor(page);
  await cdp.send('Browser.setPermission', { permission: { name: 'persistent-storage' }, setting: 'granted', origin, browserContextId });
}

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, 'localhost', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
    probe.on('error', reject);
  });
}
