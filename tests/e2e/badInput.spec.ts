import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { snapshot } from './storeSnapshot.ts';
import { BAD_SESSIONS, GOOD_SESSION, prepareBadBatch } from '../fixtures/bad/corpus.ts';
import { expectBatchDone, sessionRows } from './helpers.ts';

const fixtures = new URL('../fixtures/sessions', import.meta.url).pathname;

/** What each bad session must say, in its row or its details: specific words, not a generic failure. */
const EXPECTED: Record<(typeof BAD_SESSIONS)[number], { state: string; says: string[] }> = {
  'truncated-wav': { state: 'Done', says: ['audio.wav is cut short: only its first 1.0 s could be read.'] },
  'bogus-wav-header': { state: 'Partly done', says: ['audio.wav: This audio file is not a WAV recording it can read (its header is not RIFF/WAVE).'] },
  'text-named-png': { state: 'Partly done', says: ['screen.png is not a picture this app can read: it does not start as a PNG, JPEG or WebP file does.'] },
  'corrupt-png': { state: 'Partly done', says: ['screen.png is damaged: its picture data could not be decoded.'] },
  'invalid-json': { state: 'Done', says: ['session.json is not valid JSON, so it was ignored; the folder was read as it is.'] },
  'wrong-types': {
    state: 'Done',
    says: [
      'session.json: "title" should be text; it was ignored.',
      'session.json: "notes" should be text; it was ignored.',
      'session.json: "startedAt" is not an ISO-8601 time; it was ignored.',
      'session.json: "tags" should be a list of words; it was ignored.',
      'session.json: "screenshots" should be a list; it was ignored.',
      'session.json: an entry of "audio" has no file name; it was ignored.',
    ],
  },
  'missing-files': {
    state: 'Done',
    says: ['session.json names screens/gone.png, which is not in the folder.', 'session.json names gone.wav, which is not in the folder.'],
  },
  'zero-byte-audio': { state: 'Partly done', says: ['audio.wav is empty (0 bytes): there is no sound to analyse.'] },
  'malformed-vtt': {
    state: 'Done',
    says: [
      'transcript.vtt: Cue 1 has a timestamp it cannot read (00:00:xx.000); it was skipped.',
      'transcript.vtt: Cue 2 has a timestamp it cannot read (1:2:3); it was skipped.',
      'transcript.vtt: Cue 3 ends (00:00:04.000) before it starts (00:00:05.000); it was skipped.',
    ],
  },
  'huge-png': { state: 'Done', says: ['screen.png is 20000×20000 pixels; images over 50 megapixels are skipped.'] },
  'big-notes': { state: 'Done', says: ['notes.md is larger than 1 MB; only its first megabyte was kept.'] },
};

const detailOf = (page: Page, title: string) => page.getByRole('article', { name: `Details of ${title}` });

test('a batch of bad inputs: each says what is wrong on its own session, the good ones finish, nothing stored before changes', async ({ page }) => {
  const dir = prepareBadBatch();
  try {
    await page.goto('/');
    // Two good sessions, enriched and stored before the bad batch arrives.
    await page.getByLabel('Import sessions').setInputFiles(fixtures);
    await expect(sessionRows(page)).toHaveCount(2);
    await page.getByRole('button', { name: 'Enrich all' }).click();
    await expectBatchDone(page, 2);
    const earlier = await page.evaluate(() => [...document.querySelectorAll('[data-session-id]')].map((row) => row.getAttribute('data-session-id')!));
    const before = await snapshot(page, earlier);
    expect(before).toContain('"bytes"');

    // One pick: the bad sessions, a good one, a zip bomb, an empty folder and a zip of an empty folder.
    await page.getByLabel('Import sessions').setInputFiles(dir);
    const refused = page.getByRole('alert');
    await expect(refused).toContainText('bomb.zip was not imported: it would unpack to more than 100 times its size, as a zip bomb does.');
    await expect(refused).toContainText('empty-folder.zip was not imported: no session was found in it');
    const total = 2 + BAD_SESSIONS.length + 1;
    await expect(sessionRows(page)).toHaveCount(total);

    await page.getByRole('button', { name: 'Enrich all' }).click();
    // Responsive while the batch runs: a session opens and shows its details at once.
    await page.getByRole('button', { name: 'big-notes', exact: true }).click();
    await expect(detailOf(page, 'big-notes').getByRole('list', { name: 'Import warnings' })).toContainText('notes.md is larger than 1 MB');
    await expectBatchDone(page, total);

    // The good session finished in full.
    const goodRow = sessionRows(page).filter({ has: page.getByRole('button', { name: GOOD_SESSION, exact: true }) });
    await expect(goodRow.getByTestId('state')).toHaveText('Done');

    for (const name of BAD_SESSIONS) {
      const title = name === 'missing-files' ? 'Missing files' : name;
      const { state, says } = EXPECTED[name];
      await test.step(name, async () => {
        const row = sessionRows(page).filter({ has: page.getByRole('button', { name: title, exact: true }) });
        await expect.soft(row.getByTestId('state')).toHaveText(state);
        await page.getByRole('button', { name: title, exact: true }).click();
        const detail = detailOf(page, title);
        for (const words of says) await expect.soft(detail).toContainText(words);
        // Plain words only: no stack trace (a frame names a script with its line and column), no
        // error class names. Times such as 0:01 on the timeline are not stack frames.
        await expect.soft(detail).not.toContainText(/\.(?:js|mjs|ts|tsx)(?:\?\S*)?:\d+:\d+|TypeError|DOMException|undefined/);
      });
    }

    // Nothing stored before the bad batch changed, blobs byte for byte.
    expect(await snapshot(page, earlier)).toBe(before);

    // The empty folder was silent in the batch (it holds no file); picked on its own it is refused, saying why.
    await page.getByLabel('Import sessions').setInputFiles(join(dir, 'empty-folder'));
    await expect(page.getByRole('alert')).toContainText('The picked folder is empty, so no session was imported');
    await expect(sessionRows(page)).toHaveCount(total);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
