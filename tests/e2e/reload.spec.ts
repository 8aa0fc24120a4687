import { expect, test } from '@playwright/test';
import { expectBatchDone, loadSamples, readStore } from './helpers.ts';

interface StoredJob {
  id: string;
  sessionId: string;
  state: string;
  attempts: number;
  finishedAt?: number;
}

test('reload mid-batch: the batch completes and no finished session is enriched again', async ({ page }) => {
  await page.goto('/');
  await loadSamples(page);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expect.poll(async () => (await readStore<StoredJob>(page, 'jobs')).filter((j) => j.state === 'succeeded').length, {
    intervals: [20],
    timeout: 120_000,
  }).toBeGreaterThanOrEqual(2);
  const before = await readStore<StoredJob>(page, 'jobs');
  const doneBefore = before.filter((job) => job.state === 'succeeded');
  expect(doneBefore.length).toBeLessThan(12);

  await page.reload();
  await expectBatchDone(page, 12);

  const after = await readStore<StoredJob>(page, 'jobs');
  expect(after).toHaveLength(12);
  expect(new Set(after.map((job) => job.sessionId)).size).toBe(12);
  for (const job of doneBefore) {
    const same = after.find((j) => j.id === job.id)!;
    expect(same.finishedAt).toBe(job.finishedAt);
    expect(same.attempts).toBe(job.attempts);
  }
  expect(after.every((job) => job.state === 'succeeded')).toBe(true);
  const results = await readStore<{ sessionId: string; jobId: string }>(page, 'results');
  expect(results).toHaveLength(12);
  expect(results.every((r) => after.some((job) => job.id === r.jobId))).toBe(true);
});
