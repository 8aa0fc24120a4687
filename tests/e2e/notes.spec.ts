import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { sessionRows } from './helpers.ts';

let folder: string;
test.beforeAll(() => {
  folder = join(mkdtempSync(join(tmpdir(), 'enricher-notes-')), 'release-notes');
  mkdirSync(folder);
  writeFileSync(join(folder, 'session.json'), JSON.stringify({ title: 'Release notes' }));
  writeFileSync(
    join(folder, 'notes.md'),
    [
      '# Plan',
      'We hit a **milestone** and *shipped* `v2`.',
      '',
      '- [ ] Write the migration guide',
      '- Send the invoice',
      '',
      'Raw <b>bold</b> stays text. [a link](javascript:alert(1)) ![logo](https://example.com/logo.png)',
    ].join('\n'),
  );
});
test.afterAll(() => rmSync(join(folder, '..'), { recursive: true, force: true }));

test('notes render as Markdown: emphasis, lists and headings, with raw HTML as text, no script link, no remote image', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('/');
  await page.getByLabel('Import sessions').setInputFiles(folder);
  await expect(sessionRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Release notes', exact: true }).click();
  const notes = page.getByRole('article', { name: 'Details of Release notes' }).getByRole('region', { name: 'Notes' });

  await expect(notes.locator('strong')).toHaveText('milestone');
  await expect(notes.locator('em')).toHaveText('shipped');
  await expect(notes.locator('code')).toHaveText('v2');
  await expect(notes.getByRole('heading', { name: 'Plan' })).toBeVisible();
  await expect(notes.getByRole('listitem')).toHaveCount(2);
  // Raw HTML is shown as written, never made an element.
  await expect(notes.getByText('Raw <b>bold</b> stays text.')).toBeVisible();
  await expect(notes.locator('b')).toHaveCount(0);
  // A javascript: target is dropped; an image is named, not fetched.
  await expect(notes.getByText('a link')).toBeVisible();
  await expect(notes.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(notes.locator('img')).toHaveCount(0);
  await expect(notes.getByText('[logo]')).toBeVisible();
  expect(requested.filter((url) => !url.startsWith(new URL(page.url()).origin) && !url.startsWith('blob:'))).toEqual([]);
});
