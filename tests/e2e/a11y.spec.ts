import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectBatchDone, sessionRows } from './helpers.ts';

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;

async function seriousViolations(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  await test.info().attach(`${screen}.png`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  return serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('every screen passes axe with no serious or critical violations, in light and dark', async ({ page }) => {
  await page.goto('/');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page, `${colorScheme}-empty`)).toEqual([]);
  }

  // One enrichment serves both colour schemes: only the look changes between them.
  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 2);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.getByLabel('Search sessions').fill('');
    expect(await seriousViolations(page, `${colorScheme}-library`)).toEqual([]);

    await page.getByRole('button', { name: 'Team standup', exact: true }).click();
    await expect(page.getByRole('article', { name: 'Details of Team standup' })).toBeVisible();
    expect(await seriousViolations(page, `${colorScheme}-detail`)).toEqual([]);

    await page.getByLabel('Search sessions').fill('invoice');
    await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()).toBeVisible();
    expect(await seriousViolations(page, `${colorScheme}-search`)).toEqual([]);

    // Keyboard: the search hit opens its session.
    await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('article', { name: /Details of/ })).toBeVisible();
  }
});
