/* global window, document */
/**
 * `node bench/searchProbe.mjs DIR@PORT[,DIR@PORT…] [REPS]`: the search probe (bench/searchProbe.ts) for
 * one or more checkouts side by side. Each checkout's bench page is built (BENCH_SKIP_BUILD=1 reuses
 * its dist-bench), served on its own port (each origin keeps its own 10,000-session library in
 * /tmp/search-probe-<port>, written once, about 5 minutes), and probed in turn, the order reversed
 * every other repetition. Prints, per checkout, the p95 of each library's 44 asks (the bench's query
 * p95) and per query the median first ask with its postings and documents reads.
 */
import { spawn, spawnSync } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { chromium } from 'playwright';
import { benchArgs, chromiumArgs, chromiumPath } from './chromium.mjs';

const variants = (process.argv[2] ?? '.@4381').split(',').map((spec) => {
  const [dir, port] = spec.split('@');
  return { dir, port: Number(port ?? 4381) };
});
const reps = Number(process.argv[3] ?? 2);
const vite = (dir, args, env = {}) => [process.execPath, [`${dir}/node_modules/vite/bin/vite.js`, ...args], { cwd: dir, env: { ...process.env, ...env } }];
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (!process.env.BENCH_SKIP_BUILD) {
  for (const { dir } of variants) {
    const [cmd, args, options] = vite(dir, ['build', '--outDir', 'dist-bench', '--emptyOutDir', '--logLevel', 'warn'], { BENCH: '1' });
    const built = spawnSync(cmd, args, { ...options, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`vite build failed in ${dir}: ${built.stderr}`);
  }
}

const rounds = new Map(variants.map((variant) => [variant, []]));
for (let rep = 0; rep < reps; rep++) {
  for (const variant of rep % 2 ? [...variants].reverse() : variants) {
    const [cmd, args, options] = vite(variant.dir, ['preview', '--outDir', 'dist-bench', '--port', String(variant.port), '--strictPort']);
    const server = spawn(cmd, args, { ...options, stdio: 'ignore' });
    const context = await chromium.launchPersistentContext(`/tmp/search-probe-${variant.port}`, { executablePath: chromiumPath(), args: [...chromiumArgs, ...benchArgs], headless: true });
    try {
      await delay(1500);
      const page = await context.newPage();
      page.on('console', (m) => { if (m.text().startsWith('T ')) console.log(m.text()); });
      await page.goto(`http://localhost:${variant.port}/bench/index.html`);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', null, { timeout: 60_000 });
      const result = await page.evaluate(() => window.bench.searchProbe({ sessions: 10_000, shape: { documentsPerSession: 25, wordsPerDocument: 250 }, rounds: 2, passes: 4 }));
      if (result.writtenMs > 0) console.log(`${variant.dir}: library written in ${Math.round(result.writtenMs / 1000)} s`);
      rounds.get(variant).push(...result.rounds);
    } finally {
      await context.close();
      server.kill();
    }
  }
}

for (const [variant, list] of rounds) {
  console.log(`\n== ${variant.dir} (port ${variant.port})`);
  const p95s = list.map((round) => quantile(round.asks.map((ask) => ask.ms).sort((a, b) => a - b), 0.95));
  console.log(`p95 of each library's ${list[0]?.asks.length ?? 0} asks: ${p95s.join(' ')} ms; median ${median(p95s)} ms`);
  const firsts = new Map();
  for (const round of list) for (const ask of round.asks.filter((a) => a.pass === 0)) firsts.set(`${ask.kind} ${ask.query}`, [...(firsts.get(`${ask.kind} ${ask.query}`) ?? []), ask]);
  const again = new Map();
  for (const round of list) for (const ask of round.asks.filter((a) => a.pass > 0)) again.set(`${ask.kind} ${ask.query}`, [...(again.get(`${ask.kind} ${ask.query}`) ?? []), ask.ms]);
  for (const [query, asks] of firsts) {
    const m = (key) => median(asks.map((ask) => ask[key]));
    const rest = m('ms') - m('postingsMs') - m('hitsMs');
    console.log(`${query.padEnd(30)} first ask ${String(m('ms')).padStart(6)} ms (postings ${m('postingsMs')}, documents ${m('hitsMs')}, the rest ${rest.toFixed(1)}; asked again ${median(again.get(query) ?? [0])}); each: ${asks.map((ask) => ask.ms).join(' ')}`);
  }
}
