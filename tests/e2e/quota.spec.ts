import { expect, test } from '@playwright/test';
import { sessionRows, readStore } from './helpers.ts';
import { cdpFor } from './pwa-helpers.ts';

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;

// The service worker's precache would count against the tiny quota; it is not the subject here.
test.use({ serviceWorkers: 'block' });

test('storage full during import: a clear message, and no session is half written', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Session Enricher' })).toBeVisible();
  const { cdp } = await cdpFor(page);
  // Room for a few kilobytes more than the empty library: each fixture session (about 90 and 140 kB) overflows.
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: (usage ?? 0) + 8_000 });

  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  const refused = page.getByRole('alert');
  await expect(refused).toContainText('design-review was not imported: the device is out of storage space.');
  await expect(refused).toContainText('standup was not imported: the device is out of storage space.');

  // Each session and its files go in one transaction: neither a session without its files nor files without a session.
  expect(await readStore(page, 'sessions')).toEqual([]);
  expect(await readStore(page, 'media')).toEqual([]);
  await expect(sessionRows(page)).toHaveCount(0);

  // With the space back, the same import succeeds in full.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(page)).toHaveCount(2);
  expect(await readStore(page, 'sessions')).toHaveLength(2);
});
