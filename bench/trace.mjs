/**
 * BENCH_TRACE=file.json: a Chrome trace of scenario 11's drag (the timeline categories DevTools'
 * Performance panel records), written for DevTools, and a summary of where the page's main thread
 * spent the drag: the complete events on CrRendererMain by name, with their total time.
 */
import { writeFileSync } from 'node:fs';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8.execute'].join(',');

/** Starts tracing through a CDP session of the page; call the returned function to stop and save. */
export async function startTrace(cdp, path) {
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  return async () => {
    await cdp.send('Tracing.end');
    await done;
    writeFileSync(path, JSON.stringify({ traceEvents: events }));
    return mainThreadSummary(events);
  };
}

/** Total milliseconds by event name on the renderer's main thread (nested events count in their parents too). */
export function mainThreadSummary(events) {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'EventDispatch'));
  if (!main) return [];
  const totals = new Map();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !e.dur) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([name, ms]) => ({ name, ms: Math.round(ms) }));
}
