import { expect, test, type Page } from '@playwright/test';
import { expectBatchDone, expectEachSessionDoneOnce, readStore, type StoredRun, SAMPLE_BATCH_MS } from './helpers.ts';

// The service worker is part of what this file checks (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

const runningJobs = async (page: Page) => (await readStore<StoredRun>(page, 'jobs')).filter((job) => job.state === 'running');

test('five interruptions in a row while jobs run (four tab closes, one reload): 12/12 Done, none failed, finished ones not run again, each committed once', async ({ context }) => {
  test.setTimeout(SAMPLE_BATCH_MS + 120_000);
  let page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample sessions' }).click();
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expect(page.getByText('Making samples…')).toHaveCount(0, { timeout: 60_000 });
  const interrupted = new Map<string, string>();
  let finishedBeforeReload: Array<StoredRun & { finishedAt?: number }> = [];
  for (let close = 0; close < 5; close++) {
    // Close the tab the moment a job runs: the same first jobs are interrupted again and again.
    await expect.poll(async () => (await runningJobs(page)).length, { intervals: [10], timeout: 60_000 }).toBeGreaterThan(0);
    for (const job of await runningJobs(page)) interrupted.set(job.id, job.lease!.runId);
    if (close === 2) {
      // A reload instead of a close: the jobs finished before it must keep their finish, not run again.
      finishedBeforeReload = (await readStore<StoredRun & { finishedAt?: number }>(page, 'jobs')).filter((job) => job.state === 'succeeded');
      await page.reload();
      continue;
    }
    await page.close({ runBeforeUnload: false });
    page = await context.newPage();
    await page.goto('/');
  }
  await expectBatchDone(page, 12, SAMPLE_BATCH_MS);
  const { jobs, results } = await expectEachSessionDoneOnce(page, 12);
  // Each interrupted job's result was written by a later run than the one the close stopped.
  expect(interrupted.size).toBeGreaterThan(0);
  for (const [jobId, runId] of interrupted) {
    expect(results.find((result) => result.jobId === jobId)?.runId).not.toBe(runId);
  }
  // A closed tab is no fault of the jobs': their lost runs were not counted.
  expect(jobs.filter((job) => job.attempts > 1)).toEqual([]);
  const after = await readStore<StoredRun & { finishedAt?: number }>(page, 'jobs');
  for (const job of finishedBeforeReload) expect(after.find((j) => j.id === job.id)).toEqual(job);
});
