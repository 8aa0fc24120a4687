import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../chromium.ts';
import { readStore, sessionRows } from './helpers.ts';

interface StoredJob {
  id: string;
  sessionId: string;
  state: string;
  attempts: number;
  maxAttempts: number;
}

const KILLS = 10;
/** Sample batches of 12: five make 60 sessions. */
const SAMPLE_LOADS = 5;

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

const succeeded = async (page: Page) => (await readStore<StoredJob>(page, 'jobs')).filter((j) => j.state === 'succeeded').length;

test('kill the page and the browser mid-batch, ten times: every session is enriched exactly once', async ({ baseURL }) => {
  test.setTimeout(600_000);
  const random = mulberry32(20261123);
  const profile = mkdtempSync(join(tmpdir(), 'enricher-kill-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: chromiumArgs, baseURL, serviceWorkers: 'block' });
  let context: BrowserContext = await launch();
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

    let browserKilled = false;
    for (let kill = 0; kill < KILLS; kill++) {
      // Let the batch make progress between kills, then strike at a random moment.
      const before = await succeeded(page);
      if (before === total) break;
      await expect.poll(() => succeeded(page), { intervals: [25], timeout: 120_000 }).toBeGreaterThanOrEqual(Math.min(total, before + 2));
      await page.waitForTimeout(Math.floor(random() * 800));
      if (kill === KILLS / 2 && !browserKilled) {
        // The whole browser dies: no unload, no chance to write anything.
        const pids = execFileSync('pgrep', ['-f', profile]).toString().trim().split('\n').map(Number);
        for (const pid of pids) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        browserKilled = true;
        await context.close().catch(() => {});
        context = await launch();
      } else {
        await page.close({ runBeforeUnload: false });
      }
      page = await context.newPage();
      await page.goto('/');
    }
    expect(browserKilled).toBe(true);

    await expect.poll(() => succeeded(page), { intervals: [100], timeout: 300_000 }).toBe(total);
    const jobs = await readStore<StoredJob>(page, 'jobs');
    const results = await readStore<{ sessionId: string; jobId: string }>(page, 'results');
    expect(jobs).toHaveLength(total);
    expect(new Set(jobs.map((job) => job.sessionId)).size).toBe(total);
    expect(jobs.every((job) => job.attempts >= 1 && job.attempts <= job.maxAttempts)).toBe(true);
    expect(results).toHaveLength(total);
    expect(results.every((result) => jobs.some((job) => job.id === result.jobId && job.sessionId === result.sessionId))).toBe(true);
    const recovered = jobs.filter((job) => job.attempts > 1).length;
    const figures = `${total} sessions, ${KILLS} kills (one of the whole browser), ${recovered} jobs re-run after a kill, 0 lost, 0 duplicated`;
    test.info().annotations.push({ type: 'figures', description: figures });
    console.log(`kill test: ${figures}`);
  } finally {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
});
