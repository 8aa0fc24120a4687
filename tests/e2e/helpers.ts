import { expect, type Page } from '@playwright/test';

/**
 * Reads a whole object store of the app's database, from inside the page. 'jobs' gives the jobs as the
 * app's store means them: job records and the jobs of settled records (schema v8), a running job's
 * copy in the running record (schema v5) in place of its record. Packed jobs (big enqueues) are not read.
 */
export function readStore<T>(page: Page, store: 'jobs' | 'results' | 'sessions' | 'media' | 'meta'): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('session-enricher');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const jobStores = name === 'jobs' ? ['runningJobs', 'settledJobs'].filter((extra) => db.objectStoreNames.contains(extra)) : [];
          const tx = db.transaction([name, ...jobStores], 'readonly');
          const request = tx.objectStore(name).getAll();
          const running = jobStores.includes('runningJobs') ? tx.objectStore('runningJobs').get('current') : null;
          const settled = jobStores.includes('settledJobs') ? tx.objectStore('settledJobs').getAll() : null;
          tx.oncomplete = () => {
            db.close();
            const settledJobs = ((settled?.result ?? []) as Array<{ jobs: Array<{ id: string }> }>).flatMap((record) => record.jobs);
            const records = [...(request.result as Array<{ id: string }>), ...settledJobs];
            const current = new Map(((running?.result as { jobs: Array<{ id: string }> } | undefined)?.jobs ?? []).map((job) => [job.id, job]));
            const jobs = records.map((record) => {
              const job = current.get(record.id) ?? record;
              current.delete(record.id);
              return job;
            });
            resolve([...jobs, ...current.values()] as T[]);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    store,
  );
}

export const sessionRows = (page: Page) => page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');

/** Loads the built-in samples and waits until all of them are listed. */
export async function loadSamples(page: Page, count = 12): Promise<void> {
  await page.getByRole('button', { name: 'Load sample sessions' }).click();
  await expect(sessionRows(page)).toHaveCount(count, { timeout: 60_000 });
  await expect(page.getByText('Making samples…')).toHaveCount(0, { timeout: 60_000 });
}

/**
 * How long the twelve sample sessions may take on a busy 2-core machine: OCR of their screens is
 * most of it (their synthetic voices are found by loudness, not the voice model). A limit against
 * hangs, not a test of speed.
 */
export const SAMPLE_BATCH_MS = 420_000;

export async function expectBatchDone(page: Page, total: number, timeout = 180_000): Promise<void> {
  const bar = page.getByRole('progressbar', { name: 'Batch progress' });
  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout });
  await expect(page.locator('.batch-count')).toHaveText(`${total}/${total}`);
}

export interface StoredRun {
  id: string;
  sessionId: string;
  state: string;
  attempts: number;
  maxAttempts: number;
  crashes?: number;
  lease?: { owner: string; runId: string };
}

export interface StoredResult {
  sessionId: string;
  jobId: string;
  attempt: number;
  runId?: string;
}

/**
 * Every session has exactly one job, done, and exactly one result, written by that job's last run:
 * nothing lost, nothing done twice. Returns the jobs and results for further checks.
 */
export async function expectEachSessionDoneOnce(page: Page, total: number): Promise<{ jobs: StoredRun[]; results: StoredResult[] }> {
  const jobs = await readStore<StoredRun>(page, 'jobs');
  const results = await readStore<StoredResult>(page, 'results');
  expect(jobs).toHaveLength(total);
  expect(new Set(jobs.map((job) => job.sessionId)).size).toBe(total);
  expect(jobs.filter((job) => job.state !== 'succeeded')).toEqual([]);
  expect(jobs.every((job) => job.attempts >= 1 && job.attempts <= job.maxAttempts)).toBe(true);
  expect(results).toHaveLength(total);
  for (const result of results) {
    const job = jobs.find((j) => j.id === result.jobId);
    expect(job?.sessionId).toBe(result.sessionId);
    expect(result.attempt).toBe(job?.attempts);
    expect(result.runId).toMatch(/^[0-9a-f-]{36}$/);
  }
  return { jobs, results };
}
