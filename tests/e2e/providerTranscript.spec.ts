import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { decodeWav, encodeWav16 } from '../../workers/audio/wav.ts';
import { startOpenAiStub, type OpenAiStub } from '../stubs/openaiStub.ts';
import { expectBatchDone, sessionRows } from './helpers.ts';
import { waitForServiceWorker } from './pwa-helpers.ts';

let stub: OpenAiStub;
let folders: string;

test.beforeAll(async () => {
  stub = await startOpenAiStub();
  folders = mkdtempSync(join(tmpdir(), 'enricher-transcribe-'));
});
test.afterAll(async () => {
  await stub.close();
  rmSync(folders, { recursive: true, force: true });
});

test('transcription by the provider: the consent names recordings\' speech, and the session shows who transcribed it', async ({ page }) => {
  const dir = join(folders, 'standup');
  mkdirSync(dir);
  writeFileSync(join(dir, 'session.json'), JSON.stringify({ title: 'Spoken standup' }));
  // The fixture's first spoken sentence only (4 s), to keep the audio stage short.
  const spoken = decodeWav(new Uint8Array(readFileSync(new URL('../fixtures/speech/sentences.wav', import.meta.url))).buffer);
  writeFileSync(join(dir, 'standup.wav'), new Uint8Array(encodeWav16(spoken.samples.subarray(0, 4 * spoken.sampleRate), spoken.sampleRate)));

  await page.goto('/');
  await waitForServiceWorker(page);
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('An OpenAI-compatible endpoint').check();
  await dialog.getByLabel('Base URL').fill(`${stub.url}/run/e2e-speech/ok`);
  await dialog.getByLabel('Model', { exact: true }).fill('stub-model');
  await dialog.getByLabel('Transcribe recordings with this provider').check();
  await expect(dialog.getByLabel('Speech model')).toHaveValue('whisper-1');
  await expect(dialog.getByText('The speech in the recordings of every session without an imported transcript is sent there too')).toBeVisible();
  await dialog.getByLabel(`I agree that this text and the speech of recordings are sent to ${stub.url}.`).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByText(`AI provider on: session text and recordings' speech are sent to ${stub.url}`)).toBeVisible();

  await page.getByLabel('Import sessions').setInputFiles(dir);
  await expect(sessionRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 1);
  await page.getByRole('button', { name: 'Spoken standup', exact: true }).click();
  await expect(page.getByTestId('transcript-source')).toHaveText(`Transcribed by ${new URL(stub.url).host}`);
  await expect(page.getByRole('list', { name: 'Transcript' })).toContainText(/Chunk 1 of \d+\.\d s\./);
  const calls = (await (await fetch(`${stub.url}/run/e2e-speech/transcriptions`)).json()) as Array<{ model: string }>;
  expect(calls.map((call) => call.model)).toEqual(['whisper-1']);
});
