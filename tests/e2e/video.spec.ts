import { mkdir, readFile, writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import type { Enrichment } from '../../src/shared/export.ts';
import { recordWith, type RecordingSpec } from '../fixtures/video/makeRecording.ts';
import { expectBatchDone, sessionRows } from './helpers.ts';

const bundle = new URL('../../node_modules/mediabunny/dist/bundles/mediabunny.mjs', import.meta.url).pathname;
/** A made-up localhost origin served by Playwright's router: a secure context, so WebCodecs exists. */
const MAKER = 'http://localhost:9/';

const SPEC: RecordingSpec = {
  container: 'webm',
  durationSec: 15,
  pages: [
    { at: 0, lines: ['Invoice export', 'The invoice export fails for customers', 'with more than one billing address.'] },
    { at: 6, lines: ['Release checklist', 'Staging gets the build at noon;', 'production follows after smoke tests.'] },
    { at: 11, lines: ['Hiring plan', 'Two backend engineers join in spring;', 'interviews start next month.'] },
  ],
  speech: [
    [1, 3],
    [7, 9],
  ],
};

/** A test-made screen recording: the browser renders and encodes it (fixture: makeRecording.ts). */
async function recordInBrowser(browser: Browser): Promise<Buffer> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route(`${MAKER}**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/mediabunny.mjs') await route.fulfill({ path: bundle, contentType: 'text/javascript' });
    else await route.fulfill({ body: '<!doctype html><title>maker</title>', contentType: 'text/html' });
  });
  await page.goto(MAKER);
  const base64 = await page.evaluate(`(async () => {
    const mb = await import('${MAKER}mediabunny.mjs');
    const blob = await (${recordWith.toString()})(mb, ${JSON.stringify(SPEC)});
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  })()`);
  await context.close();
  return Buffer.from(base64 as string, 'base64');
}

test('a screen recording picked on its own: enriched, a chapter plays the video from its start, the export has its times', async ({ page, browser }, testInfo) => {
  // A folder holding nothing but the recording: the video is imported on its own, as one session.
  const folder = testInfo.outputPath('recordings');
  await mkdir(folder, { recursive: true });
  await writeFile(`${folder}/planning.webm`, await recordInBrowser(browser));
  await page.goto('/');
  await page.getByLabel('Import sessions').setInputFiles(folder);
  await expect(sessionRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 1);

  await page.getByRole('button', { name: 'planning', exact: true }).click();
  const detail = page.getByRole('article', { name: 'Details of planning' });
  await expect(detail.getByTestId('chapters-summary')).toHaveText(/^3 chapters over \d+ screens$/);
  const player = detail.getByRole('region', { name: 'Videos' }).locator('video');
  await expect(player).toHaveAttribute('src', /^blob:/);
  // The player really loads the stored recording (a policy that refuses blob: media leaves it at an error).
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => [v.error?.message ?? null, v.readyState >= HTMLMediaElement.HAVE_METADATA])).toEqual([null, true]);
  // The video view and the chapters' play buttons pass axe like the rest of the app.
  const { violations } = await new AxeBuilder({ page }).include('article').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Choosing the second chapter seeks the recording to where the page changed (6 s, probed every 0.5 s).
  await detail.getByRole('button', { name: /^Play from 0:06: Release/ }).click();
  await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(6);
  expect(await player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(8);
  // The timeline's playhead follows the player: to the chapter it jumped to, then on as it plays.
  const playhead = detail.getByRole('slider', { name: 'Playhead' });
  await expect(playhead).toHaveAttribute('aria-valuetext', /, chapter 2: Release/);
  // One recording, one axis: the timeline is as long as the video (not its frames, then the video again).
  expect(Number(await playhead.getAttribute('aria-valuemax'))).toBeLessThan(16);
  const reached = Number(await playhead.getAttribute('aria-valuenow'));
  expect(reached).toBeGreaterThanOrEqual(6);
  await expect.poll(async () => Number(await playhead.getAttribute('aria-valuenow'))).toBeGreaterThan(reached + 0.5);
  await expect(detail.getByRole('img', { name: /^Screen \d+ at 0:(?:0[6-9]|1\d)$/ })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await detail.getByRole('button', { name: 'Export session' }).click();
  const files = unzipSync(new Uint8Array(await readFile(await (await downloading).path())));
  const enrichment = JSON.parse(strFromU8(files['planning/enrichment.json']!)) as Enrichment;
  expect(enrichment.chapters.map((c) => [c.video, c.startSec])).toEqual([
    ['planning.webm', 0],
    ['planning.webm', 6],
    ['planning.webm', 11],
  ]);
  expect(enrichment.chapters.map((c) => c.endSec)).toEqual([6, 11, enrichment.videos![0]!.durationSec]);
  expect(enrichment.screens.every((s) => s.file === 'planning.webm' && typeof s.timeSec === 'number')).toBe(true);
  expect(enrichment.audio?.speechSegments).toHaveLength(2);
});
