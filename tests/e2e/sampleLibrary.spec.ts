import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { e2eOutDir } from '../e2eBuild.ts';
import { expectBatchDone, expectEachSessionDoneOnce, readStore, sessionRows, SAMPLE_BATCH_MS } from './helpers.ts';

// The service worker is part of what this file checks (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

// A newcomer's first run, then the library it leaves: the README flow enriches the 12 samples once,
// and the layout checks look at that library at every size. The tests run in order on one page.
test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
  page = await context.newPage();
});

test.afterAll(async () => {
  await context.close();
});

interface Seen {
  url: string;
  /** Playwright gives dedicated and nested workers' requests the page's frame: they count as the page's. */
  from: 'page and its workers' | 'service worker';
}

/** The built files holding mediabunny (its licence banner survives minifying): video and compressed-audio demuxers. */
function demuxerFiles(): string[] {
  const folder = join(e2eOutDir, 'assets');
  return readdirSync(folder).filter((name) => name.endsWith('.js') && readFileSync(join(folder, name), 'utf8').includes('Vanilagy'));
}

/** http(s) to the app's origin; blob: URLs made by the app; data: URLs, which go nowhere. */
function sameOrigin(url: string, origin: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:') return true;
  if (parsed.protocol === 'blob:') return new URL(parsed.pathname).origin === origin;
  return parsed.origin === origin;
}

test('the README flow with no waits: "Load sample sessions" then "Enrich all" at once ends 12/12 Done, every request on the app origin', async ({ baseURL }) => {
  // The request audit rides on this run, from first load through the whole batch: the context sees
  // requests of the page, of its workers, of their nested workers and of the service worker.
  test.setTimeout(SAMPLE_BATCH_MS + 120_000);
  const origin = new URL(baseURL!).origin;
  const seen: Seen[] = [];
  context.on('request', (request) => {
    seen.push({ url: request.url(), from: request.serviceWorker() ? 'service worker' : 'page and its workers' });
  });
  const violations: string[] = [];
  const listen = (message: ConsoleMessage) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) violations.push(message.text());
  };
  page.on('console', listen);
  page.on('worker', (worker) => worker.on('console', listen));

  await page.goto('/');
  await page.getByRole('button', { name: 'Load sample sessions' }).click();
  // Clicked as soon as it can be: the samples are still being made.
  await page.getByRole('button', { name: 'Enrich all' }).click();
  expect(await readStore(page, 'sessions')).not.toHaveLength(12);
  await expectBatchDone(page, 12, SAMPLE_BATCH_MS);
  await expect(sessionRows(page).getByTestId('state')).toHaveText(Array(12).fill('Done'));
  const { results } = await expectEachSessionDoneOnce(page, 12);
  const stored = await readStore<{ sessionId: string; outcomes: Record<string, { status: string }> }>(page, 'results');
  expect(stored.map((result) => result.sessionId).sort()).toEqual(results.map((result) => result.sessionId).sort());
  for (const result of stored) {
    expect(result.outcomes.audio?.status).toBe('done');
    expect(result.outcomes.chapters?.status).toBe('done');
  }

  expect(seen.filter(({ url }) => !sameOrigin(url, origin))).toEqual([]);
  expect(violations).toEqual([]);
  // The audit saw what it claims to see: the service worker's precaching, and the requests of
  // tesseract's nested worker (its core and model, which only that worker fetches).
  await expect.poll(() => seen.some(({ from }) => from === 'service worker'), { timeout: 30_000 }).toBe(true);
  const fromPage = seen.filter(({ from }) => from !== 'service worker').map(({ url }) => new URL(url).pathname);
  expect(fromPage).toContain('/ocr/lang/eng.traineddata.gz');
  // The core's script, then its module fetched on its own (compiled while it streams in).
  expect(fromPage.some((path) => /^\/ocr\/tesseract-core-.*lstm\.js$/.test(path))).toBe(true);
  expect(fromPage.some((path) => /^\/ocr\/tesseract-core-.*lstm\.wasm$/.test(path))).toBe(true);
  expect(fromPage.some((path) => /^\/assets\/enrich\.worker-.+\.js$/.test(path))).toBe(true);
  // Each stage's code is loaded by its first job: samples hold no video and no compressed audio, so
  // no worker fetched the demuxers (700 KB a worker to parse, when the worker script held them).
  const demuxers = demuxerFiles();
  expect(demuxers).not.toEqual([]);
  expect(fromPage.filter((path) => demuxers.some((name) => path === `/assets/${name}`))).toEqual([]);
  expect(fromPage.some((path) => /^\/assets\/ocr-.+\.js$/.test(path))).toBe(true);
  const counts = (['page and its workers', 'service worker'] as const).map((from) => `${seen.filter((s) => s.from === from).length} from the ${from}`);
  const figures = `${seen.length} requests, all to ${origin}: ${counts.join(', ')}`;
  test.info().annotations.push({ type: 'figures', description: figures });
  console.log(figures);
});

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

async function attach(page: Page, name: string) {
  await test.info().attach(`${name}.png`, { body: await page.screenshot(), contentType: 'image/png' });
}

/** Each row's title: its box, and whether its text overflows the box (cut off rather than wrapped). */
function titleBoxes(page: Page) {
  return page.locator('.sessions .session-title').evaluateAll((titles) =>
    titles.map((title) => ({
      text: title.textContent,
      width: title.getBoundingClientRect().width,
      clipped: title.scrollWidth > title.clientWidth + 1,
    })),
  );
}

test('the library, a session and search fit a phone and a desktop, light and dark (dark: the colour rules), with every title whole', async () => {
  // Four screens, each checked by axe at two sizes and in two colour schemes.
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const first = (await sessionRows(page).first().getAttribute('aria-label'))!;

  // The narrowest phone and a wide monitor: titles whole there too.
  for (const size of [{ width: 360, height: 740 }, { width: 2560, height: 1440 }]) {
    await page.setViewportSize(size);
    const boxes = await titleBoxes(page);
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) {
      expect(box.width, `${size.width} px: width of "${box.text}"`).toBeGreaterThan(40);
      expect(box.clipped, `${size.width} px: "${box.text}" is cut off`).toBe(false);
    }
  }

  for (const viewport of VIEWPORTS) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const at = `${viewport.name}-${colorScheme}`;
      // The dark scheme changes colours only: the rules about colours are what can tell it apart.
      const coloursOnly = colorScheme === 'dark';
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await page.evaluate(() => window.scrollTo(0, 0));

      // Library: every title has room and is shown whole; a done session offers to enrich again.
      await expect(sessionRows(page)).toHaveCount(12);
      for (const box of await titleBoxes(page)) {
        expect(box.width, `${at}: width of "${box.text}"`).toBeGreaterThan(40);
        expect(box.clipped, `${at}: "${box.text}" is cut off`).toBe(false);
      }
      await expect(page.getByRole('button', { name: `Enrich again: ${first}` })).toBeVisible();
      // What enrichment found, counted in the row.
      await expect(sessionRows(page).first().locator('.row-facts')).toContainText(/\d+ screens · \d+ chapters? · \d+:\d\d speech/);
      await expect(page.getByRole('button', { name: `Enrich now: ${first}` })).toHaveCount(0);
      await expect(page.getByRole('list', { name: 'Sessions' })).toBeInViewport();
      expect(await seriousViolations(page, undefined, { coloursOnly }), `${at} library`).toEqual([]);
      await attach(page, `${at}-library`);

      // Detail: beside the list on a desktop; a view of its own with a way back on a phone.
      await page.getByRole('button', { name: first, exact: true }).click();
      const detail = page.getByRole('article', { name: `Details of ${first}` });
      await expect(detail).toBeVisible();
      await expect(detail.getByRole('img', { name: `Storyboard of ${first}` })).toBeVisible();
      if (viewport.name === 'desktop') {
        await expect(page.getByRole('list', { name: 'Sessions' })).toBeInViewport();
        const storyboard = await detail.getByRole('img', { name: `Storyboard of ${first}` }).boundingBox();
        expect(storyboard!.width).toBeGreaterThan(600);
      }
      expect(await seriousViolations(page, undefined, { coloursOnly }), `${at} detail`).toEqual([]);
      await attach(page, `${at}-detail`);
      if (viewport.name === 'phone') {
        await expect(page.getByRole('button', { name: 'Back to sessions' })).toBeFocused();
        await page.getByRole('button', { name: 'Back to sessions' }).click();
        await expect(detail).toHaveCount(0);
        await expect(page.getByRole('button', { name: first, exact: true })).toBeFocused();
      }

      // Search: each hit says which session, when, and where in it.
      await page.getByLabel('Search sessions').fill('invoice');
      const hits = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
      await expect(hits.first()).toBeVisible();
      await expect(hits.first().locator('.hit-session')).not.toBeEmpty();
      // A hit of a chapter or a spoken line says when in its session it is.
      const moments = page.locator('.hits li:not([data-kind="session"]) .hit-where');
      await expect(moments.first()).toBeVisible();
      await expect(moments).toContainText(Array(await moments.count()).fill(/at \d+:\d\d/));
      expect(await seriousViolations(page, undefined, { coloursOnly }), `${at} search`).toEqual([]);
      await attach(page, `${at}-search`);
      await page.getByLabel('Search sessions').fill('');
      await expect(hits).toHaveCount(0);
    }
  }
});
