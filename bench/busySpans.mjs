/**
 * `node bench/busySpans.mjs file.cpuprofile [minMs]`: the spans of a main-thread CPU profile in which
 * the thread never went idle for at least `minMs` (default 50: a long task's threshold), and for each
 * the functions that took its time (self time) and the stacks under which they ran. Read it with the
 * profiles BENCH_APP_PROFILE, BENCH_ENGINE_PROFILE or BENCH_PROFILE write.
 */
import { readFileSync } from 'node:fs';

const [file, minArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/busySpans.mjs file.cpuprofile [minMs]');
  process.exit(1);
}
const MIN_MS = Number(minArg ?? 50);
/** Idle gaps shorter than this do not end a span: the profiler's own sampling jitter. */
const JOIN_MS = 2;

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const label = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.split('/').pop()}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
};
/** '(program)' (native work: style, layout, paint, the event loop) counts as busy, as a long task does. */
const idle = (node) => node.callFrame.functionName === '(idle)';

/** A sample's stack, outermost first, without the root. */
function stack(id) {
  const frames = [];
  for (let at = id; at !== undefined; at = parent.get(at)) frames.push(nodes.get(at));
  return frames.reverse().slice(1);
}

// Sample times in ms from the profile's start.
const times = [];
let t = 0;
for (const delta of profile.timeDeltas) times.push((t += delta) / 1000);

const spans = [];
let open = null;
for (let i = 0; i < profile.samples.length; i++) {
  const node = nodes.get(profile.samples[i]);
  const at = times[i];
  const next = times[i + 1] ?? at;
  if (idle(node)) {
    if (open && at - open.end > JOIN_MS) {
      spans.push(open);
      open = null;
    }
    continue;
  }
  open ??= { start: at, end: at, samples: [] };
  open.end = next;
  open.samples.push({ id: profile.samples[i], ms: next - at });
}
if (open) spans.push(open);

const long = spans.filter((span) => span.end - span.start >= MIN_MS);
const busy = spans.reduce((sum, span) => sum + span.end - span.start, 0);
const total = times.at(-1) ?? 0;
console.log(`${file}: ${(total / 1000).toFixed(1)} s profiled, busy ${(busy / 1000).toFixed(1)} s, ${long.length} span(s) of ${MIN_MS} ms or more`);
for (const span of long) {
  console.log(`\n${Math.round(span.end - span.start)} ms at ${(span.start / 1000).toFixed(2)} s`);
  const self = new Map();
  const under = new Map();
  for (const { id, ms } of span.samples) {
    const frames = stack(id);
    const leaf = frames.at(-1);
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
    // The first few frames of our own code name what the task was doing.
    const ours = frames.filter((frame) => /\/(src|workers|assets)\//.test(frame.callFrame.url) || /index-.*\.js|\.tsx?$/.test(frame.callFrame.url));
    const path = ours.slice(0, 4).map(label).join(' > ') || frames.slice(0, 3).map(label).join(' > ');
    under.set(path, (under.get(path) ?? 0) + ms);
  }
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log('  self time:');
  for (const [name, ms] of top(self, 8)) console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${name}`);
  console.log('  under:');
  for (const [path, ms] of top(under, 6)) console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${path}`);
}
