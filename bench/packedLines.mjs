/* global window, document */
/**
 * `node bench/packedLines.mjs`: what settling a session's OCR result costs the main thread, with its
 * lines as objects per word (before stop 43) against packed (src/shared/packedLines.ts), side by
 * side in one page of headless Chromium: a worker posts the run's response, the page merges it and
 * puts it into IndexedDB as the scheduler does. Serves bench/packedLines.html with Vite's dev
 * server (no build), prints the figures as JSON and a table. Not part of `npm run bench`.
 *
 * PACKED_SCREENS=n (300)  PACKED_LINES=n (40)  PACKED_WORDS=n (8)  PACKED_RUNS=n (7)  PACKED_PORT=n (4302)
 */
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { benchArgs, chromiumArgs, chromiumPath } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const options = { screens: env('PACKED_SCREENS', 300), lines: env('PACKED_LINES', 40), words: env('PACKED_WORDS', 8), runs: env('PACKED_RUNS', 7) };
const port = env('PACKED_PORT', 4302);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values) => `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
const mb = (bytes) => (bytes / 2 ** 20).toFixed(2);

// No dependency discovery: the page imports only the project's own files.
const server = await createServer({ root, configFile: false, logLevel: 'warn', server: { port, strictPort: true }, optimizeDeps: { noDiscovery: true, entries: [] } });
await server.listen();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...chromiumArgs, ...benchArgs] });
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`http://localhost:${port}/bench/packedLines.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', null, { timeout: 120_000 });
  const result = await page.evaluate((o) => window.packedLinesBench(o), options);
  console.log(JSON.stringify({ options, ...result }, null, 2));
  const rows = ['plain', 'packed'].map((form) => {
    const of = result.settles.filter((s) => s.form === form);
    const pick = (key) => of.map((s) => s[key]);
    return `| ${form} | ${range(pick('mainMs'))} | ${range(pick('dispatchMs'))} | ${range(pick('receiveMs'))} | ${range(pick('putMs'))} | ${range(pick('longTaskMs'))} | ${range(pick('committedMs'))} | ${range(pick('cloneMs'))} | ${mb(median(pick('heapBytes')))} | ${mb(median(pick('storedBytes')))} |`;
  });
  console.log(
    [
      `${options.screens} screens of ${options.lines} lines × ${options.words} words, ${options.runs} runs; medians (min–max), ms unless said`,
      '| lines | main thread: message + merge + put | dispatch | event.data | merge + put() | long tasks | until committed | structuredClone() alone | heap held, MB | stored, MB |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      `in the worker: unpack one screen ${result.unpack.oneMs.toFixed(3)} ms, all ${options.screens} ${result.unpack.allMs.toFixed(1)} ms; pack one screen ${result.unpack.packOneMs.toFixed(3)} ms; built ${JSON.stringify(result.built)}`,
    ].join('\n'),
  );
} finally {
  await browser.close();
  await server.close();
}
