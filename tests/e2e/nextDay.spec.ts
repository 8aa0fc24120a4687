import { expect, test } from '@playwright/test';
import { expectBatchDone, readStore, sessionRows } from './helpers.ts';

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;
const SESSIONS = 2;
const DAY = 24 * 60 * 60_000;

/**
 * A library enriched yesterday, opened again two days later: the start removes the finished jobs
 * (retention, 24 h), and keeps their results. The sessions are still enriched, and must say so.
 */
test('opened two days after a batch, enriched sessions show Done, and "Enrich all" does not run them again', async ({ context }) => {
  const first = await context.newPage();
  await first.goto('/');
  await first.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(first)).toHaveCount(SESSIONS);
  await first.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(first, SESSIONS);
  await expect(first.getByTestId('state')).toHaveText(['Done', 'Done']);
  await first.close();

  const later = await context.newPage();
  await later.clock.install({ time: Date.now() + 2 * DAY });
  await later.clock.resume();
  await later.goto('/');
  await expect(sessionRows(later)).toHaveCount(SESSIONS);
  // Retention has run: no job is left, the results are.
  await expect.poll(async () => (await readStore(later, 'jobs')).length, { timeout: 30_000 }).toBe(0);
  expect(await readStore(later, 'results')).toHaveLength(SESSIONS);

  await expect(later.getByTestId('state')).toHaveText(['Done', 'Done'], { timeout: 30_000 });
  await expect(later.getByText('Not enriched')).toHaveCount(0);
  const firstRow = sessionRows(later).first();
  await expect(firstRow.getByRole('button', { name: /^Enrich again/ })).toBeVisible();
  await firstRow.locator('.session-title').click();
  await expect(later.locator('.detail > p.meta')).toContainText('Done');

  await later.getByRole('button', { name: 'Enrich all' }).click();
  // Give a wrong enqueue the time to show in the store, then check nothing was queued.
  await later.waitForTimeout(1_000);
  expect(await readStore(later, 'jobs')).toEqual([]);
});
