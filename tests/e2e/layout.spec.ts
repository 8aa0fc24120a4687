import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectBatchDone, loadSamples, sessionRows, SAMPLE_BATCH_MS } from './helpers.ts';

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function attach(page: Page, name: string) {
  await test.info().attach(`${name}.png`, { body: await page.screenshot(), contentType: 'image/png' });
}

/** Each row's title: its box, and whether its text overflows the box (cut off rather than wrapped). */
function titleBoxes(page: Page) {
  return page.locator('.sessions .session-title').evaluateAll((titles) =>
    titles.map((title) => ({
      text: title.textContent,
      width: title.getBoundingClientRect().width,
      clipped: title.scrollWidth > title.clientWidth + 1,
    })),
  );
}

test('the library, a session and search fit a phone and a desktop, light and dark, with every title whole', async ({ page }) => {
  test.setTimeout(SAMPLE_BATCH_MS + 120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await loadSamples(page);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 12, SAMPLE_BATCH_MS);
  const first = (await sessionRows(page).first().getAttribute('aria-label'))!;

  // The narrowest phone and a wide monitor: titles whole there too.
  for (const size of [{ width: 360, height: 740 }, { width: 2560, height: 1440 }]) {
    await page.setViewportSize(size);
    const boxes = await titleBoxes(page);
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) {
      expect(box.width, `${size.width} px: width of "${box.text}"`).toBeGreaterThan(40);
      expect(box.clipped, `${size.width} px: "${box.text}" is cut off`).toBe(false);
    }
  }

  for (const viewport of VIEWPORTS) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const at = `${viewport.name}-${colorScheme}`;
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await page.evaluate(() => window.scrollTo(0, 0));

      // Library: every title has room and is shown whole; a done session offers to enrich again.
      await expect(sessionRows(page)).toHaveCount(12);
      for (const box of await titleBoxes(page)) {
        expect(box.width, `${at}: width of "${box.text}"`).toBeGreaterThan(40);
        expect(box.clipped, `${at}: "${box.text}" is cut off`).toBe(false);
      }
      await expect(page.getByRole('button', { name: `Enrich again: ${first}` })).toBeVisible();
      // What enrichment found, counted in the row.
      await expect(sessionRows(page).first().locator('.row-facts')).toContainText(/\d+ screens · \d+ chapters? · \d+:\d\d speech/);
      await expect(page.getByRole('button', { name: `Enrich now: ${first}` })).toHaveCount(0);
      await expect(page.getByRole('list', { name: 'Sessions' })).toBeInViewport();
      expect(await seriousViolations(page), `${at} library`).toEqual([]);
      await attach(page, `${at}-library`);

      // Detail: beside the list on a desktop; a view of its own with a way back on a phone.
      await page.getByRole('button', { name: first, exact: true }).click();
      const detail = page.getByRole('article', { name: `Details of ${first}` });
      await expect(detail).toBeVisible();
      await expect(detail.getByRole('img', { name: `Storyboard of ${first}` })).toBeVisible();
      if (viewport.name === 'desktop') {
        await expect(page.getByRole('list', { name: 'Sessions' })).toBeInViewport();
        const storyboard = await detail.getByRole('img', { name: `Storyboard of ${first}` }).boundingBox();
        expect(storyboard!.width).toBeGreaterThan(600);
      }
      expect(await seriousViolations(page), `${at} detail`).toEqual([]);
      await attach(page, `${at}-detail`);
      if (viewport.name === 'phone') {
        await expect(page.getByRole('button', { name: 'Back to sessions' })).toBeFocused();
        await page.getByRole('button', { name: 'Back to sessions' }).click();
        await expect(detail).toHaveCount(0);
        await expect(page.getByRole('button', { name: first, exact: true })).toBeFocused();
      }

      // Search: each hit says which session, when, and where in it.
      await page.getByLabel('Search sessions').fill('invoice');
      const hits = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
      await expect(hits.first()).toBeVisible();
      await expect(hits.first().locator('.hit-session')).not.toBeEmpty();
      // A hit of a chapter or a spoken line says when in its session it is.
      const moments = page.locator('.hits li:not([data-kind="session"]) .hit-where');
      await expect(moments.first()).toBeVisible();
      await expect(moments).toContainText(Array(await moments.count()).fill(/at \d+:\d\d/));
      expect(await seriousViolations(page), `${at} search`).toEqual([]);
      await attach(page, `${at}-search`);
      await page.getByLabel('Search sessions').fill('');
      await expect(hits).toHaveCount(0);
    }
  }
});

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

test('under reduced motion the detail appears in place, without sliding', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Team standup', exact: true }).click();
  // Read at once: with motion on, the pane starts shifted and glides into place.
  const transform = await page.locator('.detail-pane:has(article)').evaluate((pane) => getComputedStyle(pane).transform);
  expect(transform).toBe('none');
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
