import { execFileSync } from 'node:child_process';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectEachSessionDoneOnce, readStore, sessionRows, type StoredRun } from './helpers.ts';
import { browserProfile } from './pwa-helpers.ts';

const KILLS = 10;
/** Sample batches of 12: two make 24 sessions, room for ten kills two finished jobs apart. */
const SAMPLE_LOADS = 2;

/** A seeded generator, so the kill moments are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const succeeded = async (page: Page) => (await readStore<StoredRun>(page, 'jobs')).filter((j) => j.state === 'succeeded').length;
const running = async (page: Page) => (await readStore<StoredRun>(page, 'jobs')).filter((j) => j.state === 'running');

/** How each kill strikes: most are crashes (no pagehide, no unload), the rest closes. */
type Kill = 'renderer-crash' | 'browser-sigkill' | 'close';
const killAt = (index: number): Kill => (index === KILLS / 2 ? 'browser-sigkill' : index % 2 === 0 ? 'renderer-crash' : 'close');

test('kill the page and the browser mid-batch, ten times: every session is enriched exactly once', async ({ baseURL }) => {
  test.setTimeout(600_000);
  const random = mulberry32(20261123);
  const profile = browserProfile(baseURL, 'block');
  let context: BrowserContext = await profile.launch();
  let page = await context.newPage();
  try {
    await page.goto('/');
    for (let i = 0; i < SAMPLE_LOADS; i++) {
      await page.getByRole('button', { name: 'Load sample sessions' }).click();
      await expect(page.getByText('Making samples…')).toHaveCount(0, { timeout: 60_000 });
    }
    await expect(sessionRows(page).first()).toBeVisible();
    const total = (await readStore(page, 'sessions')).length;
    expect(total).toBe(12 * SAMPLE_LOADS);
    await page.getByRole('button', { name: 'Enrich all' }).click();

    const kinds: Kill[] = [];
    /** Jobs that were running at a kill, with the run the kill stopped. */
    const interrupted = new Map<string, string>();
    for (let kill = 0; kill < KILLS; kill++) {
      // Let the batch make progress between kills, then strike at a random moment while a job runs.
      const before = await succeeded(page);
      if (before === total) break;
      await expect.poll(() => succeeded(page), { intervals: [25], timeout: 120_000 }).toBeGreaterThanOrEqual(Math.min(total, before + 2));
      await page.waitForTimeout(Math.floor(random() * 800));
      await expect.poll(async () => (await running(page)).length, { intervals: [10], timeout: 60_000 }).toBeGreaterThan(0);
      for (const job of await running(page)) interrupted.set(job.id, job.lease!.runId);
      const kind = killAt(kill);
      kinds.push(kind);
      if (kind === 'browser-sigkill') {
        // The whole browser dies: no unload, no chance to write anything.
        const pids = execFileSync('pgrep', ['-f', profile.folder]).toString().trim().split('\n').map(Number);
        for (const pid of pids) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        await context.close().catch(() => {});
        context = await profile.launch();
      } else if (kind === 'renderer-crash') {
        // The page's renderer process crashes, taking its workers with it; no pagehide fires.
        const cdp = await context.newCDPSession(page);
        void cdp.send('Page.crash').catch(() => {});
        await page.waitForEvent('crash', { timeout: 10_000 });
        await page.close().catch(() => {});
      } else {
        await page.close({ runBeforeUnload: false });
      }
      page = await context.newPage();
      await page.goto('/');
      // A run whose result was committed between the read above and the kill was not stopped by it.
      const committed = new Set((await readStore<{ jobId: string; runId: string }>(page, 'results')).map((result) => `${result.jobId} ${result.runId}`));
      for (const [jobId, runId] of interrupted) if (committed.has(`${jobId} ${runId}`)) interrupted.delete(jobId);
    }
    expect(kinds.filter((kind) => kind !== 'close').length).toBeGreaterThanOrEqual(KILLS / 2);
    expect(kinds).toContain('browser-sigkill');

    await expect.poll(() => succeeded(page), { intervals: [100], timeout: 300_000 }).toBe(total);
    const { jobs, results } = await expectEachSessionDoneOnce(page, total);
    // Every job a kill stopped mid-run was finished by a later run, whose result is the one committed.
    expect(interrupted.size).toBeGreaterThanOrEqual(KILLS);
    for (const [jobId, runId] of interrupted) {
      expect(results.find((result) => result.jobId === jobId)?.runId).not.toBe(runId);
    }
    // Interruptions are no fault of the jobs: none failed, and the lost runs did not count as attempts.
    expect(jobs.filter((job) => job.attempts > 1)).toEqual([]);
    const crashed = jobs.filter((job) => (job.crashes ?? 0) > 0).length;
    const figures = `${total} sessions, ${KILLS} kills (${kinds.filter((k) => k === 'renderer-crash').length} renderer crashes, 1 browser SIGKILL, ${kinds.filter((k) => k === 'close').length} closes), ${interrupted.size} runs stopped mid-job, ${crashed} jobs counted a crash, 0 lost, 0 failed, 1 committed run per job`;
    test.info().annotations.push({ type: 'figures', description: figures });
    console.log(`kill test: ${figures}`);
  } finally {
    await context.close().catch(() => {});
    profile.remove();
  }
});
