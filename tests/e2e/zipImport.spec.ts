import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { zipSync, type Zippable } from 'fflate';
import { FIXTURE_PATHS } from '../browser/fixtures/fixtureSessions.ts';
import { zerosBomb } from '../browser/fixtures/zips.ts';
import { expectBatchDone, sessionRows } from './helpers.ts';

const fixtures = new URL('../fixtures/sessions/', import.meta.url).pathname;
async function sessionsZip(): Promise<Buffer> {
  const files: Zippable = {};
  for (const path of FIXTURE_PATHS) files[path] = new Uint8Array(await readFile(fixtures + path));
  return Buffer.from(zipSync(files));
}

test('"Import zip files": a zip of two sessions imports both, and they enrich', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Import zip files').setInputFiles({ name: 'sessions.zip', mimeType: 'application/zip', buffer: await sessionsZip() });
  await expect(sessionRows(page)).toHaveCount(2);
  await expect(sessionRows(page).filter({ hasText: 'Team standup' })).toHaveCount(1);
  await expect(sessionRows(page).filter({ hasText: 'design-review' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 2);
});

test('"Import zip files": a zip of zips (each session zipped, then both zipped together) imports both', async ({ page }) => {
  const inner: Zippable = {};
  for (const folder of ['standup', 'design-review']) {
    const files: Zippable = {};
    for (const path of FIXTURE_PATHS.filter((p) => p.startsWith(`${folder}/`))) files[path] = new Uint8Array(await readFile(fixtures + path));
    inner[`${folder}.zip`] = zipSync(files);
  }
  await page.goto('/');
  await page.getByLabel('Import zip files').setInputFiles({ name: 'all.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(inner)) });
  await expect(sessionRows(page)).toHaveCount(2);
  await expect(sessionRows(page).filter({ hasText: 'Team standup' })).toHaveCount(1);
  await expect(sessionRows(page).filter({ hasText: 'design-review' })).toHaveCount(1);
});

test('"Import zip files": a zip bomb is refused with the reason and adds no session', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Import zip files').setInputFiles({ name: 'archive.zip', mimeType: 'application/zip', buffer: Buffer.from(zerosBomb('standup/audio.wav', 300)) });
  await expect(page.getByRole('alert')).toContainText('archive.zip was not imported: it would unpack to more than 100 times its size, as a zip bomb does.');
  await expect(sessionRows(page)).toHaveCount(0);
});
