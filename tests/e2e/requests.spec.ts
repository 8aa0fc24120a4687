import { expect, test, type ConsoleMessage } from '@playwright/test';
import { expectBatchDone, loadSamples } from './helpers.ts';
import { waitForServiceWorker } from './pwa-helpers.ts';

interface Seen {
  url: string;
  /** Playwright gives dedicated and nested workers' requests the page's frame: they count as the page's. */
  from: 'page and its workers' | 'service worker';
}

test('request audit: from first load through a full enrichment of the samples, every request stays on the app origin', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(420_000);
  const origin = new URL(baseURL!).origin;
  const seen: Seen[] = [];
  // The context sees requests of the page, of its workers, of their nested workers and of the service worker.
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
  await waitForServiceWorker(page);
  await loadSamples(page);
  await page.getByRole('button', { name: 'Enrich all' }).click();
  await expectBatchDone(page, 12, 360_000);

  const foreign = seen.filter(({ url }) => !sameOrigin(url, origin));
  expect(foreign).toEqual([]);
  expect(violations).toEqual([]);
  // The audit saw what it claims to see: the service worker's precaching, and the requests of
  // tesseract's nested worker (its core and model, which only that worker fetches).
  expect(seen.some(({ from }) => from === 'service worker')).toBe(true);
  const fromPage = seen.filter(({ from }) => from !== 'service worker').map(({ url }) => new URL(url).pathname);
  expect(fromPage).toContain('/ocr/lang/eng.traineddata.gz');
  expect(fromPage.some((path) => /^\/ocr\/tesseract-core-.*\.wasm\.js$/.test(path))).toBe(true);
  expect(fromPage.some((path) => /^\/assets\/enrich\.worker-.+\.js$/.test(path))).toBe(true);

  const counts = (['page and its workers', 'service worker'] as const).map((from) => `${seen.filter((s) => s.from === from).length} from the ${from}`);
  const figures = `${seen.length} requests, all to ${origin}: ${counts.join(', ')}`;
  test.info().annotations.push({ type: 'figures', description: figures });
  console.log(figures);
});

/** http(s) to the app's origin; blob: URLs made by the app; data: URLs, which go nowhere. */
function sameOrigin(url: string, origin: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:') return true;
  if (parsed.protocol === 'blob:') return new URL(parsed.pathname).origin === origin;
  return parsed.origin === origin;
}
