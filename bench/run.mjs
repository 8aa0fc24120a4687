/* global fetch, window, document, performance */
/**
 * `npm run bench`: builds the app with the bench page (BENCH=1, outDir dist-bench), serves it with
 * `vite preview` on port 4299, drives headless Chromium through Playwright, runs every scenario
 * in the page, prints a table, writes bench/results.json and rewrites docs/benchmarks.md.
 *
 * BENCH_QUICK=1   small counts and one run (a smoke test, not figures to publish)
 * BENCH_RUNS=n    runs per figure (default 3; 1 in quick mode)
 * BENCH_ONLY=a,b  only these scenarios: overhead, scaling, memory, scale, enrichment, app, video, ocr, search, timeline, library
 *                 (appstart: only scenario 6's last rows, the app itself over stored job records)
 * BENCH_SKIP_BUILD=1  reuse dist-bench
 * BENCH_NO_DOCS=1 do not touch docs/benchmarks.md
 * BENCH_PORT=n   serve on another port than 4299
 * BENCH_SEARCH=a,b,q,s  scenario 10 at other sizes: sessions of the shards of before (and postings alike), sessions of the big postings library, queries, saves during the batch
 * BENCH_PROFILE=file  scenario 11 writes the main thread's CPU profile of the drag there
 * BENCH_TRACE=file  scenario 11 writes a Chrome trace of the drag there and prints where the main thread's time went
 * BENCH_VARIANTS=a,b  scenario 1 runs only these ways, in this order (engineDurable, engineMemory, poolOnly, poolBare, workerpool, comlink)
 * BENCH_ENGINE_PROFILE=file  scenario 1 writes the page's main-thread CPU profile there
 * BENCH_APP_TRACE=file  scenario 4 writes a Chrome trace of the batch there and prints where the main thread's time went
 * BENCH_APP_PROFILE=file  scenario 4 writes the app's main-thread CPU profile of the batch and its cancel there (read it with bench/busySpans.mjs)
 * BENCH_LIBRARY_PROFILE=file  scenario 12 writes the main-thread CPU profile of its "Enrich all" and "Cancel batch" there
 * BENCH_REDUCED_MOTION=1  the pages prefer reduced motion (every animation of the app off), to see what the animations cost
 * BENCH_INCOGNITO=1  an incognito-like context (IndexedDB in memory) instead of a profile on disk
 * BENCH_APP_HISTORY=settled  scenario 6's app history in settled records, as the app writes it since
 *                 schema v8, instead of a record per job, as it was written before
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { chromium } from 'playwright';
import { benchArgs, chromiumArgs, chromiumPath } from './chromium.mjs';
import { installProbe } from './probe.mjs';
import { aggregate, checkTargets, tables, toText } from './report.mjs';
import { writeDocs } from './docs.mjs';
import { rendererMemory } from './rss.mjs';
import { startTrace } from './trace.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const PORT = Number(process.env.BENCH_PORT ?? 4299);
const OUT_DIR = 'dist-bench';
const BASE = `http://localhost:${PORT}`;
const QUICK = Boolean(process.env.BENCH_QUICK);
const INCOGNITO = Boolean(process.env.BENCH_INCOGNITO);
const APP_HISTORY_FORM = process.env.BENCH_APP_HISTORY === 'settled' ? 'settled' : 'records';

/**
 * Scenario 9's recordings: a page scrolling at 40 px/s of 720p (60 px/s at 1080p, the same
 * speed on screen) for `scrollSec`, and `pagesSec` of 1080p pages with a line being typed.
 */
function ocrRecordings(scrollSec, pagesSec) {
  return [
    { name: 'scroll-720p', kind: 'scroll', shape: { durationSec: scrollSec, fps: 10, width: 1280, height: 720, pxPerSec: 40, seed: 16 } },
    { name: 'scroll-1080p', kind: 'scroll', shape: { durationSec: scrollSec, fps: 10, width: 1920, height: 1080, pxPerSec: 60, seed: 16 } },
    { name: 'pages-1080p', kind: 'pages', shape: { durationSec: pagesSec, fps: 10, width: 1920, height: 1080, pageSec: 20 } },
  ];
}

/**
 * Scenario 11: a one-hour recording as its stored results describe it (a frame with a thumbnail
 * every 3 s, 40 chapters, a cue and a stretch of speech every 4 s); the playhead is dragged from end
 * to end and back (2.5 s a way) for 10 s, a pointer move every 16 ms. The same in quick mode: the
 * size is the point of the scenario.
 */
const TIMELINE = { shape: { durationSec: 3600, frameEverySec: 3, chapters: 40, cueEverySec: 4 }, dragMs: 10_000, passMs: 2_500, moveEveryMs: 16 };

/**
 * Counts per scenario. The real pipeline (OCR included) takes about a second per session and worker,
 * so the big real batches are measured over a fixed window (then cancelled): the full run stays
 * near 10 minutes on 2 cores.
 */
const config = QUICK
  ? {
      runs: 1,
      jobs: 2000,
      roundTrips: 50,
      workerStarts: 5,
      cpuTasks: 8,
      ocrSessions: 2,
      memory: [250, 1000],
      scale: [1000, 10_000],
      appHistory: 10_000,
      library: { count: 24, unique: 12 },
      enrich: [
        { count: 12, windowMs: 90_000, ocr: 'full' },
        { count: 12, windowMs: 90_000 },
      ],
      app: { count: 24, windowMs: 15_000 },
      video: { durationSec: 60, fps: 10, width: 1920, height: 1080, pageSec: 30 },
      ocrWork: ocrRecordings(30, 60),
      search: { shape: { documentsPerSession: 25, wordsPerDocument: 250 }, oldSessions: 100, newSessions: 400, queries: 22, batchSessions: 5 },
      timeline: TIMELINE,
      bigLibrary: 2000,
    }
  : {
      runs: 3,
      jobs: 20_000,
      roundTrips: 100,
      workerStarts: 15,
      cpuTasks: 64,
      ocrSessions: 4,
      memory: [1000, 4000],
      scale: [10_000, 100_000],
      // Finished job records in the app's own database when index.html loads (scenario 6, real app).
      appHistory: 100_000,
      // 100 generated sessions cover what a 20 s window can process; copies make the queue 500 deep.
      library: { count: 500, unique: 100 },
      // The first batch with OCR reading every screen whole, as before incremental reading.
      enrich: [
        { count: 12, windowMs: 120_000, ocr: 'full' },
        { count: 12, windowMs: 120_000 },
        { count: 200, windowMs: 20_000 },
      ],
      app: { count: 500, windowMs: 20_000 },
      // Ten minutes of 1080p screen at 10 frames/s: made once by the browser (about 2 min), then enriched each run.
      video: { durationSec: 600, fps: 10, width: 1920, height: 1080, pageSec: 30 },
      ocrWork: ocrRecordings(76, 120),
      // The issue's library: sessions of 25 documents of 250 words. The shards of before at 500 (within
      // their memory budget; past it every query re-reads every shard), the postings at 500 and 10,000.
      search: { shape: { documentsPerSession: 25, wordsPerDocument: 250 }, oldSessions: 500, newSessions: 10_000, queries: 44, batchSessions: 10 },
      timeline: TIMELINE,
      // The issue's library: 10,000 sessions (12 generated, the rest copies of them).
      bigLibrary: 10_000,
    };
if (process.env.BENCH_SEARCH) {
  const [oldSessions, newSessions, queries, batchSessions] = process.env.BENCH_SEARCH.split(',').map(Number);
  config.search = { ...config.search, oldSessions, newSessions, queries, batchSessions };
}
if (process.env.BENCH_RUNS) config.runs = Math.max(1, Number(process.env.BENCH_RUNS));
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const wanted = (name) => !only || only.has(name);

const started = Date.now();
/** The persistent profile's folder: it names this browser's processes for the memory sampler. */
let profileDir = null;
const log = (message) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

const vite = (args, extraEnv = {}) => [process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), ...args], { cwd: root, env: { ...process.env, ...extraEnv } }];

function build() {
  log(`building the app and the bench page into ${OUT_DIR}/ (BENCH=1)`);
  const [cmd, args, options] = vite(['build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn'], { BENCH: '1' });
  const result = spawnSync(cmd, args, { ...options, encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error('vite build failed');
  }
}

/** Starts `vite preview` and makes sure that it, not another server on the port, answers. */
async function serve() {
  const [cmd, args, options] = vite(['preview', '--outDir', OUT_DIR, '--port', String(PORT), '--strictPort']);
  const server = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited (is port ${PORT} taken? set BENCH_PORT): ${output}`);
    if (output.includes(`:${PORT}`)) {
      const page = await fetch(`${BASE}/bench/index.html`).then((r) => r.text(), () => '');
      if (page.includes('Session Enricher benchmarks')) return server;
    }
    await delay(100);
  }
  server.kill();
  throw new Error(`vite preview did not serve the bench page on port ${PORT}: ${output}`);
}

/** Opens the bench page and waits until its API is installed. */
async function benchPage(context, query = '') {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  if (process.env.BENCH_VERBOSE) page.on('console', (message) => log(`console: ${message.text()}`));
  await page.goto(`${BASE}/bench/index.html${query}`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  return page;
}

/** Empties the sample library's queue and results (the sessions stay) from a bench page of its own. */
async function resetLibraryQueue(context) {
  const page = await benchPage(context);
  try {
    await page.evaluate(() => window.bench.resetLibraryQueue());
  } finally {
    await page.close();
  }
}

/** Runs one scenario; a failure is recorded and the bench goes on. */
async function step(name, run) {
  const t = Date.now();
  try {
    const result = await run();
    log(`${name}: done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    log(`${name}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** "done/total" as the app's batch panel shows it, or null when the panel is not there. */
const batchCount = (page) =>
  page.evaluate(() => {
    const match = /^(\d+)\/(\d+)$/.exec(document.querySelector('.batch-count')?.textContent?.replace(/\s/g, '') ?? '');
    return match ? { done: Number(match[1]), total: Number(match[2]) } : null;
  });

/** Polls the batch panel once a second until `ready` holds or `ms` pass; returns the last reading. */
async function watchBatch(page, ms, ready) {
  const until = Date.now() + ms;
  let count = await batchCount(page);
  while (Date.now() < until && !ready(count)) {
    await delay(Math.min(1000, Math.max(0, until - Date.now())));
    count = await batchCount(page);
  }
  return count;
}

/**
 * Scenario 4 in the real app: its page, its React UI, its own engine; the probe counts. "Enrich all"
 * starts the batch; after the window (or when it is done) "Cancel batch" stops the rest, measured apart.
 */
async function appBatch(context, { count, windowMs }) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`app page error: ${error.message}`));
  try {
    await page.goto(`${BASE}/`);
    const enrich = page.getByRole('button', { name: 'Enrich all' });
    await enrich.waitFor({ state: 'visible', timeout: 30_000 });
    for (let i = 0; i < 300 && !(await enrich.isEnabled()); i++) await delay(100);
    // Let the first render, the storage estimate and leadership settle before measuring.
    await delay(1500);
    // BENCH_APP_PROFILE=file.cpuprofile: the app's main-thread CPU profile of the batch and its cancel.
    const profiler = process.env.BENCH_APP_PROFILE ? await page.context().newCDPSession(page) : null;
    await profiler?.send('Profiler.enable');
    await profiler?.send('Profiler.start');
    // BENCH_APP_TRACE=file.json: a Chrome trace of the batch's window (not the cancel), and where the main thread's time went.
    const stopTrace = process.env.BENCH_APP_TRACE ? await startTrace(await page.context().newCDPSession(page), process.env.BENCH_APP_TRACE) : null;
    await page.evaluate(() => window.__benchProbe.start());
    const t0 = Date.now();
    await enrich.click();
    const all = (c) => c !== null && c.total === count && c.done === count;
    const atEnd = await watchBatch(page, windowMs, all);
    const ms = Date.now() - t0;
    const during = await page.evaluate(() => window.__benchProbe.stop());
    if (stopTrace) log(`app batch trace: ${JSON.stringify(await stopTrace())}`);
    if (atEnd === null) throw new Error('The app shows no batch count (.batch-count): its UI changed; update bench/run.mjs.');
    let cancel = null;
    if (!all(atEnd)) {
      await page.evaluate(() => window.__benchProbe.start());
      const c0 = Date.now();
      await page.getByRole('button', { name: 'Cancel batch' }).click();
      await watchBatch(page, 60_000, all);
      const probe = await page.evaluate(() => window.__benchProbe.stop());
      cancel = { jobs: count - atEnd.done, ms: Date.now() - c0, longTasks: probe.longTasks, longestTaskMs: probe.longestTaskMs, maxFrameGapMs: probe.maxFrameGapMs, clickToPaintMs: probe.clickToPaintMs };
    }
    if (profiler) writeFileSync(process.env.BENCH_APP_PROFILE, JSON.stringify((await profiler.send('Profiler.stop')).profile));
    return { sessions: count, finished: atEnd.done, complete: all(atEnd), windowMs, ms, sessionsPerMin: (atEnd.done * 60_000) / ms, ...during, cancel };
  } finally {
    await page.close();
  }
}

/**
 * Opens a session by its title. The list is virtualized and sorted by import: the session prepared
 * last sits at the bottom of a library of hundreds, so the list is scrolled until its row is rendered.
 */
async function openSession(page, title) {
  const row = page.getByRole('button', { name: title, exact: true });
  await page.locator('.session').first().waitFor({ timeout: 60_000 });
  for (let i = 0; i < 200 && (await row.count()) === 0; i++) {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await delay(100);
  }
  await row.click({ timeout: 60_000 });
}

/**
 * Scenario 11 in the real app: opens the prepared session's detail, then drags the playhead over
 * its whole timeline with Playwright's mouse while the probe records frame gaps, long tasks and
 * React commits.
 */
async function timelineDrag(context, prepared, { dragMs, passMs, moveEveryMs }) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`app page error: ${error.message}`));
  try {
    await page.goto(`${BASE}/`);
    await openSession(page, prepared.title);
    const track = page.getByRole('slider', { name: 'Playhead' });
    await track.waitFor({ state: 'visible', timeout: 60_000 });
    await track.scrollIntoViewIfNeeded();
    // Let the detail's first render and the first thumbnails settle before measuring.
    await delay(2000);
    const box = await track.boundingBox();
    if (!box) throw new Error('The playhead track has no box: the detail view changed; update bench/run.mjs.');
    const y = box.y + box.height / 2;
    const xAt = (elapsed) => {
      const phase = (elapsed % (2 * passMs)) / passMs;
      return box.x + 1 + (phase < 1 ? phase : 2 - phase) * (box.width - 2);
    };
    await page.mouse.move(xAt(0), y);
    // BENCH_PROFILE=file.cpuprofile: the main thread's CPU profile of the drag, for DevTools.
    const profiler = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null;
    await profiler?.send('Profiler.enable');
    await profiler?.send('Profiler.start');
    const stopTrace = process.env.BENCH_TRACE ? await startTrace(await context.newCDPSession(page), process.env.BENCH_TRACE) : null;
    await page.evaluate(() => window.__benchProbe.start());
    await page.mouse.down();
    const t0 = Date.now();
    let moves = 0;
    for (let next = t0; Date.now() - t0 < dragMs; next += moveEveryMs) {
      await page.mouse.move(xAt(Date.now() - t0), y);
      moves++;
      await delay(Math.max(0, next + moveEveryMs - Date.now()));
    }
    await page.mouse.up();
    const ms = Date.now() - t0;
    const probe = await page.evaluate(() => window.__benchProbe.stop());
    if (profiler) writeFileSync(process.env.BENCH_PROFILE, JSON.stringify((await profiler.send('Profiler.stop')).profile));
    if (stopTrace) log(`main thread during the drag (ms by event):\n${(await stopTrace()).map((e) => `  ${String(e.ms).padStart(6)}  ${e.name}`).join('\n')}`);
    const shown = await page.locator('.moment-picture').getAttribute('data-frame-index');
    return { ...probe, dragMs: ms, moves, movesPerSec: (moves * 1000) / ms, lastFrameShown: Number(shown) };
  } finally {
    await page.close();
  }
}

/**
 * Watches, from navigation on, for the app's first dispatch of job `jobId`: its running state in the
 * running record, or its own record past 'queued' or gone (the run already ended). Also notes the first
 * session row shown. Reads the database every 10 ms in one small read-only transaction.
 */
function watchFirstDispatch({ dbName, runningKey, jobId }) {
  const seen = { dispatchMs: null, firstRowMs: null };
  window.__benchAppStart = seen;
  const request = window.indexedDB.open(dbName);
  request.onsuccess = () => {
    const db = request.result;
    // The app may upgrade the database: this watcher must not hold it up.
    db.onversionchange = () => db.close();
    const tick = () => {
      if (seen.firstRowMs === null && document.querySelector('.sessions li')) seen.firstRowMs = performance.now();
      let tx;
      try {
        tx = db.transaction(['runningJobs', 'jobs'], 'readonly');
      } catch {
        return;
      }
      const running = tx.objectStore('runningJobs').get(runningKey);
      const job = tx.objectStore('jobs').get(jobId);
      tx.oncomplete = () => {
        // Its record goes once it settles (into a settled record): gone, it has run.
        const started = (running.result?.jobs ?? []).some((j) => j.id === jobId) || job.result?.state !== 'queued';
        if (started) {
          seen.dispatchMs = performance.now();
          db.close();
        } else window.setTimeout(tick, 10);
      };
    };
    tick();
  };
}

/**
 * Scenario 6 in the real app: the app's database holds `jobs` finished job records and one queued
 * job; index.html is loaded and timed from navigation to that job's start (its running state stored)
 * and to the first session row. The start is watched from the bench page, a renderer of its own
 * (`dispatchMs`), and from inside the app's page as before (`dispatchInPageMs`: its reads wait for
 * that page's main thread). The history is cleared afterwards; the library stays.
 */
async function appStart(context, benchPage, jobs) {
  const prepared = await benchPage.evaluate(([n, form]) => window.bench.prepareAppHistory(n, form), [jobs, APP_HISTORY_FORM]);
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`app page error: ${error.message}`));
  try {
    await page.addInitScript(watchFirstDispatch, { dbName: prepared.dbName, runningKey: prepared.runningKey, jobId: prepared.queuedId });
    const watched = benchPage.evaluate((history) => window.bench.watchAppDispatch(history), prepared);
    await page.goto(`${BASE}/`);
    const startedAt = await watched;
    await page.waitForFunction(() => window.__benchAppStart?.dispatchMs !== null, undefined, { timeout: 120_000, polling: 100 });
    const seen = await page.evaluate(() => ({ ...window.__benchAppStart, timeOrigin: performance.timeOrigin }));
    return { jobs, dispatchMs: startedAt - seen.timeOrigin, dispatchInPageMs: seen.dispatchMs, firstRowMs: seen.firstRowMs ?? NaN };
  } finally {
    await page.close();
    await benchPage.evaluate(() => window.bench.clearAppHistory());
  }
}

/**
 * Scenario 12 in the real app: opens a library of `count` sessions, times the first row shown (from
 * navigation start) and the long tasks of start-up, then scrolls the list with the mouse wheel (400 px
 * every 16 ms for 150 steps, about 700 rows) while the probe records frame gaps and long tasks; then
 * clicks "Enrich all" (every session queued) and "Cancel batch", timing each click to its next paint
 * and the long tasks of the 5 s after it.
 */
async function libraryScroll(context, count) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`app page error: ${error.message}`));
  try {
    await page.goto(`${BASE}/`);
    await page.evaluate(() => window.__benchProbe.start());
    await page.waitForFunction(() => document.querySelector('.sessions li') !== null, undefined, { timeout: 120_000, polling: 'raf' });
    const firstRowMs = await page.evaluate(() => performance.now());
    const rows = await page.evaluate(() => document.querySelectorAll('.sessions li').length);
    await delay(1500);
    const start = await page.evaluate(() => window.__benchProbe.stop());
    await page.mouse.move(400, 400);
    await page.evaluate(() => window.__benchProbe.start());
    for (let i = 0; i < 150; i++) {
      await page.mouse.wheel(0, 400);
      await delay(16);
    }
    const scroll = await page.evaluate(() => window.__benchProbe.stop());
    const scrolledPx = await page.evaluate(() => window.scrollY);
    const heapMB = await page.evaluate(() => (performance.memory?.usedJSHeapSize ?? NaN) / 2 ** 20);
    // "Enrich all" over the whole library, then "Cancel batch": each click and the 5 s after it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await delay(500);
    const profiler = process.env.BENCH_LIBRARY_PROFILE ? await page.context().newCDPSession(page) : null;
    await profiler?.send('Profiler.enable');
    await profiler?.send('Profiler.start');
    const command = async (name) => {
      await page.evaluate(() => window.__benchProbe.start());
      await page.getByRole('button', { name }).click();
      await delay(5000);
      const probe = await page.evaluate(() => window.__benchProbe.stop());
      return { longTasks: probe.longTasks, longestTaskMs: probe.longestTaskMs, maxFrameGapMs: probe.maxFrameGapMs, p99FrameGapMs: probe.p99FrameGapMs, clickToPaintMs: probe.clickToPaintMs };
    };
    const enrichAll = await command('Enrich all');
    const cancelAll = await command('Cancel batch');
    if (profiler) writeFileSync(process.env.BENCH_LIBRARY_PROFILE, JSON.stringify((await profiler.send('Profiler.stop')).profile));
    return { sessions: count, firstRowMs, rowsRendered: rows, startLongTasks: start.longTasks, startLongestTaskMs: start.longestTaskMs, scrolledPx, heapMB, ...scroll, enrichAll, cancelAll };
  } finally {
    await page.close();
  }
}

/** One run: every scenario once, ratios taken within the same page. */
async function runOnce(context, index, hardwareConcurrency, timeline) {
  const size = hardwareConcurrency;
  const result = {};
  let page = await benchPage(context);
  if (wanted('overhead')) {
    const variants = ['engineDurable', 'engineMemory', 'poolOnly', 'poolBare', 'workerpool', 'comlink'];
    const order = [...variants.slice(index % variants.length), ...variants.slice(0, index % variants.length)];
    const chosen = process.env.BENCH_VARIANTS ? process.env.BENCH_VARIANTS.split(',') : order;
    const profiler = process.env.BENCH_ENGINE_PROFILE ? await context.newCDPSession(page) : null;
    await profiler?.send('Profiler.enable');
    await profiler?.send('Profiler.start');
    result.overhead = await step('1/5 overhead', () =>
      page.evaluate((o) => window.bench.overhead(o), { jobs: config.jobs, size, roundTrips: config.roundTrips, order: chosen }),
    );
    if (profiler) writeFileSync(process.env.BENCH_ENGINE_PROFILE, JSON.stringify((await profiler.send('Profiler.stop')).profile));
    result.workerStart = await step('1b worker start', () => page.evaluate((o) => window.bench.workerStarts(o), { starts: config.workerStarts }));
  }
  if (wanted('scaling')) {
    const ocrSessions = wanted('enrichment') || wanted('app') ? config.ocrSessions : 0;
    result.scaling = await step('2 scaling', () => page.evaluate((o) => window.bench.scaling(o), { tasks: config.cpuTasks, maxSize: size, ocrSessions }));
  }
  if (wanted('memory')) {
    result.memory = await step('7 memory', () => page.evaluate((o) => window.bench.memory(o), { counts: config.memory, size }));
  }
  if (wanted('scale')) {
    const scale = await step('6 enqueue', () => page.evaluate((o) => window.bench.enqueueScale(o), { counts: config.scale }));
    result.scale = scale.error ? scale : { figures: scale.figures };
    if (!scale.error) {
      result.recovery = await step('6 recovery after a fresh page load', async () => {
        await page.close();
        page = await benchPage(context, `?recover=${encodeURIComponent(scale.keptDb)}&size=${size}`);
        await page.waitForFunction(() => window.benchRecovery !== undefined, undefined, { timeout: 120_000 });
        const recovery = await page.evaluate(() => window.benchRecovery);
        if (recovery.error) throw new Error(recovery.error);
        return recovery;
      });
    }
  }
  if (wanted('scale') || wanted('appstart')) {
    result.appStart = await step(`6 the app over ${config.appHistory.toLocaleString('en-US')} stored job records`, () => appStart(context, page, config.appHistory));
  }
  if (wanted('search')) {
    // A page of its own: the heap it measures is the index's alone.
    await page.close();
    const own = await benchPage(context);
    try {
      result.search = await step('10 search library', () => own.evaluate((o) => window.bench.searchLibrary(o), config.search));
    } finally {
      await own.close();
    }
    page = await benchPage(context);
  }
  if (wanted('enrichment')) {
    result.enrichment = await step('3 enrichment', () => page.evaluate((o) => window.bench.enrichment(o), { batches: config.enrich, size }));
  }
  if (wanted('video')) {
    // Each run in a page of its own, opened after the others closed: a fresh renderer, so that the
    // memory one run keeps does not count as the next one's baseline.
    await page.close();
    const videoRun = async (stages) => {
      const own = await benchPage(context);
      const memory = rendererMemory(profileDir);
      try {
        const run = await own.evaluate((s) => window.bench.enrichVideo(s), stages);
        return { ...run, ...memory.stop() };
      } finally {
        memory.stop();
        await own.close();
      }
    };
    // The video stage alone (demux, decode, sample), then the whole pipeline.
    result.videoDecode = await step('8 video, decoding and sampling only', () => videoRun(['video']));
    result.video = await step('8 video, every stage', () => videoRun(undefined));
    page = await benchPage(context);
  }
  if (wanted('ocr')) {
    const names = config.ocrWork.map((r) => r.name);
    result.ocrWork = await step('9 OCR proportional to new text', () => page.evaluate((o) => window.bench.ocrWork(o), { names, size }));
  }
  await page.close();
  if (timeline && !timeline.error) {
    result.timeline = await step('11 timeline drag', () => timelineDrag(context, timeline, config.timeline));
  }
  if (wanted('app')) {
    await resetLibraryQueue(context);
    result.app = await step('4 real app batch', () => appBatch(context, config.app));
    await resetLibraryQueue(context);
  }
  return result;
}

async function main() {
  if (!process.env.BENCH_SKIP_BUILD) build();
  const server = await serve();
  const profile = mkdtempSync(join(os.tmpdir(), 'session-enricher-bench-'));
  profileDir = INCOGNITO ? null : profile;
  let context;
  try {
    // A persistent profile by default: IndexedDB on disk, as for a person using the app. A plain
    // Playwright context is incognito-like and keeps IndexedDB in memory (BENCH_INCOGNITO=1).
    const launch = { executablePath: chromiumPath(), args: [...chromiumArgs, ...benchArgs], headless: true };
    const contextOptions = { serviceWorkers: 'block', viewport: { width: 1280, height: 800 }, ...(process.env.BENCH_REDUCED_MOTION ? { reducedMotion: 'reduce' } : {}) };
    context = INCOGNITO
      ? await (await chromium.launch(launch)).newContext(contextOptions)
      : await chromium.launchPersistentContext(profile, { ...launch, ...contextOptions });
    await context.addInitScript(installProbe);
    const first = await benchPage(context);
    const cdp = await context.newCDPSession(first);
    const version = await cdp.send('Browser.getVersion');
    const info = await first.evaluate(() => window.bench.info());
    const machine = {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
      chromium: version.product,
      profile: INCOGNITO ? 'incognito context (IndexedDB in memory)' : 'persistent profile (IndexedDB on disk)',
      node: process.version,
      ...info,
    };
    log(`${machine.chromium}, hardwareConcurrency ${info.hardwareConcurrency}, load average ${machine.loadAverageAtStart.join(' ')}; ${QUICK ? 'QUICK mode' : 'full mode'}, ${config.runs} run(s)`);
    let library = null;
    if (wanted('enrichment') || wanted('app')) {
      const { count, unique } = config.library;
      library = await step(`sample library: ${unique} generated, ${count} in all`, () => first.evaluate((o) => window.bench.prepareLibrary(o.count, o.unique), { count, unique }));
    }
    let video = null;
    if (wanted('video')) {
      video = await step(`video: ${config.video.durationSec / 60} min of ${config.video.height}p at ${config.video.fps} frames/s made in the browser`, () =>
        first.evaluate((o) => window.bench.prepareVideo(o), config.video),
      );
    }
    let ocrPrepared = null;
    if (wanted('ocr')) {
      ocrPrepared = await step('OCR recordings made in the browser', () => first.evaluate((o) => window.bench.prepareOcrRecordings(o), config.ocrWork));
    }
    let timeline = null;
    if (wanted('timeline')) {
      const t = config.timeline.shape;
      timeline = await step(`timeline: a ${t.durationSec / 60} min recording's results stored`, () => first.evaluate((o) => window.bench.prepareTimelineSession(o), t));
    }
    await first.close();

    const runs = [];
    for (let i = 0; i < config.runs; i++) {
      log(`run ${i + 1} of ${config.runs}`);
      const runStarted = Date.now();
      runs.push(await runOnce(context, i, info.hardwareConcurrency, timeline));
      if (i === 0 && config.runs > 1) {
        const projected = (Date.now() - started + (Date.now() - runStarted) * (config.runs - 1)) / 60_000;
        log(`one run took ${((Date.now() - runStarted) / 1000).toFixed(0)} s; the whole bench should take about ${projected.toFixed(1)} min`);
      }
    }
    const last = await benchPage(context);
    let bigLibrary = null;
    if (wanted('library')) {
      // After the runs: it replaces the library the batch scenarios use.
      const prepared = await step(`12 library: ${config.bigLibrary.toLocaleString('en-US')} sessions stored`, () =>
        last.evaluate((o) => window.bench.prepareLibrary(o.count, o.unique), { count: config.bigLibrary, unique: 12 }),
      );
      const rounds = [];
      for (let i = 0; i < config.runs && !prepared.error; i++) rounds.push(await step(`12 library open and scroll, ${i + 1} of ${config.runs}`, () => libraryScroll(context, config.bigLibrary)));
      bigLibrary = { prepared, rounds };
    }
    machine.loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);

    await last.evaluate(() => window.bench.deleteLibrary());
    if (wanted('video')) await last.evaluate(() => window.bench.deleteVideo());
    if (wanted('ocr')) await last.evaluate(() => window.bench.deleteOcrRecordings());
    if (timeline && !timeline.error) await last.evaluate((id) => window.bench.deleteTimelineSession(id), timeline.sessionId);
    await last.close();

    const summary = aggregate(runs);
    if (bigLibrary) summary.bigLibrary = { ...aggregate(bigLibrary.rounds), prepared: bigLibrary.prepared };
    const targets = checkTargets(summary, info);
    if (video && summary.video) summary.video.prepared = video;
    if (summary.videoDecode && summary.video) summary.video.decode = summary.videoDecode;
    if (timeline && summary.timeline && !summary.timeline.error) summary.timeline.prepared = { ...timeline, ...config.timeline };
    if (ocrPrepared && summary.ocrWork && !summary.ocrWork.error) summary.ocrRecordings = ocrPrepared;
    const sections = tables(summary, info);
    console.log(`\n${toText(sections, targets)}`);
    const results = { date: new Date().toISOString(), quick: QUICK, config, machine, library, video, summary, targets: targets.map(({ id, target, figure, met, miss }) => ({ id, target, figure, met, miss })), runs };
    writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
    log('wrote bench/results.json');
    if (!process.env.BENCH_NO_DOCS) {
      writeDocs(join(root, 'docs/benchmarks.md'), { results, sections, targets });
      log('wrote docs/benchmarks.md');
    }
  } finally {
    await context?.close();
    await context?.browser()?.close();
    server.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
