import { expect, test, type Page } from '@playwright/test';
import { expectBatchDone, readStore, sessionRows } from './helpers.ts';

const bad = new URL('../fixtures/bad/batch', import.meta.url).pathname;
const SESSIONS = 10;
/** The batch's sessions whose enrichment ends partly done (tests/e2e/badInput.spec.ts says why each). */
const PARTLY = ['bogus-wav-header', 'corrupt-png', 'text-named-png', 'zero-byte-audio'];

interface StoredJob {
  kind?: string;
  state: string;
}

const rowOf = (page: Page, title: string) => sessionRows(page).filter({ has: page.getByRole('button', { name: title, exact: true }) });

/**
 * Turning "Redact everywhere" on runs a privacy pass over every stored result, also over sessions
 * enriched only partly. The pass succeeds, but the sessions are no more enriched than before.
 */
test('a privacy pass over partly done sessions leaves them Partly done, with their reasons and Retry failed', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Import sessions').setInputFiles(bad);
  await expect(sessionRows(page)).toHaveCount(SESSIONS);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, SESSIONS);
  for (const title of PARTLY) await expect(rowOf(page, title).getByTestId('state')).toHaveText('Partly done');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: /Redact everywhere/ }).check();
  await page.keyboard.press('Escape');
  // The pass ran over every session's result and succeeded.
  await expect
    .poll(async () => (await readStore<StoredJob>(page, 'jobs')).filter((job) => job.kind === 'reapply-privacy' && job.state === 'succeeded').length, { timeout: 120_000 })
    .toBe(SESSIONS);

  for (const title of PARTLY) await expect(rowOf(page, title).getByTestId('state')).toHaveText('Partly done');
  await expect(page.locator('.batch-states')).toContainText(`${PARTLY.length} partly done`);
  await expect(rowOf(page, 'corrupt-png').locator('.stage-note')).toHaveText(
    'screen.png is damaged: its picture data could not be decoded.',
  );
  await expect(page.getByRole('button', { name: 'Retry failed' })).toBeEnabled();
});
