import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { loadSamples, readStore, sessionRows } from './helpers.ts';
import { seriousViolations } from './axe.ts';

/** What the store holds of the enriched session: enough to say independently what each moment shows. */
interface Stored {
  startedAt: number;
  screens: Array<{ at: number }>;
  chapters: Array<{ index: number; firstScreen: number }>;
  cues: Array<{ at: number; start: number; end: number; text: string }>;
}

/** Seconds from the session's start: a sample's second 0 is its start (its recording begins then). */
const sec = (stored: Stored, at: number) => (at - stored.startedAt) / 1000;

async function storedSession(page: Page, title: string): Promise<Stored> {
  const session = (await readStore<{ id: string; title: string; startedAt: number }>(page, 'sessions')).find((s) => s.title === title)!;
  type Outcome<T> = { status: string; result: T };
  const result = (await readStore<{ sessionId: string; outcomes: { chapters: Outcome<Pick<Stored, 'screens' | 'chapters'>>; transcript: Outcome<Pick<Stored, 'cues'>> } }>(page, 'results')).find(
    (r) => r.sessionId === session.id,
  )!;
  return { startedAt: session.startedAt, ...result.outcomes.chapters.result, cues: result.outcomes.transcript.result.cues };
}

const slider = (page: Page) => page.getByRole('slider', { name: 'Playhead' });
const now = async (page: Page) => Number(await slider(page).getAttribute('aria-valuenow'));

/** The frame and the line shown are the ones the store puts at the playhead's time. */
async function expectMomentMatches(page: Page, stored: Stored): Promise<number> {
  const time = await now(page);
  const frame = stored.screens.findLastIndex((s) => sec(stored, s.at) <= time + 0.0005);
  const picture = page.locator('.moment-picture');
  await expect(picture, `frame at ${time} s`).toHaveAttribute('data-frame-index', String(frame));
  if (frame >= 0) expect(Number(await picture.getAttribute('data-frame-time'))).toBeCloseTo(sec(stored, stored.screens[frame]!.at), 3);
  const said = stored.cues.findLast((c) => sec(stored, c.at) <= time && time < sec(stored, c.at) + (c.end - c.start));
  await expect(page.locator('.moment-cue'), `line at ${time} s`).toContainText(said ? said.text : 'Nothing said at this moment.');
  return time;
}


test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
let title: string;
let stored: Stored;
/** Uncaught errors in the page: a React error there blanks the whole app. */
const errors: string[] = [];

test.beforeAll(async ({ browser }) => {
  // A context of our own (axe needs one) shared by the tests, so the session is enriched once.
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await loadSamples(page);
  // One session is enough, and keeps the run short.
  const row = sessionRows(page).first();
  title = (await row.getAttribute('aria-label'))!;
  await page.getByRole('button', { name: `Enrich now: ${title}` }).click();
  await expect(row.getByTestId('state')).toHaveText('Done', { timeout: 120_000 });
  stored = await storedSession(page, title);
  expect(stored.screens.length).toBeGreaterThan(2);
  expect(stored.chapters.length).toBeGreaterThan(1);
  expect(stored.cues.length).toBeGreaterThan(0);
});

test.afterEach(() => {
  expect(errors).toEqual([]);
});

test.afterAll(async () => {
  await context.close();
});

test('keyboard only: open a session, Tab to the timeline, step through frames and chapters; the frame and line shown match the playhead', async () => {
  await page.getByRole('button', { name: title, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Go to details' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: `Details of ${title}` })).toBeFocused();
  for (let tabs = 0; tabs < 10 && !(await slider(page).evaluate((el) => el === document.activeElement)); tabs++) await page.keyboard.press('Tab');
  await expect(slider(page)).toBeFocused();

  // Opened at the first screen.
  expect(await expectMomentMatches(page, stored)).toBeCloseTo(sec(stored, stored.screens[0]!.at), 3);
  await page.keyboard.press('Home');
  expect(await expectMomentMatches(page, stored)).toBe(0);

  // Every screen in turn, then one back.
  for (const [i, screen] of stored.screens.entries()) {
    await page.keyboard.press('ArrowRight');
    expect(await expectMomentMatches(page, stored), `screen ${i + 1}`).toBeCloseTo(sec(stored, screen.at), 3);
  }
  await page.keyboard.press('ArrowRight');
  expect(await now(page), 'the last screen is as far as the arrows go').toBeCloseTo(sec(stored, stored.screens.at(-1)!.at), 3);
  await page.keyboard.press('ArrowLeft');
  expect(await expectMomentMatches(page, stored)).toBeCloseTo(sec(stored, stored.screens.at(-2)!.at), 3);

  // Chapter by chapter: each stop is a chapter's first screen, and says which chapter it is.
  await page.keyboard.press('Home');
  for (const chapter of stored.chapters) {
    await page.keyboard.press('PageDown');
    expect(await expectMomentMatches(page, stored)).toBeCloseTo(sec(stored, stored.screens[chapter.firstScreen]!.at), 3);
    await expect(slider(page)).toHaveAttribute('aria-valuetext', new RegExp(`^\\d+:\\d\\d of \\d+:\\d\\d, chapter ${chapter.index + 1}: .+`));
  }
  await page.keyboard.press('PageUp');
  expect(await expectMomentMatches(page, stored)).toBeCloseTo(sec(stored, stored.screens[stored.chapters.at(-2)!.firstScreen]!.at), 3);

  await page.keyboard.press('End');
  expect(await now(page)).toBe(Number(await slider(page).getAttribute('aria-valuemax')));
  await expectMomentMatches(page, stored);
  await expect(page.locator('.moment-picture')).toHaveAttribute('data-frame-index', String(stored.screens.length - 1));
});

test('a transcript hit opens the timeline at its moment, with its line shown', async () => {
  // A word of a spoken line; only this session is enriched, so every hit is in it.
  const cue = stored.cues[Math.floor(stored.cues.length / 2)]!;
  const word = cue.text.split(/\W+/).sort((a, b) => b.length - a.length)[0]!;
  await page.getByLabel('Search sessions').fill(word);
  const hit = page.locator('.hits li[data-kind="cue"] button.hit').first();
  await expect(hit).toBeVisible();
  const when = (await hit.locator('.hit-where').textContent())!.match(/at (\d+:\d\d)/)![1]!;
  await hit.focus();
  await page.keyboard.press('Enter');

  // The playhead is at the start of a spoken line, and that line is the one shown.
  await expect(slider(page)).toHaveAttribute('aria-valuetext', new RegExp(`^${when} of `));
  const time = await now(page);
  const start = stored.cues.find((c) => Math.abs(sec(stored, c.at) - time) < 0.0015);
  expect(start, `a line starts at ${time} s`).toBeDefined();
  await expect(page.locator('.moment-cue')).toContainText(start!.text);
  await expectMomentMatches(page, stored);
  await page.getByLabel('Search sessions').fill('');
});

test('the timeline has width on a phone and a desktop, and the detail with it passes axe', async () => {
  test.setTimeout(60_000);
  const detail = page.getByRole('article', { name: `Details of ${title}` });
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1440, height: 900 },
  ]) {
    await page.setViewportSize(viewport);
    if ((await detail.count()) === 0) await page.getByRole('button', { name: title, exact: true }).click();
    await expect(slider(page)).toBeVisible();
    const box = (await slider(page).boundingBox())!;
    expect(box.width, `${viewport.width} px: the track's width`).toBeGreaterThan(viewport.width / 2);
    expect((await page.locator('.moment-picture').boundingBox())!.width).toBeGreaterThan(200);
    await test.info().attach(`timeline-${viewport.width}.png`, { body: await detail.screenshot(), contentType: 'image/png' });
    expect(await seriousViolations(page, '.detail'), `${viewport.width} px`).toEqual([]);
    if (viewport.width < 900) await page.getByRole('button', { name: 'Back to sessions' }).click();
  }
});
