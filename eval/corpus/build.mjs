// npm run eval:corpus — renders real documents in Debian's Chromium as a person reads them and
// saves screenshot series and screen recordings with their ground truth (eval/.corpus/, out of
// git). `-- --recordings` remakes only the recordings, keeping the screenshot series.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../bench/chromium.mjs';
import { appPage } from './apps.mjs';
import { buildRecording } from './recorder.mjs';
import { RECORDINGS } from './recordings.mjs';
import { SERIES, VIEWPORT } from './series.mjs';
import { loadDocuments } from './sources.mjs';
import { visibleWords } from './visibleWords.mjs';

const out = fileURLToPath(new URL('../.corpus/', import.meta.url));
/** Session clock of the first shot; shots follow 30–60 s apart. */
const START = Date.UTC(2026, 10, 20, 9, 0, 0);

/** Small seeded generator (mulberry32): the same scroll steps on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function buildSeries(browser, docs, series) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: series.scale });
  const page = await context.newPage();
  const next = random(series.seed);
  const dir = `${out}${series.id}/`;
  mkdirSync(dir, { recursive: true });
  /** Where each (app, document) was left, to come back to it. */
  const left = new Map();
  const shots = [];
  let at = START;
  let previous = null;
  for (const [app, docId, count] of series.visits) {
    const doc = docs.get(docId);
    await page.setContent(appPage(app, doc, [...docs.values()]));
    // eslint-disable-next-line no-undef -- runs in the page
    await page.evaluate(() => document.fonts.ready);
    const key = `${app}/${docId}`;
    let top = left.get(key) ?? 0;
    for (let k = 0; k < count; k++) {
      if (k > 0) {
        // Scroll 55–75% of the visible height: the next shot repeats the bottom of this one.
        const height = await page.$eval('#scroller', (e) => e.clientHeight);
        top += Math.round(height * (0.55 + 0.2 * next()));
      }
      top = await page.$eval('#scroller', (e, y) => ((e.scrollTop = y), e.scrollTop), top);
      const file = `${String(shots.length).padStart(2, '0')}.png`;
      await page.screenshot({ path: `${dir}${file}` });
      const words = await page.evaluate(visibleWords);
      const boundary = previous !== null && previous !== key;
      shots.push({ file, app, doc: docId, scrollTop: top, at, boundary, ...words });
      previous = key;
      at += Math.round(30_000 + 30_000 * next());
    }
    left.set(key, top);
  }
  await context.close();
  return { id: series.id, scale: series.scale, apps: [...new Set(series.visits.map((v) => v[0]))], shots };
}

const onlyRecordings = process.argv.includes('--recordings') && existsSync(`${out}corpus.json`);
if (!onlyRecordings) rmSync(out, { recursive: true, force: true });
rmSync(`${out}recordings/`, { recursive: true, force: true });
mkdirSync(`${out}recordings/`, { recursive: true });
const docs = loadDocuments();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
try {
  const corpus = onlyRecordings ? JSON.parse(readFileSync(`${out}corpus.json`, 'utf8')) : { viewport: VIEWPORT, series: [] };
  for (const series of onlyRecordings ? [] : SERIES) {
    corpus.series.push(await buildSeries(browser, docs, series));
    console.info(`${series.id}: ${corpus.series.at(-1).shots.length} shots`);
  }
  corpus.recordings = [];
  for (const plan of RECORDINGS) {
    const started = Date.now();
    corpus.recordings.push(await buildRecording(browser, docs, plan, `${out}recordings/`));
    const made = corpus.recordings.at(-1);
    console.info(`${plan.id}: ${made.durationSec} s, ${made.width}×${made.height} ${plan.codec}, ${made.boundaries.length} boundaries, made in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  writeFileSync(`${out}corpus.json`, JSON.stringify(corpus, null, 1));
} finally {
  await browser.close();
}
