import { expect, test } from '@playwright/test';
import { expectBatchDone, sessionRows } from './helpers.ts';

const hostile = new URL('../fixtures/hostile', import.meta.url).pathname;

test('titles and notes holding HTML or script render as text: no dialog, no injected element', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto('/');
  await page.getByLabel('Import sessions').setInputFiles(hostile);
  await expect(sessionRows(page)).toHaveCount(1);
  const title = '<img src=x onerror=alert(1)> Quarterly <script>alert(2)</script>';
  await expect(page.getByRole('button', { name: title, exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 1);
  await page.getByRole('button', { name: title, exact: true }).click();
  const detail = page.getByRole('article', { name: `Details of ${title}` });
  await expect(detail.getByText('<svg onload=alert(3)></svg>', { exact: false })).toBeVisible();

  // Notes are Markdown, but their HTML stays text.
  await expect(detail.getByRole('region', { name: 'Notes' }).locator('b, svg')).toHaveCount(0);
  // Nothing from the data became markup.
  expect(await page.locator('img[src="x"], img[src="y"], img[src="z"], iframe, svg[onload], a[href^="javascript"]').count()).toBe(0);
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
