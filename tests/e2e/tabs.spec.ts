import { expect, test } from '@playwright/test';
import { expectBatchDone, loadSamples, readStore } from './helpers.ts';

const FOLLOWER_NOTE = 'another tab runs the queue';

test('three tabs: one scheduler; closing the leader hands over and the batch completes once', async ({ context }) => {
  const first = await context.newPage();
  await first.goto('/');
  await loadSamples(first);
  const others = [await context.newPage(), await context.newPage()];
  for (const page of others) {
    await page.goto('/');
    await expect(page.getByText(FOLLOWER_NOTE)).toBeVisible();
  }
  await expect(first.getByText(FOLLOWER_NOTE)).toHaveCount(0);

  // A follower starts the batch; the leader runs it.
  await others[0]!.getByRole('button', { name: 'Enrich all' }).click();
  await expect.poll(async () => (await readStore<{ state: string }>(first, 'jobs')).filter((j) => j.state === 'succeeded').length, {
    intervals: [20],
    timeout: 120_000,
  }).toBeGreaterThanOrEqual(1);
  const closedAt = Date.now();
  await first.close({ runBeforeUnload: false });

  // Exactly one of the two remaining tabs takes over.
  await expect.poll(async () => {
    const notes = await Promise.all(others.map((page) => page.getByText(FOLLOWER_NOTE).count()));
    return notes.reduce((a, b) => a + b, 0);
  }, { timeout: 2_000, intervals: [50] }).toBe(1);
  console.log(`tabs test: leadership handed over ${Date.now() - closedAt} ms after the leader tab closed`);

  await expectBatchDone(others[0]!, 12);
  await expectBatchDone(others[1]!, 12);
  const jobs = await readStore<{ sessionId: string; state: string }>(others[0]!, 'jobs');
  expect(jobs).toHaveLength(12);
  expect(jobs.every((job) => job.state === 'succeeded')).toBe(true);
  expect(await readStore(others[0]!, 'results')).toHaveLength(12);
});
