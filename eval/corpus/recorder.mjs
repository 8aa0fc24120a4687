/* global window */
// Makes one screen recording of the corpus: the real app pages rendered in Chromium, captured
// frame by frame as the plan scrolls and pauses, encoded in a second page with mediabunny. Ground
// truth (when each document shows, where it is scrolled, where chapters start) comes from the DOM.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { appPage } from './apps.mjs';
import { startEncoder } from './encoder.mjs';
import { BLANK_SEC, FPS, LOADING_SEC } from './recordings.mjs';

const bundle = fileURLToPath(new URL('../../node_modules/mediabunny/dist/bundles/mediabunny.mjs', import.meta.url));
/** A made-up localhost origin served by Playwright's router: a secure context, so WebCodecs exists. */
const ENCODER = 'http://localhost:9/';
const CSS = { width: 1280, height: 720 };

async function encoderPage(browser, plan) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route(`${ENCODER}**`, (route) =>
    new URL(route.request().url()).pathname === '/mediabunny.mjs'
      ? route.fulfill({ path: bundle, contentType: 'text/javascript' })
      : route.fulfill({ body: '<!doctype html><title>encoder</title>', contentType: 'text/html' }),
  );
  await page.goto(ENCODER);
  const size = { width: Math.round(CSS.width * plan.scale), height: Math.round(CSS.height * plan.scale) };
  await page.evaluate(startEncoder, { bundle: `${ENCODER}mediabunny.mjs`, codec: plan.codec, fps: FPS, ...size });
  return { context, page, size };
}

/** Writes `${dir}${plan.id}.mp4|webm`; returns its manifest entry. */
export async function buildRecording(browser, docs, plan, dir) {
  const encoder = await encoderPage(browser, plan);
  const context = await browser.newContext({ viewport: CSS, deviceScaleFactor: plan.scale });
  const page = await context.newPage();
  let frames = 0;
  const now = () => frames / FPS;
  /** Adds `count` frames: the first shows `frame` (see encoder.mjs), the others repeat it. */
  const add = async (frame, count = 1) => {
    for (let i = 0; i < count; i++) {
      await encoder.page.evaluate((f) => window.encoder.add(f), i === 0 ? frame : null);
      frames++;
    }
  };
  const shot = async () => (await page.screenshot({ type: 'jpeg', quality: 90 })).toString('base64');
  const show = async (html) => {
    // Scrollbars hidden, as overlay scrollbars are while reading: the tall shot below has none either.
    await page.setContent(html.replace('</style>', '#scroller{scrollbar-width:none}</style>'));
    // eslint-disable-next-line no-undef -- runs in the page
    await page.evaluate(() => document.fonts.ready);
  };
  const scrollTo = (top) => page.$eval('#scroller', (e, y) => ((e.scrollTop = y), e.scrollTop), top);
  const box = () =>
    page.$eval('#scroller', (e) => {
      const r = e.getBoundingClientRect();
      return { x: r.left + e.clientLeft, y: r.top + e.clientTop, width: e.clientWidth, height: e.clientHeight, max: e.scrollHeight - e.clientHeight };
    });
  /**
   * Scrolls from `from` for `sec` seconds at the plan's speed, a frame every 1/FPS s. A screenshot
   * per frame would take minutes: the page is shot once, and once more with the viewport taller by
   * the distance scrolled, and each frame copies its offset's slice of the scroller from the tall
   * shot over the page shot. Returns the offset reached.
   */
  const scroll = async (from, sec) => {
    const { x, y, width, height, max } = await box();
    const distance = Math.min(max - from, Math.ceil(plan.pxPerSec * sec));
    await page.setViewportSize({ width: CSS.width, height: CSS.height + distance });
    await scrollTo(from);
    const tall = await shot();
    await page.setViewportSize(CSS);
    const pageShot = await shot();
    const s = plan.scale;
    let top = from;
    for (let f = 1; f <= Math.round(sec * FPS); f++) {
      top = Math.min(from + distance, Math.round(from + (plan.pxPerSec * f) / FPS));
      const crop = { x: Math.round(x * s), y: Math.round(y * s), from: Math.round((y + top - from) * s), width: Math.round(width * s), height: Math.round(height * s) };
      await add(f === 1 ? { page: pageShot, tall, crop } : { crop });
    }
    return scrollTo(top);
  };

  const spans = [{ fromSec: 0, toSec: BLANK_SEC, state: 'blank' }];
  const boundaries = [];
  await add('blank', Math.round(BLANK_SEC * FPS));
  /** Where each (app, document) was left, to come back to it. */
  const left = new Map();
  let previous = null;
  for (const [app, docId, steps] of plan.visits) {
    const doc = docs.get(docId);
    const key = `${app}/${docId}`;
    if (previous !== null) {
      const kind = left.has(key) ? 'return' : previous.app !== app ? 'app' : 'document';
      boundaries.push({ timeSec: now(), app, doc: docId, kind });
    }
    // The app's page before the document's text arrives.
    await show(appPage(app, { ...doc, text: '' }, [...docs.values()]));
    spans.push({ fromSec: now(), toSec: now() + LOADING_SEC, state: 'loading', app, doc: docId });
    await add({ page: await shot() }, Math.round(LOADING_SEC * FPS));
    await show(appPage(app, doc, [...docs.values()]));
    let top = await scrollTo(left.get(key) ?? 0);
    let shown = false;
    for (const [step, sec] of steps) {
      const span = { fromSec: now(), toSec: now() + sec, state: step, app, doc: docId, scrollFrom: top };
      if (step === 'pause') await add(shown ? null : { page: await shot() }, Math.round(sec * FPS));
      else top = await scroll(top, sec);
      shown = true;
      spans.push({ ...span, scrollTo: top });
    }
    left.set(key, top);
    previous = { app, doc: docId };
  }
  const base64 = await encoder.page.evaluate(() => window.encoder.finish());
  const file = `${plan.id}.${plan.codec === 'vp9' ? 'webm' : 'mp4'}`;
  writeFileSync(`${dir}${file}`, Buffer.from(base64, 'base64'));
  await encoder.context.close();
  await context.close();
  const { id, codec, scale, pxPerSec } = plan;
  return { id, file, codec, ...encoder.size, scale, fps: FPS, pxPerSec, durationSec: now(), boundaries, spans };
}
