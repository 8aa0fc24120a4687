import { expect, test, type Page } from '@playwright/test';
import type { ResultRecord } from '../../src/shared/db.ts';
import type { Job } from '../../src/shared/job.ts';
import { expectBatchDone, sessionRows, readStore } from './helpers.ts';
import { snapshot } from './storeSnapshot.ts';
import { browserProfile, cdpFor } from './pwa-helpers.ts';

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;

// The service worker's precache would count against the tiny quota; it is not the subject here.
test.use({ serviceWorkers: 'block' });

/**
 * Opens the app with room for a few kilobytes more than the empty library: each fixture session
 * (about 90 and 140 kB) and each sample overflows it. Returns how to give the space back.
 */
async function openNearlyFull(page: Page, baseURL: string | undefined): Promise<{ restore: () => Promise<unknown> }> {
  const origin = new URL(baseURL!).origin;
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Session Enricher' })).toBeVisible();
  const { cdp } = await cdpFor(page);
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: (usage ?? 0) + 8_000 });
  return { restore: () => cdp.send('Storage.overrideQuotaForOrigin', { origin }) };
}

test('storage full during import: a clear message, and no session is half written', async ({ page, baseURL }) => {
  const { restore } = await openNearlyFull(page, baseURL);

  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  const refused = page.getByRole('alert');
  await expect(refused).toContainText('design-review was not imported: the device is out of storage space.');
  await expect(refused).toContainText('standup was not imported: the device is out of storage space.');

  // Each session and its files go in one transaction: neither a session without its files nor files without a session.
  expect(await readStore(page, 'sessions')).toEqual([]);
  expect(await readStore(page, 'media')).toEqual([]);
  await expect(sessionRows(page)).toHaveCount(0);

  // With the space back, the same import succeeds in full.
  await restore();
  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(page)).toHaveCount(2);
  expect(await readStore(page, 'sessions')).toHaveLength(2);
});

test('storage full while the samples are made: each sample not stored is named, and the page says why', async ({ page, baseURL }) => {
  await openNearlyFull(page, baseURL);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.getByRole('button', { name: 'Load sample sessions' }).click();
  // Before: the first refusal was thrown out of the click handler, and the page said nothing at all.
  const refused = page.getByRole('alert').getByRole('listitem');
  await expect(refused).toHaveCount(12, { timeout: 60_000 });
  await expect(refused.first()).toHaveText(/^Sample session .+ was not imported: the device is out of storage space\.$/);
  await expect(page.getByRole('button', { name: 'Load sample sessions' })).toBeEnabled();
  expect(errors).toEqual([]);
});

// Chromium's IndexedDB does not ask the quota manager before every write: after each answer it lets
// writes through from the space that answer left, an allowance that lasts up to 30 seconds
// (BucketContext::kBucketSpaceCacheTimeLimit). So the browser is started again on the same profile, and the
// quota is set before the app's first write there: the first answer, and every one after, holds the limit.

// Room for the rerun's job states and progress saves, well short of its new result (the standup's thumbnails
// and storyboard come to about 70 kB). Measured: any room from 5 kB to 60 kB gives the same outcome; at 120 kB the result fits.
const roomForStates = 25_000;

test('storage full while a result is written: the job fails saying so, and the result saved before stays whole', async ({ baseURL }) => {
  test.setTimeout(300_000);
  const origin = new URL(baseURL!).origin;
  const profile = browserProfile(baseURL, 'block');
  let context = await profile.launch();
  try {
    let page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Session Enricher' })).toBeVisible();
    await page.getByLabel('Import sessions').setInputFiles(fixtures);
    await expect(sessionRows(page)).toHaveCount(2);
    await page.getByRole('button', { name: 'Enrich all' }).click();
    await expectBatchDone(page, 2);
    await expect(sessionRows(page).getByTestId('state')).toHaveText(['Done', 'Done']);
    const standup = (await readStore<{ id: string; title: string }>(page, 'sessions')).find((s) => s.title === 'Team standup')!;
    const saved = (await readStore<ResultRecord>(page, 'results')).find((r) => r.sessionId === standup.id)!;
    // The room is measured now, after the first batch, so what the batch wrote no longer matters.
    const { usage } = await page.evaluate(() => navigator.storage.estimate());
    await context.close();

    context = await profile.launch();
    page = await context.newPage();
    const { cdp } = await cdpFor(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: (usage ?? 0) + roomForStates });
    await page.goto('/');
    await expect(sessionRows(page)).toHaveCount(2);
    const before = await snapshot(page, [standup.id], ['results']);

    await page.getByRole('button', { name: 'Enrich again: Team standup' }).click();
    const row = sessionRows(page).filter({ has: page.getByRole('button', { name: 'Team standup', exact: true }) });
    await expect(row.getByTestId('state')).toHaveText('Failed', { timeout: 120_000 });
    await expect(row).toContainText('The results could not be saved: the device is out of storage space.');
    // And the page says it once for the batch, with what to do.
    await expect(page.getByRole('alert').filter({ hasText: 'Storage is full: 1 session could not be saved.' })).toContainText('then press “Retry failed”');
    // Nothing of the new result was written: the one saved before is there byte for byte.
    expect(await snapshot(page, [standup.id], ['results'])).toBe(before);
    const rerun = (await readStore<Job>(page, 'jobs')).find((job) => job.sessionId === standup.id && job.id !== saved.jobId)!;
    expect(rerun.state).toBe('failed');
    expect(rerun.lastError).toEqual({ class: 'permanent', message: expect.stringContaining('out of storage space') });

    // With the space back, "Retry failed" runs it again and its result replaces the old one.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.getByRole('button', { name: 'Retry failed' }).click();
    await expect(row.getByTestId('state')).toHaveText('Done', { timeout: 120_000 });
    await expect(page.getByText('Storage is full')).toHaveCount(0);
    await expect.poll(async () => (await readStore<ResultRecord>(page, 'results')).find((r) => r.sessionId === standup.id)?.jobId).toBe(rerun.id);
  } finally {
    await context.close().catch(() => {});
    profile.remove();
  }
});
