import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';
import { loadSamples, readStore } from './helpers.ts';
import { freePort, waitForServiceWorker } from './pwa-helpers.ts';

/** Two builds that differ only in their version string, as two releases would. */
const VERSIONS = ['update-a', 'update-b'] as const;

let root = '';
let port = 0;
let server: PreviewServer | null = null;

/** Serves one build on the test's own port; the origin stays the same, so the service worker sees an update. */
async function serve(version: (typeof VERSIONS)[number]): Promise<void> {
  await server?.close();
  server = await preview({ build: { outDir: join(root, version) }, preview: { port, strictPort: true }, logLevel: 'warn' });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  root = mkdtempSync(join(tmpdir(), 'enricher-update-'));
  for (const version of VERSIONS) {
    execFileSync('npx', ['vite', 'build', '--outDir', join(root, version), '--emptyOutDir', '--logLevel', 'warn'], {
      env: { ...process.env, SESSION_ENRICHER_VERSION: version },
      stdio: 'pipe',
    });
  }
  port = await freePort();
});

test.afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

test('a new version waits for the person: no reload by itself mid-batch; Reload brings the new version', async ({ page }) => {
  test.setTimeout(240_000);
  const origin = `http://localhost:${port}`;
  await serve('update-a');
  await page.goto(`${origin}/`);
  await waitForServiceWorker(page);
  const status = page.getByRole('region', { name: 'App status' });
  await expect(status.getByText('Version update-a')).toBeVisible();

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

  await serve('update-b');
  // The browser's own update check, which it makes on navigation and periodically.
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  await expect(page.getByText('A new version is ready.')).toBeVisible({ timeout: 60_000 });
  const doneWhenReady = await succeeded();
  expect(doneWhenReady).toBeLessThan(12);

  // The batch goes on under the banner; the page stays as it is.
  await expect.poll(succeeded, { timeout: 120_000 }).toBeGreaterThan(doneWhenReady);
  expect(navigations).toBe(0);
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await expect(status.getByText('Version update-a')).toBeVisible();

  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(status.getByText('Version update-b')).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBeUndefined();
  await expect(page.getByText('A new version is ready.')).toHaveCount(0);
  // The queue survived the reload: all twelve jobs are still there.
  expect(await readStore(page, 'jobs')).toHaveLength(12);
});
