import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { expectBatchDone, expectEachSessionDoneOnce, readStore, sessionRows, type StoredRun, SAMPLE_BATCH_MS } from './helpers.ts';

interface Seen {
  url: string;
  /** Playwright gives dedicated and nested workers' requests the page's frame: they count as the page's. */
  from: 'page and its workers' | 'service worker';
}

/** http(s) to the app's origin; blob: URLs made by the app; data: URLs, which go nowhere. */
function sameOrigin(url: string, origin: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:') return true;
  if (parsed.protocol === 'blob:') return new URL(parsed.pathname).origin === origin;
  return parsed.origin === origin;
}

const runningJobs = async (page: Page) => (await readStore<StoredRun>(page, 'jobs')).filter((job) => job.state === 'running');

test('the README flow with no waits: "Load sample sessions" then "Enrich all" at once ends 12/12 Done, every request on the app origin', async ({
  page,
  context,
  baseURL,
}) => {
  // The request audit rides on this run, from first load through the whole batch: the context sees
  // requests of the page, of its workers, of their nested workers and of the service worker.
  test.setTimeout(SAMPLE_BATCH_MS + 120_000);
  const origin = new URL(baseURL!).origin;
  const seen: Seen[] = [];
  context.on('request', (request) => {
    seen.push({ url: request.url(), from: request.serviceWorker() ? 'service worker' : 'page and its workers' });
  });
  const violations: string[] = [];
  const listen = (message: ConsoleMessage) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) violations.push(message.text());
  };
  page.on('console', listen);
  page.on('worker', (worker) => worker.on('console', listen));

  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample sessions' }).click();
  // Clicked as soon as it can be: the samples are still being made.
  await page.getByRole('button', { name: 'Enrich all' }).click();
  expect(await readStore(page, 'sessions')).not.toHaveLength(12);
  await expectBatchDone(page, 12, SAMPLE_BATCH_MS);
  await expect(sessionRows(page).getByTestId('state')).toHaveText(Array(12).fill('Done'));
  const { results } = await expectEachSessionDoneOnce(page, 12);
  const stored = await readStore<{ sessionId: string; outcomes: Record<string, { status: string }> }>(page, 'results');
  expect(stored.map((result) => result.sessionId).sort()).toEqual(results.map((result) => result.sessionId).sort());
  for (const result of stored) {
    expect(result.outcomes.audio?.status).toBe('done');
    expect(result.outcomes.chapters?.status).toBe('done');
  }

  expect(seen.filter(({ url }) => !sameOrigin(url, origin))).toEqual([]);
  expect(violations).toEqual([]);
  // The audit saw what it claims to see: the service worker's precaching, and the requests of
  // tesseract's nested worker (its core and model, which only that worker fetches).
  await expect.poll(() => seen.some(({ from }) => from === 'service worker'), { timeout: 30_000 }).toBe(true);
  const fromPage = seen.filter(({ from }) => from !== 'service worker').map(({ url }) => new URL(url).pathname);
  expect(fromPage).toContain('/ocr/lang/eng.traineddata.gz');
  expect(fromPage.some((path) => /^\/ocr\/tesseract-core-.*\.wasm\.js$/.test(path))).toBe(true);
  expect(fromPage.some((path) => /^\/assets\/enrich\.worker-.+\.js$/.test(path))).toBe(true);
  const counts = (['page and its workers', 'service worker'] as const).map((from) => `${seen.filter((s) => s.from === from).length} from the ${from}`);
  const figures = `${seen.length} requests, all to ${origin}: ${counts.join(', ')}`;
  test.info().annotations.push({ type: 'figures', description: figures });
  console.log(figures);
});

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
