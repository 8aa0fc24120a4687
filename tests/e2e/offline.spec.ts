import { expect, test } from '@playwright/test';
import { expectBatchDone, sessionRows, readStore } from './helpers.ts';
import { waitForServiceWorker } from './pwa-helpers.ts';

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;

test('offline after one online visit: the app reloads from the precache and enriches imported sessions, OCR included', async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await waitForServiceWorker(page);

  await context.setOffline(true);
  const started = Date.now();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Session Enricher' })).toBeVisible();
  const reloadMs = Date.now() - started;
  await expect(page.getByRole('status').filter({ hasText: 'Offline — everything still works on this device.' })).toBeVisible();
  // The page, not the network: the document came from the service worker.
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 2, 180_000);
  await expect(sessionRows(page).getByTestId('state')).toHaveText(['Done', 'Done']);

  const results = await readStore<{ outcomes: Record<string, { status: string }> }>(page, 'results');
  expect(results).toHaveLength(2);
  for (const result of results) {
    // tesseract's worker, core and model came from the precache too.
    expect(result.outcomes.ocr?.status).toBe('done');
    expect(Object.values(result.outcomes).every((outcome) => outcome.status === 'done')).toBe(true);
  }

  const figures = `offline reload to the app's heading: ${reloadMs} ms`;
  test.info().annotations.push({ type: 'figures', description: figures });
  console.log(figures);
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
