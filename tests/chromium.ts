import { existsSync } from 'node:fs';

/** Flags that keep headless Chromium quiet on a closed network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, or the one named by CHROMIUM_PATH. Never a downloaded browser. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(
    (p): p is string => Boolean(p),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found. Install Debian\'s Chromium (apt-get install -y chromium) ' +
        'or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return found;
}
