import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { createWorker, OEM, type Worker as Tesseract } from 'tesseract.js';
import { startOpenAiStub, type OpenAiStub } from '../stubs/openaiStub.ts';
import { expectBatchDone, sessionRows } from './helpers.ts';
import { waitForServiceWorker } from './pwa-helpers.ts';
import { seriousViolations } from './axe.ts';

// The service worker is part of what this file checks (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

// Fake values of several kinds, planted in the title, a screenshot, the notes and the transcript.
const EMAIL = 'dana.park@example.org';
const CARD = '4242 4242 4242 4242';
const AWS = 'AKIAZ7Q2M4N8P3R5T6W9';
const PHONE = '+44 20 7946 0958';
const GITHUB = 'ghp_Zx81Qw27Er63Ty54Ui09Op3As7Df2Gh1Jk4L';
const PLANTED = [EMAIL, CARD, AWS, PHONE, GITHUB];
/** Pieces OCR of a picture would show of a value, spaces and case aside. */
const TRACES = ['danapark', 'park@', 'example.org', '4242424242424242', 'akiaz7q2', '79460958'];
const squeeze = (text: string) => text.toLowerCase().replace(/\s+/g, '');

let stub: OpenAiStub;
let folders: string;
let ocr: Tesseract;

test.beforeAll(async () => {
  stub = await startOpenAiStub();
  folders = mkdtempSync(join(tmpdir(), 'enricher-privacy-'));
  // tesseract in Node with the app's own model file: nothing is fetched.
  ocr = await createWorker('eng', OEM.LSTM_ONLY, { langPath: new URL('../../workers/ocr/model', import.meta.url).pathname, gzip: true, cacheMethod: 'none' });
});
test.afterAll(async () => {
  await ocr.terminate();
  await stub.close();
  rmSync(folders, { recursive: true, force: true });
});

/** A screenshot drawn by the page: a customer record with the e-mail address and the card number. */
async function screenshotPng(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ([email, card]) => {
      const canvas = new OffscreenCanvas(1200, 500);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, 1200, 500);
      ctx.fillStyle = '#111111';
      ctx.font = 'bold 60px sans-serif';
      ctx.fillText('Customer record', 40, 110);
      ctx.fillText(`Mail ${email}`, 40, 250);
      ctx.fillText(`Card ${card}`, 40, 390);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return btoa(binary);
    },
    [EMAIL, CARD],
  );
  return Buffer.from(base64, 'base64');
}

async function sessionFolder(page: Page): Promise<string> {
  const dir = join(folders, 'refund');
  mkdirSync(join(dir, 'screens'), { recursive: true });
  writeFileSync(join(dir, 'session.json'), JSON.stringify({ title: `Refund for ${EMAIL}`, startedAt: '2026-11-20T09:00:00Z' }));
  writeFileSync(join(dir, 'notes.md'), `Refund call.\n- [ ] Reverse the charge on ${CARD}\n- [ ] Rotate the deploy key ${AWS}\nGitHub token: ${GITHUB}\n`);
  writeFileSync(join(dir, 'call.vtt'), `WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nYou can reach me on ${PHONE} or at ${EMAIL}.\n`);
  writeFileSync(join(dir, 'screens', '0001.png'), await screenshotPng(page));
  return dir;
}

/** "Export all", unzipped: file name to bytes. */
async function exportAll(page: Page): Promise<Record<string, Uint8Array>> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all' }).click();
  return unzipSync(new Uint8Array(await readFile(await (await downloading).path())));
}

/** OCR of an exported picture, enlarged three times in the page first so that small thumbnail text is read too. */
async function readPicture(page: Page, png: Uint8Array): Promise<string> {
  const enlarged = await page.evaluate(async (bytes) => {
    const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)]));
    const canvas = new OffscreenCanvas(bitmap.width * 3, bitmap.height * 3);
    const ctx = canvas.getContext('2d')!;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const out = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    return [...out];
  }, [...png]);
  const { data } = await ocr.recognize(Buffer.from(enlarged));
  return data.text;
}

test('redaction: no planted value in exported text, exported pictures or provider requests; with redaction off they are there', async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.reload();

  // The provider on, so its requests can be checked too.
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByLabel('Redact exports and the AI provider')).toBeChecked();
  await dialog.getByLabel('An OpenAI-compatible endpoint').check();
  await dialog.getByLabel('Base URL').fill(`${stub.url}/run/privacy/ok`);
  await dialog.getByLabel('Model', { exact: true }).fill('stub-model');
  await dialog.getByLabel(`I agree that this text is sent to ${stub.url}.`).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByText(`AI provider on: session text is sent to ${stub.url}`)).toBeVisible();

  await page.getByLabel('Import sessions').setInputFiles(await sessionFolder(page));
  await expect(sessionRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 1);

  const files = await exportAll(page);
  const names = Object.keys(files);
  expect(names.sort()).toEqual(['Refund for [email]/enrichment.json', 'Refund for [email]/report.md', 'Refund for [email]/storyboard.png']);
  for (const name of names.filter((n) => !n.endsWith('.png'))) {
    const text = strFromU8(files[name]!);
    for (const value of PLANTED) expect(text, `${name} holds ${value}`).not.toContain(value);
  }
  const enrichment = JSON.parse(strFromU8(files['Refund for [email]/enrichment.json']!)) as { redaction: { redacted: Record<string, number> }; screens: Array<{ text: string }> };
  expect(enrichment.redaction.redacted).toMatchObject({ email: 3, card: 2, 'aws-key': 1, 'github-token': 1, phone: 1 });
  // The screenshot was read (so the check above covers its text): its values are placeholders.
  expect(enrichment.screens[0]!.text).toMatch(/\[email\][\s\S]*\[card\]/);
  const picture = await readPicture(page, files['Refund for [email]/storyboard.png']!);
  for (const trace of TRACES) expect(squeeze(picture), `storyboard.png shows ${trace}`).not.toContain(trace);

  const requests = (await (await fetch(`${stub.url}/run/privacy/requests`)).json()) as Array<{ content: string }>;
  expect(requests.length).toBeGreaterThan(0);
  for (const { content } of requests) {
    for (const value of PLANTED) expect(content).not.toContain(value);
    expect(content).toContain('[aws-key]');
  }

  // Review: the findings by kind with masked previews; "Not sensitive" is remembered and honoured by the export.
  await page.getByRole('button', { name: `Refund for ${EMAIL}`, exact: true }).click();
  const review = page.getByRole('region', { name: 'Sensitive items' });
  await expect(review.getByRole('heading', { name: 'E-mail addresses (3)' })).toBeVisible();
  await expect(review.getByRole('list', { name: 'Phone numbers' })).toContainText('•••• 58 in transcript at 0:01');
  expect(await review.textContent()).not.toContain(PHONE);
  expect(await seriousViolations(page, '.sensitive-items')).toEqual([]);
  await review.getByRole('button', { name: 'Show •••• 58 in transcript at 0:01 on the timeline' }).click();
  await expect(page.getByRole('slider', { name: 'Playhead' })).toHaveAttribute('aria-valuetext', /^0:01 of/);
  const phone = review.getByRole('button', { name: 'Not sensitive: •••• 58 in transcript at 0:01' });
  await phone.click();
  await expect(phone).toHaveAttribute('aria-pressed', 'true');
  const reviewed = strFromU8((await exportAll(page))['Refund for [email]/enrichment.json']!);
  expect(reviewed).toContain(PHONE);
  for (const value of [EMAIL, CARD, AWS, GITHUB]) expect(reviewed).not.toContain(value);

  // "Redact this too": two words selected on the screen and a stretch of the transcript, kept across a reload, redacted on re-export.
  const marking = page.getByRole('region', { name: 'Redact this too' });
  await marking.getByRole('button', { name: 'Mark words or a box on a screen' }).click();
  await marking.getByRole('button', { name: 'Customer', exact: true }).click();
  await marking.getByRole('button', { name: 'record', exact: true }).click();
  await marking.getByRole('button', { name: 'Redact 2 words' }).click();
  // A box drawn over "Card" (drawn at x 40, baseline 390, 60 px, on a 1200 px wide screenshot).
  const shown = (await marking.getByRole('img', { name: 'Screen 1' }).boundingBox())!;
  const px = shown.width / 1200;
  await page.mouse.move(shown.x + 30 * px, shown.y + 325 * px);
  await page.mouse.down();
  await page.mouse.move(shown.x + 180 * px, shown.y + 405 * px, { steps: 4 });
  await page.mouse.up();
  await marking.getByRole('button', { name: 'Redact the box' }).click();
  await page.getByRole('list', { name: 'Transcript' }).getByText('You can reach me').evaluate((cue) => {
    const text = cue.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 'You can reach'.length);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  await page.getByRole('button', { name: 'Redact this too: text selected in the transcript' }).click();
  // Each mark is listed once it is stored.
  await expect(review.getByRole('list', { name: 'Marked by you' }).getByRole('listitem')).toHaveCount(3);
  await page.reload();
  await page.getByRole('button', { name: `Refund for ${EMAIL}`, exact: true }).click();
  await expect(review.getByRole('list', { name: 'Marked by you' }).getByRole('listitem')).toContainText(['2 words in screen 1', /a box of \d+×\d+ px in screen 1/, '3 words in transcript at 0:01']);
  const marked = strFromU8((await exportAll(page))['Refund for [email]/enrichment.json']!);
  for (const words of ['customer', 'record', 'you can reach']) expect(marked.toLowerCase()).not.toContain(words);
  expect(marked).not.toMatch(/\bCard\b/);
  expect(marked).toContain('[redacted] me on');

  // Off, with its warning: the same export now carries the values, and OCR reads them on the picture.
  await page.getByRole('button', { name: 'Settings' }).click();
  await dialog.getByLabel('Do not redact').check();
  await expect(dialog.getByRole('alert')).toContainText('Redaction is off');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const plain = await exportAll(page);
  const json = strFromU8(plain[`Refund for ${EMAIL}/enrichment.json`]!);
  for (const value of PLANTED) expect(json).toContain(value);
  expect(squeeze(await readPicture(page, plain[`Refund for ${EMAIL}/storyboard.png`]!))).toContain('example.org');
});
