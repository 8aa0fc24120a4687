import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expectBatchDone, sessionRows } from './helpers.ts';
import { seriousViolations } from './axe.ts';

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;

/** axe's serious findings on the screen, with a picture of it attached to the report; dark: the colour rules. */
async function checkedScreen(page: Page, screen: string, colorScheme: 'light' | 'dark') {
  await test.info().attach(`${screen}.png`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  return seriousViolations(page, undefined, { coloursOnly: colorScheme === 'dark' });
}

// One enrichment of the fixture folder serves three checks: what the detail shows, axe on every
// screen in light and dark (only the look changes between them), and "Export all".
test('import a fixture folder, enrich, see the results; every screen passes axe in light and dark; "Export all" gives a zip with a folder per session', async ({ page }) => {
  await page.goto('/');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await checkedScreen(page, `${colorScheme}-empty`, colorScheme)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(page)).toHaveCount(2);
  await expect(sessionRows(page).filter({ hasText: 'Team standup' })).toHaveCount(1);
  await expect(sessionRows(page).filter({ hasText: 'design-review' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 2);

  await page.getByRole('button', { name: 'Team standup', exact: true }).click();
  const detail = page.getByRole('article', { name: 'Details of Team standup' });
  await expect(detail.getByTestId('chapters-summary')).toHaveText('2 chapters over 3 screenshots');
  await expect(detail.getByTestId('speech-summary')).toContainText('in 2 segments');
  await expect(detail.getByRole('list', { name: 'Action items' }).getByText('Send the invoice export fix')).toBeVisible();

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.getByLabel('Search sessions').fill('');
    expect(await checkedScreen(page, `${colorScheme}-library`, colorScheme)).toEqual([]);

    await page.getByRole('button', { name: 'Team standup', exact: true }).click();
    await expect(page.getByRole('article', { name: 'Details of Team standup' })).toBeVisible();
    expect(await checkedScreen(page, `${colorScheme}-detail`, colorScheme)).toEqual([]);

    await page.getByLabel('Search sessions').fill('invoice');
    await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()).toBeVisible();
    expect(await checkedScreen(page, `${colorScheme}-search`, colorScheme)).toEqual([]);

    // Keyboard: the search hit opens its session.
    await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('article', { name: /Details of/ })).toBeVisible();
  }

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^session-enrichment-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(await readFile(await download.path())));
  expect(Object.keys(files).sort()).toEqual([
    'Team standup/enrichment.json',
    'Team standup/report.md',
    'Team standup/storyboard.png',
    'design-review/enrichment.json',
    'design-review/report.md',
    'design-review/storyboard.png',
  ]);
  for (const folder of ['Team standup', 'design-review']) {
    const enrichment = JSON.parse(strFromU8(files[`${folder}/enrichment.json`]!)) as { schemaVersion: number; status: string; session: { title: string } };
    expect(enrichment.schemaVersion).toBe(2);
    expect(enrichment.session.title).toBe(folder);
    expect(enrichment.status).toBe('complete');
    expect(strFromU8(files[`${folder}/report.md`]!)).toContain(`# ${folder}`);
    // A PNG signature.
    expect([...files[`${folder}/storyboard.png`]!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  }
});
