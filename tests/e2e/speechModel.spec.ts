import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectBatchDone, sessionRows } from './helpers.ts';

const MODEL = join(import.meta.dirname, '../fixtures/whisper-tiny-random');
let folder: string;
test.beforeAll(() => {
  folder = join(mkdtempSync(join(tmpdir(), 'enricher-speech-')), 'standup');
  mkdirSync(folder);
  writeFileSync(join(folder, 'session.json'), JSON.stringify({ title: 'Standup' }));
  copyFileSync(join(import.meta.dirname, '../fixtures/speech/sentences.wav'), join(folder, 'standup.wav'));
});
test.afterAll(() => rmSync(join(folder, '..'), { recursive: true, force: true }));

// The model is the tiny Whisper of random weights: its words are gibberish, the path is real.
test('Settings → Add a speech model, then a recording without a transcript is transcribed on this device, and the model stays after a reload', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('/');
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Add a speech model').setInputFiles(MODEL);
  await expect(dialog.getByRole('status')).toHaveText('whisper-tiny-random was added.');
  await expect(dialog.getByTestId('speech-model')).toContainText('whisper-tiny-random (1.7 MB) is stored on this device.');
  await expect(dialog.getByLabel("Language spoken in this library's recordings")).toHaveValue('en');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByLabel('Import sessions').setInputFiles(folder);
  await expect(sessionRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 1);
  await page.getByRole('button', { name: 'Standup', exact: true }).click();
  await expect(page.getByText('Transcribed on this device (whisper-tiny-random)')).toBeVisible();
  expect(requested.filter((url) => !url.startsWith(new URL(page.url()).origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);

  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(dialog.getByTestId('speech-model')).toContainText('whisper-tiny-random');
  await dialog.getByRole('button', { name: 'Remove model' }).click();
  await expect(dialog.getByRole('status')).toHaveText('The speech model was removed. Transcripts made with it stay.');
});
