import { expect, test } from '@playwright/test';
import { cdpFor, grantPersistentStorage, launchPersistent, waitForServiceWorker } from './pwa-helpers.ts';

// The service worker is part of what this file checks (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;

test('the service worker activates, controls the first visit and precaches the shell, workers and OCR assets', async ({ page }) => {
  await page.goto('/');
  const activatedMs = await waitForServiceWorker(page);
  const precache = await page.evaluate(async () => {
    const names = await caches.keys();
    const name = names.find((n) => n.startsWith('workbox-precache'))!;
    const cache = await caches.open(name);
    const entries = await cache.keys();
    let bytes = 0;
    for (const request of entries) bytes += (await (await cache.match(request))!.blob()).size;
    return { paths: entries.map((r) => new URL(r.url).pathname), bytes };
  });
  const paths = precache.paths;
  expect(paths).toContain('/index.html');
  expect(paths).toContain('/manifest.webmanifest');
  expect(paths.some((p) => /^\/assets\/enrich\.worker-.+\.js$/.test(p))).toBe(true);
  expect(paths).toContain('/ocr/worker.min.js');
  expect(paths).toContain('/ocr/lang/eng.traineddata.gz');
  // Each LSTM core as its script and its .wasm (compiled while it streams in), never with the module inline.
  for (const core of ['relaxedsimd-lstm', 'simd-lstm', 'lstm']) {
    expect(paths).toContain(`/ocr/tesseract-core-${core}.js`);
    expect(paths).toContain(`/ocr/tesseract-core-${core}.wasm`);
  }
  expect(paths.filter((p) => p.endsWith('.wasm.js'))).toEqual([]);
  expect(paths.some((p) => p.startsWith('/screenshots/') || p.endsWith('.map'))).toBe(false);

  const figures = `service worker controlling ${Math.round(activatedMs)} ms after navigation; precache ${paths.length} files, ${(precache.bytes / 1e6).toFixed(1)} MB`;
  test.info().annotations.push({ type: 'figures', description: figures });
  console.log(figures);
});

test('CDP Page.getAppManifest: the manifest parses without errors, with the name, icons and screenshots', async ({ page }) => {
  await page.goto('/');
  const { cdp } = await cdpFor(page);
  const manifest = await cdp.send('Page.getAppManifest', {});
  expect(manifest.errors).toEqual([]);
  expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
  const data = JSON.parse(manifest.data ?? 'null') as {
    name: string;
    short_name: string;
    id: string;
    start_url: string;
    scope: string;
    display: string;
    icons: { src: string; sizes: string; purpose: string }[];
    screenshots: { src: string; sizes: string; form_factor: string }[];
  };
  expect(data).toMatchObject({ name: 'Session Enricher', short_name: 'Enricher', id: '/', start_url: '/', scope: '/', display: 'standalone' });
  expect(data.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  expect(data.screenshots.map((s) => s.form_factor)).toEqual(['wide', 'narrow']);

  // Every icon and screenshot is a real PNG of the size the manifest claims.
  const images = [...data.icons, ...data.screenshots];
  const sizes = await page.evaluate(
    (sources) =>
      Promise.all(
        sources.map(async (src) => {
          const bitmap = await createImageBitmap(await (await fetch(src)).blob());
          return `${bitmap.width}x${bitmap.height}`;
        }),
      ),
    images.map((i) => i.src),
  );
  expect(sizes).toEqual(images.map((i) => i.sizes));
});

test('CDP Page.getInstallabilityErrors: none in a persistent profile, and the browser offer shows "Install app"', async ({ baseURL }) => {
  const { context, close } = await launchPersistent(baseURL);
  try {
    const page = await context.newPage();
    await page.goto('/');
    await waitForServiceWorker(page);
    const { cdp } = await cdpFor(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    // beforeinstallprompt was kept for the app's own button.
    await expect(page.getByRole('region', { name: 'App status' }).getByRole('button', { name: 'Install app' })).toBeVisible({ timeout: 15_000 });
  } finally {
    await close();
  }
});

test('the built page has the Content-Security-Policy as header and meta tag, and no inline script', async ({ page }) => {
  const response = await page.goto('/');
  const header = response!.headers()['content-security-policy']!;
  // The whole policy, directive by directive: a source added anywhere (a CDN, 'unsafe-eval') fails this.
  const directives = Object.fromEntries(header.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
  expect(directives).toEqual({
    'default-src': ["'self'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'worker-src': ["'self'", 'blob:'],
    'connect-src': ["'self'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    'media-src': ["'self'", 'blob:'],
    'style-src': ["'self'", "'unsafe-inline'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'none'"],
  });
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(header);
  // The meta tag must come before any script to govern it.
  expect(await page.evaluate(() => document.head.firstElementChild?.getAttribute('http-equiv'))).toBe('Content-Security-Policy');
  const html = await (await page.request.get('/index.html')).text();
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(await page.locator('script:not([src])').count()).toBe(0);
  // A worker script gets the same policy, and so the nested workers it starts.
  const worker = await page.request.get('/ocr/worker.min.js');
  expect(worker.headers()['content-security-policy']).toBe(header);
});

test('persistent storage: asked after the first import, granted, and the reason and the space are shown', async ({ page, baseURL }) => {
  await page.goto('/');
  const status = page.getByRole('region', { name: 'App status' });
  await expect(status.getByTestId('storage-used')).toHaveText(/^\d+(\.\d)? (bytes?|kB|MB|GB) used of \d+(\.\d)? (kB|MB|GB|TB) available$/);
  // Nothing to keep yet: nothing asked, nothing said.
  await expect(status.getByTestId('persistence')).toHaveCount(0);
  expect(await page.evaluate(() => navigator.storage.persisted())).toBe(false);

  // Chromium grants by engagement or installation; headless Chromium needs the permission set.
  await grantPersistentStorage(page, new URL(baseURL!).origin);
  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(status.getByTestId('persistence')).toHaveText('Persistent storage: on. It keeps your sessions safe from automatic cleanup.');
  expect(await page.evaluate(() => navigator.storage.persisted())).toBe(true);
});

test('persistent storage refused by the browser: the reason is shown with a way to ask again', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  const persistence = page.getByRole('region', { name: 'App status' }).getByTestId('persistence');
  await expect(persistence).toContainText('Persistent storage: not granted yet. It keeps your sessions safe from automatic cleanup.');
  await expect(persistence.getByRole('button', { name: 'Ask again' })).toBeVisible();
});

test('installed: after appinstalled the app says so and offers no install button', async ({ page }) => {
  await page.goto('/');
  const status = page.getByRole('region', { name: 'App status' });
  await expect(status.getByText('Installed on this device')).toHaveCount(0);
  await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
  await expect(status.getByText('Installed on this device')).toBeVisible();
  await expect(status.getByRole('button', { name: 'Install app' })).toHaveCount(0);
});
