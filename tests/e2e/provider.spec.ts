import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page, type Worker } from '@playwright/test';
import { startOpenAiStub, type OpenAiStub } from '../stubs/openaiStub.ts';
import { expectBatchDone, readStore, sessionRows } from './helpers.ts';
import { waitForServiceWorker } from './pwa-helpers.ts';
import { seriousViolations } from './axe.ts';

// The service worker is part of what this file checks (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

let configured: OpenAiStub;
let other: OpenAiStub;
let folders: string;
const KEY = 'sk-e2e-secret-0000ab12';

test.beforeAll(async () => {
  // Two stubs on two ports: two origins, one configured, one not.
  configured = await startOpenAiStub();
  other = await startOpenAiStub();
  folders = mkdtempSync(join(tmpdir(), 'enricher-provider-'));
});
test.afterAll(async () => {
  await configured.close();
  await other.close();
  rmSync(folders, { recursive: true, force: true });
});

/** A session folder with notes only: enrichment needs no OCR or audio, so it is quick. */
function sessionFolder(name: string, title: string): string {
  const dir = join(folders, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'session.json'), JSON.stringify({ title }));
  writeFileSync(join(dir, 'notes.md'), 'We agreed on the release plan for the billing export.\n- [ ] Write the migration guide\n');
  return dir;
}

/** A pool worker of the app (they start when the tab leads). */
async function poolWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().filter((w) => w.url().includes('enrich')).length).toBeGreaterThan(0);
  return page.workers().find((w) => w.url().includes('enrich'))!;
}

const tryFetch = async (url: string) => {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
};

async function stubRequests(stub: OpenAiStub, run: string): Promise<Array<{ authorization: string | null }>> {
  return (await fetch(`${stub.url}/run/${run}/requests`)).json() as Promise<Array<{ authorization: string | null }>>;
}

test('the provider: consent, masked key, connect-src widened for workers to its origin only, its summary beside the on-device one, skipped offline', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.reload();
  await expect(page.getByText('AI provider off: nothing leaves this device.')).toBeVisible();
  // Off: a pool worker may not reach the stub.
  expect(await (await poolWorker(page)).evaluate(tryFetch, `${configured.url}/run/probe/requests`)).toBe(false);

  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('An OpenAI-compatible endpoint').check();
  await dialog.getByLabel('Base URL').fill(`${configured.url}/run/e2e/ok`);
  await dialog.getByLabel('Model', { exact: true }).fill('stub-model');
  await dialog.getByLabel('API key (optional)').fill(KEY);
  await expect(dialog.getByText(`are sent to ${configured.url} to be summarised`)).toBeVisible();
  expect(await seriousViolations(page, 'dialog')).toEqual([]);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Tick the box to agree that session text is sent to this address.');
  await dialog.getByLabel(`I agree that this text is sent to ${configured.url}.`).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('status')).toContainText('Reload to start using');
  await dialog.getByRole('button', { name: 'Reload' }).click();

  await expect(page.getByText(`AI provider on: session text is sent to ${configured.url}`)).toBeVisible();
  // The key is shown again only masked.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(dialog.getByLabel('API key (optional)')).toHaveAttribute('placeholder', 'Saved: sk-…ab12. Type to replace it.');
  await expect(dialog.getByLabel('API key (optional)')).toHaveValue('');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Workers may reach the configured origin and no other; the page itself stays at 'self'.
  const worker = await poolWorker(page);
  expect(await worker.evaluate(tryFetch, `${configured.url}/run/probe/requests`)).toBe(true);
  expect(await worker.evaluate(tryFetch, `${other.url}/run/probe/requests`)).toBe(false);
  expect(await page.evaluate(tryFetch, `${configured.url}/run/probe/requests`)).toBe(false);

  await page.getByLabel('Import sessions').setInputFiles(sessionFolder('online', 'Billing export'));
  await expect(sessionRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 1);
  await page.getByRole('button', { name: 'Billing export', exact: true }).click();
  const fromProvider = page.getByRole('region', { name: 'Summary from the AI provider' });
  await expect(fromProvider).toContainText(/Stub summary of \d+ characters\./);
  await expect(fromProvider).toContainText('stub-model at');
  await expect(page.getByRole('list', { name: 'Action items', exact: true })).toContainText('Write the migration guide');
  const requests = await stubRequests(configured, 'e2e');
  expect(requests).toHaveLength(1);
  expect(requests[0]!.authorization).toBe(`Bearer ${KEY}`);
  expect(await stubRequests(other, 'e2e')).toHaveLength(0);
  // The key is nowhere but in the meta store: not in the page, the jobs or the results.
  expect(await page.content()).not.toContain(KEY);
  expect(JSON.stringify(await readStore(page, 'jobs'))).not.toContain(KEY);
  expect(JSON.stringify(await readStore(page, 'results'))).not.toContain(KEY);

  // Offline: no request, no waiting: the on-device summary with a plain note.
  await context.setOffline(true);
  await page.getByLabel('Import sessions').setInputFiles(sessionFolder('offline', 'Offline review'));
  await expect(sessionRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 2);
  await page.getByRole('button', { name: 'Offline review', exact: true }).click();
  await expect(page.getByRole('note')).toContainText('You are offline, so the AI provider was skipped.');
  // The fallback makes that session partly done, the summary stage saying why.
  await expect(page.getByRole('list', { name: 'Stage results' })).toContainText('You are offline, so the AI provider was skipped.');
  const jobs = await readStore<{ state: string; lastError?: { message: string; stage?: string } }>(page, 'jobs');
  expect(jobs.map((job) => job.state).sort()).toEqual(['partial', 'succeeded']);
  expect(jobs.find((job) => job.state === 'partial')?.lastError).toMatchObject({ stage: 'summary', message: expect.stringContaining('You are offline') });
  await context.setOffline(false);
  expect(await stubRequests(configured, 'e2e')).toHaveLength(1);
});
