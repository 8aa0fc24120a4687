import { existsSync } from 'node:fs';

/**
 * The flags and binary of tests/chromium.ts, repeated here because Node 20 cannot import a .ts
 * file; keep the two in step. Never a downloaded browser.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Extra flags for measuring: exact heap figures, a callable GC, no throttling of pages in the background. */
export const benchArgs = [
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** Debian's Chromium, or the one named by CHROMIUM_PATH. */
export function chromiumPath() {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean).find((p) => existsSync(p));
  if (!found) {
    throw new Error("No Chromium found. Install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.");
  }
  return found;
}
