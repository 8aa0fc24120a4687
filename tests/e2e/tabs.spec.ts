import { expect, test } from '@playwright/test';
import { expectBatchDone, readStore, sessionRows } from './helpers.ts';

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;
/** The fixture folder's two sessions, imported twice: more jobs than the two pool workers run at once. */
const SESSIONS = 4;

const FOLLOWER_NOTE = 'another tab runs the queue';

test('three tabs: one scheduler; closing the leader hands over and the batch completes once', async ({ context }) => {
  const first = await context.newPage();
  await first.goto('/');
  await first.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(first)).toHaveCount(SESSIONS / 2);
  await first.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(first)).toHaveCount(SESSIONS);
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
  const roleAfterMs = Date.now() - closedAt;
  // The hand-over that matters: from the close until the new leader starts a job.
  const firstStartAfterClose = async () => {
    const starts = (await readStore<{ startedAt?: number }>(others[0]!, 'jobs')).map((job) => job.startedAt ?? 0).filter((at) => at > closedAt);
    return starts.length > 0 ? Math.min(...starts) : 0;
  };
  await expect.poll(firstStartAfterClose, { timeout: 60_000, intervals: [20] }).toBeGreaterThan(0);
  const nextStart = await firstStartAfterClose();
  console.log(`tabs test: a tab took the lead ${roleAfterMs} ms after the leader tab closed; the next job started ${nextStart - closedAt} ms after the close`);

  await expectBatchDone(others[0]!, SESSIONS);
  await expectBatchDone(others[1]!, SESSIONS);
  const jobs = await readStore<{ sessionId: string; state: string }>(others[0]!, 'jobs');
  expect(jobs).toHaveLength(SESSIONS);
  expect(jobs.every((job) => job.state === 'succeeded')).toBe(true);
  expect(await readStore(others[0]!, 'results')).toHaveLength(SESSIONS);
});
