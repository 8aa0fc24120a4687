import { expect, test } from '@playwright/test';
import { expectBatchDone, sessionRows } from './helpers.ts';

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;

test('search hits: arrow keys move through them, Escape goes back to the field, Enter opens the session at the hit', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 2);

  const field = page.getByLabel('Search sessions');
  await field.fill('invoice');
  const buttons = page.getByRole('list', { name: 'Search results' }).getByRole('button');
  await expect(buttons.nth(1)).toBeVisible();
  await field.press('ArrowDown');
  await expect(buttons.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(buttons.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(buttons.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(buttons.first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(field).toBeFocused();
  await field.press('ArrowDown');
  await page.keyboard.press('Escape');
  await expect(field).toBeFocused();

  await field.press('ArrowDown');
  const session = (await buttons.first().locator('.hit-session').textContent())!;
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: `Details of ${session}` })).toBeVisible();
});

test('under reduced motion the detail appears in place, without sliding, and bars do not glide', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Team standup', exact: true }).click();
  // Read at once: with motion on, the pane starts shifted and glides into place.
  const transform = await page.locator('.detail-pane:has(article)').evaluate((pane) => getComputedStyle(pane).transform);
  expect(transform).toBe('none');
  // Nor do progress bars glide: their fills jump to each new value.
  const glide = await page.locator('.progress-fill').first().evaluate((fill) => getComputedStyle(fill).transitionDuration);
  expect(glide).toBe('0s');
});

test('keyboard beside the list: Enter on a title opens it, the next Tab offers "Go to details", which moves the focus there', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Team standup', exact: true }).focus();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('article', { name: 'Details of Team standup' });
  await expect(detail).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Go to details' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(detail).toBeFocused();
});
