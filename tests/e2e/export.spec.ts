import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expectBatchDone, sessionRows } from './helpers.ts';

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;

test('import the fixture sessions, enrich, "Export all": a zip with a folder per session holding three files and valid JSON', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Import sessions').setInputFiles(fixtures);
  await expect(sessionRows(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 2);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^session-enrichment-\d{4}-\d{2}-\d{2}\.zip$/);

  const files = unzipSync(new Uint8Array(await readFile(await download.path())));
  const names = Object.keys(files).sort();
  expect(names).toEqual([
    'Team standup/enrichment.json',
    'Team standup/report.md',
    'Team standup/storyboard.png',
    'design-review/enrichment.json',
    'design-review/report.md',
    'design-review/storyboard.png',
  ]);
  for (const folder of ['Team standup', 'design-review']) {
    const enrichment = JSON.parse(strFromU8(files[`${folder}/enrichment.json`]!)) as { schemaVersion: number; status: string; session: { title: string } };
    expect(enrichment.schemaVersion).toBe(2);
    expect(enrichment.session.title).toBe(folder);
    expect(enrichment.status).toBe('complete');
    expect(strFromU8(files[`${folder}/report.md`]!)).toContain(`# ${folder}`);
    // A PNG signature.
    expect([...files[`${folder}/storyboard.png`]!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  }
});
