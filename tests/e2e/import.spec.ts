import { expect, test } from '@playwright/test';
import { expectBatchDone, sessionRows } from './helpers.ts';

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;

test('import a fixture folder through the file input, enrich, and see the results', async ({ page }) => {
  await page.goto('/');
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
});
