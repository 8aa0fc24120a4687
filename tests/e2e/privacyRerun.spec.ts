import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectBatchDone, readStore, sessionRows } from './helpers.ts';
import { waitForServiceWorker } from './pwa-helpers.ts';

// The service worker is part of what this file checks (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

const WORD = 'Marmalade';
let folders: string;

test.beforeAll(() => {
  folders = mkdtempSync(join(tmpdir(), 'enricher-privacy-rerun-'));
});
test.afterAll(() => rmSync(folders, { recursive: true, force: true }));

/** A session folder whose one screenshot shows a distinctive word. */
async function sessionFolder(page: Page): Promise<string> {
  const base64 = await page.evaluate(async (word) => {
    const canvas = new OffscreenCanvas(1200, 400);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 1200, 400);
    ctx.fillStyle = '#111111';
    ctx.font = 'bold 60px sans-serif';
    ctx.fillText('Weekly order review', 40, 110);
    ctx.fillText(`Ship the ${word} crates`, 40, 260);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  }, WORD);
  const dir = join(folders, 'orders');
  mkdirSync(join(dir, 'screens'), { recursive: true });
  writeFileSync(join(dir, 'session.json'), JSON.stringify({ title: 'Order review', startedAt: '2026-11-20T09:00:00Z' }));
  writeFileSync(join(dir, 'notes.md'), 'Weekly review.\n');
  writeFileSync(join(dir, 'screens', '0001.png'), Buffer.from(base64, 'base64'));
  return dir;
}

interface Stored {
  id: string;
  kind?: string;
  state: string;
  jobId: string;
  writtenBy?: Record<string, { jobId: string }>;
}

test('redact everywhere: a word marked in the review leaves search moments later, through a reapply job that does not read the screen again', async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Redact everywhere').check();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByLabel('Import sessions').setInputFiles(await sessionFolder(page));
  await expect(sessionRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 1);
  const [enrichment] = await readStore<Stored>(page, 'jobs');

  const search = page.getByLabel('Search sessions');
  const results = page.getByRole('list', { name: 'Search results' });
  const searchFor = async (found: boolean) =>
    expect(async () => {
      await search.fill('');
      await search.fill(WORD.toLowerCase());
      if (found) await expect(results.locator('button.hit').first()).toBeVisible({ timeout: 2_000 });
      else await expect(results).toContainText(`Nothing found for “${WORD.toLowerCase()}”`, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
  await searchFor(true);
  await search.fill('');

  await page.getByRole('button', { name: 'Order review', exact: true }).click();
  const marking = page.getByRole('region', { name: 'Redact this too' });
  await marking.getByRole('button', { name: 'Mark words or a box on a screen' }).click();
  await marking.getByRole('button', { name: WORD, exact: true }).click();
  await marking.getByRole('button', { name: 'Redact 1 word' }).click();

  await searchFor(false);
  const jobs = await readStore<Stored>(page, 'jobs');
  const reapply = jobs.find((job) => job.kind === 'reapply-privacy');
  expect(reapply?.state).toBe('succeeded');
  const [result] = await readStore<Stored>(page, 'results');
  expect(result?.jobId).toBe(reapply?.id);
  // The screen was read once, by the enrichment.
  expect(result?.writtenBy?.ocr?.jobId).toBe(enrichment?.id);
  expect(result?.writtenBy?.index?.jobId).toBe(reapply?.id);
  // The detail still lists every stage of the result, not only those the reapply job ran.
  await expect(page.getByRole('list', { name: 'Stage results' }).getByRole('listitem')).toContainText(['Video', 'Screens: done', 'Chapters', 'Audio', 'Transcript', 'Privacy: done', 'Summary', 'Storyboard', 'Index: done']);
});
