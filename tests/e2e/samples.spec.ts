import { expect, test } from '@playwright/test';
import { expectBatchDone, loadSamples, readStore, sessionRows } from './helpers.ts';

test('load samples, enrich all: every session ends Done with its results stored', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('Your library is empty')).toBeVisible();
  await loadSamples(page);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 12);
  await expect(sessionRows(page).getByTestId('state')).toHaveText(Array(12).fill('Done'));

  const results = await readStore<{ sessionId: string; outcomes: Record<string, { status: string }> }>(page, 'results');
  expect(results).toHaveLength(12);
  for (const result of results) {
    expect(result.outcomes.audio?.status).toBe('done');
    expect(result.outcomes.chapters?.status).toBe('done');
  }
});
