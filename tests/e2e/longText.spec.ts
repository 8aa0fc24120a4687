import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectBatchDone, sessionRows } from './helpers.ts';

/**
 * Sessions the app did not make may carry text far longer than a person types: a base64 blob
 * pasted in the notes, a tag holding a whole sentence or a path. The page keeps its width: the
 * blob is no keyword chip (tests/unit/longWordKeywords.test.ts), and the tag filter does not
 * grow as wide as its longest tag.
 */
let root: string;
test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'enricher-long-'));
  const folder = join(root, 'pasted-blob');
  mkdirSync(folder);
  const tag = `imported-from-${'shared-drive/'.repeat(25)}meetings`;
  writeFileSync(join(folder, 'session.json'), JSON.stringify({ title: 'Pasted blob', tags: ['review', tag] }));
  writeFileSync(join(folder, 'notes.md'), `Invoice export review.\n\n${'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ'.repeat(4_000)}\n`);
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

test('a pasted base64 blob and a 350-character tag: enriched, and the page never scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await page.getByLabel('Import sessions').setInputFiles(join(root, 'pasted-blob'));
  await expect(sessionRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 1);
  await expect(sessionRows(page).getByTestId('state')).toHaveText('Done');
  await page.getByRole('button', { name: 'Pasted blob', exact: true }).click();
  await expect(page.getByRole('article', { name: 'Details of Pasted blob' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
