import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';
import { loadSamples, readStore } from './helpers.ts';
import { e2eOutDir } from '../e2eBuild.ts';
import { freePort, waitForServiceWorker } from './pwa-helpers.ts';

// The service worker is part of what this file checks (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

/**
 * Two releases that differ only in their version string: the build every end-to-end test serves,
 * and one more made here with another version.
 */
const current = { version: (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version, outDir: resolve(e2eOutDir) };
const next = { version: 'update-next', outDir: '' };

let root = '';
let port = 0;
let server: PreviewServer | null = null;

/** Serves one build on the test's own port; the origin stays the same, so the service worker sees an update. */
async function serve(release: typeof current): Promise<void> {
  await server?.close();
  server = await preview({ build: { outDir: release.outDir }, preview: { port, strictPort: true }, logLevel: 'warn' });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  root = mkdtempSync(join(tmpdir(), 'enricher-update-'));
  next.outDir = join(root, next.version);
  execFileSync('npx', ['vite', 'build', '--outDir', next.outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    env: { ...process.env, SESSION_ENRICHER_VERSION: next.version },
    stdio: 'pipe',
  });
  port = await freePort();
});

test.afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

test('a new version waits for the person: no reload by itself mid-batch; Reload brings the new version', async ({ page }) => {
  test.setTimeout(240_000);
  const origin = `http://localhost:${port}`;
  await serve(current);
  await page.goto(`${origin}/`);
  await waitForServiceWorker(page);
  const status = page.getByRole('region', { name: 'App status' });
  await expect(status.getByText(`Version ${current.version}`, { exact: true })).toBeVisible();

  await loadSamples(page);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  const succeeded = async () => (await readStore<{ state: string }>(page, 'jobs')).filter((job) => job.state === 'succeeded').length;
  await expect.poll(succeeded, { timeout: 120_000 }).toBeGreaterThanOrEqual(1);

  // Mark this document: a reload would lose the mark.
  await page.evaluate(() => ((window as { sameDocument?: boolean }).sameDocument = true));
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });

  await serve(next);
  // The browser's own update check, which it makes on navigation and periodically.
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  await expect(page.getByText('A new version is ready.')).toBeVisible({ timeout: 60_000 });
  const doneWhenReady = await succeeded();
  expect(doneWhenReady).toBeLessThan(12);

  // The batch goes on under the banner; the page stays as it is.
  await expect.poll(succeeded, { timeout: 120_000 }).toBeGreaterThan(doneWhenReady);
  expect(navigations).toBe(0);
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await expect(status.getByText(`Version ${current.version}`, { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(status.getByText(`Version ${next.version}`, { exact: true })).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBeUndefined();
  await expect(page.getByText('A new version is ready.')).toHaveCount(0);
  // The queue survived the reload: all twelve jobs are still there.
  expect(await readStore(page, 'jobs')).toHaveLength(12);
});
