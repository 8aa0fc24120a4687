import { expect, test, type Page } from '@playwright/test';
import { expectBatchDone, expectEachSessionDoneOnce, readStore, sessionRows, type StoredRun } from './helpers.ts';

const runningJobs = async (page: Page) => (await readStore<StoredRun>(page, 'jobs')).filter((job) => job.state === 'running');

test('the README flow with no waits: "Load sample sessions" then "Enrich all" at once ends 12/12 Done', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample sessions' }).click();
  // Clicked as soon as it can be: the samples are still being made.
  await page.getByRole('button', { name: 'Enrich all' }).click();
  expect(await readStore(page, 'sessions')).not.toHaveLength(12);
  await expectBatchDone(page, 12);
  await expect(sessionRows(page).getByTestId('state')).toHaveText(Array(12).fill('Done'));
  await expectEachSessionDoneOnce(page, 12);
});

test('five tab closes in a row while jobs run: 12/12 Done, none failed for the closes, each committed once', async ({ context }) => {
  let page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample sessions' }).click();
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expect(page.getByText('Making samples…')).toHaveCount(0, { timeout: 60_000 });
  const interrupted = new Map<string, string>();
  for (let close = 0; close < 5; close++) {
    // Close the tab the moment a job runs: the same first jobs are interrupted again and again.
    await expect.poll(async () => (await runningJobs(page)).length, { intervals: [10], timeout: 60_000 }).toBeGreaterThan(0);
    for (const job of await runningJobs(page)) interrupted.set(job.id, job.lease!.runId);
    await page.close({ runBeforeUnload: false });
    page = await context.newPage();
    await page.goto('/');
  }
  await expectBatchDone(page, 12);
  const { jobs, results } = await expectEachSessionDoneOnce(page, 12);
  // Each interrupted job's result was written by a later run than the one the close stopped.
  expect(interrupted.size).toBeGreaterThan(0);
  for (const [jobId, runId] of interrupted) {
    expect(results.find((result) => result.jobId === jobId)?.runId).not.toBe(runId);
  }
  // A closed tab is no fault of the jobs': their lost runs were not counted.
  expect(jobs.filter((job) => job.attempts > 1)).toEqual([]);
});
