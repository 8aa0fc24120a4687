// Takes the manifest's screenshots of the built app with Chromium, for the richer install sheet.
// Run after a build: npx vite build && node scripts/make-screenshots.mjs [outDir]
// Writes public/screenshots/wide.png (1280x800) and narrow.png (540x960): the samples, enriched.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium } from 'playwright';
import { preview } from 'vite';

const out = new URL('../public/screenshots/', import.meta.url).pathname;
const outDir = process.argv[2] ?? 'dist';

/** A port nobody listens on now, so this script never meets a running preview or a test's server. */
const port = await new Promise((resolve, reject) => {
  const probe = createServer().listen(0, 'localhost', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
  probe.on('error', reject);
});
const server = await preview({ build: { outDir }, preview: { port, strictPort: true }, logLevel: 'warn' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function shoot(viewport, file) {
  // A fresh context per size: an empty library, no service worker in the picture.
  const context = await browser.newContext({ viewport, serviceWorkers: 'block', colorScheme: 'light', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const origin = `http://localhost:${port}`;
  // As an installed app would be: persistent storage granted (headless Chromium says no by itself).
  const cdp = await context.newCDPSession(page);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.setPermission', {
    permission: { name: 'persistent-storage' },
    setting: 'granted',
    origin,
    browserContextId: targetInfo.browserContextId,
  });
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: 'Load sample sessions' }).click();
  await page.getByText('Making samples…').waitFor();
  await page.getByText('Making samples…').waitFor({ state: 'detached', timeout: 60_000 });
  await page.getByRole('button', { name: 'Enrich all' }).click();
  // A busy machine can time a job out; retry those, so the picture shows the batch as it should end.
  for (let round = 0; round < 3; round++) {
    await page.locator('.batch-count').getByText('12/12').waitFor({ timeout: 600_000 });
    if ((await page.locator('.batch-states').textContent()).includes('12 done')) break;
    await page.getByRole('button', { name: 'Retry failed' }).click();
    await page.locator('.batch-count').getByText('12/12').waitFor({ state: 'detached' });
  }
  await page.getByRole('list', { name: 'Sessions' }).getByRole('listitem').first().getByRole('button').first().click();
  await page.waitForTimeout(500);
  writeFileSync(`${out}${file}`, await page.screenshot());
  console.log(`${file} ${viewport.width}x${viewport.height}`);
  await context.close();
}

mkdirSync(out, { recursive: true });
try {
  await shoot({ width: 1280, height: 800 }, 'wide.png');
  await shoot({ width: 540, height: 960 }, 'narrow.png');
} finally {
  await browser.close();
  await server.close();
}
