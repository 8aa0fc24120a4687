import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { expectBatchDone, sessionRows, readStore } from './helpers.ts';
import { waitForServiceWorker } from './pwa-helpers.ts';

// The service worker is part of what this file checks (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;

/** A server of the app's build of our own, on another port, that the test can stop for real. */
async function startOwnServer(baseURL: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const mainPort = Number(new URL(baseURL).port);
  const port = mainPort + 7;
  const server = spawn('npx', ['vite', 'preview', '--outDir', `dist-e2e-${mainPort}`, '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const url = `http://localhost:${port}`;
  await expect.poll(() => fetch(url).then((r) => r.ok, () => false), { timeout: 30_000 }).toBe(true);
  return {
    url,
    stop: async () => {
      process.kill(-server.pid!, 'SIGTERM');
      await expect.poll(() => fetch(url).then(() => 'up', () => 'down'), { timeout: 10_000 }).toBe('down');
    },
  };
}

test('offline after one online visit: with the server stopped, the app reloads from the precache and enriches imported sessions, OCR included', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const server = await startOwnServer(baseURL!);
  let stopped = false;
  try {
    await page.goto(server.url);
    await waitForServiceWorker(page);

    // The server is gone for real: every request the page or its workers make has nowhere to go but the precache.
    await server.stop();
    stopped = true;
    const started = Date.now();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Session Enricher' })).toBeVisible();
    const reloadMs = Date.now() - started;
    // The page, not the network: the document came from the service worker.
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await page.getByLabel('Import sessions').setInputFiles(fixtures);
    await expect(sessionRows(page)).toHaveCount(2);
    await page.getByRole('button', { name: 'Enrich all' }).click();
    await expectBatchDone(page, 2, 180_000);
    await expect(sessionRows(page).getByTestId('state')).toHaveText(['Done', 'Done']);

    type Outcome = { status: string; warning?: string; result?: { recordings?: Array<{ detector?: string }> } };
    const results = await readStore<{ outcomes: Record<string, Outcome> }>(page, 'results');
    expect(results).toHaveLength(2);
    for (const result of results) {
      // tesseract's worker, core and model came from the precache too.
      expect(result.outcomes.ocr?.status).toBe('done');
      expect(Object.values(result.outcomes).every((outcome) => outcome.status === 'done')).toBe(true);
      // So did the voice model and onnxruntime's WebAssembly: no fallback to loudness.
      expect(result.outcomes.audio?.warning).toBeUndefined();
      expect(result.outcomes.audio?.result?.recordings?.map((r) => r.detector)).toEqual(['silero']);
    }

    const figures = `reload with the server stopped, to the app's heading: ${reloadMs} ms`;
    test.info().annotations.push({ type: 'figures', description: figures });
    console.log(figures);
  } finally {
    if (!stopped) await server.stop();
  }
});

test('going offline and back: a calm indicator comes and goes, nothing else changes', async ({ page, context }) => {
  await page.goto('/');
  const note = page.getByText('Offline — everything still works on this device.');
  await expect(page.getByRole('heading', { name: 'Session Enricher' })).toBeVisible();
  await expect(note).toHaveCount(0);
  await context.setOffline(true);
  await expect(note).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load sample sessions' })).toBeEnabled();
  await context.setOffline(false);
  await expect(note).toHaveCount(0);
});
