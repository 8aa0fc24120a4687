import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mdTable } from './report.mjs';

const START = '<!-- analysis:start -->';
const END = '<!-- analysis:end -->';

/**
 * Written on the first run only; after that the block between the markers is kept as it stands in
 * docs/benchmarks.md, so the analysis people write there survives every `npm run bench`.
 */
const DEFAULT_ANALYSIS = `${START}
## Missed targets: why, and what would close them

_Kept across runs: \`npm run bench\` rewrites everything in this file except this section._

Fill in after the quiet, full run (see the targets table above for the figures and margins).
${END}`;

/** Rewrites docs/benchmarks.md: the latest figures, the machine, how to reproduce; keeps the analysis. */
export function writeDocs(path, { results, sections, targets }) {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const from = previous.indexOf(START);
  const to = previous.indexOf(END);
  const analysis = from >= 0 && to > from ? previous.slice(from, to + END.length) : DEFAULT_ANALYSIS;
  const { machine, config, quick, date, library } = results;
  const loaded = machine.loadAverageAtStart[0] > machine.cores * 0.5 || machine.loadAverageAtEnd?.[0] > machine.cores * 0.5;
  const caveats = [];
  if (quick) caveats.push('**Quick mode (`BENCH_QUICK=1`)**: small counts, one run. A smoke test of the harness, not figures to quote.');
  if (config.runs < 3) caveats.push(`Only ${config.runs} run(s): no min–max spread.`);
  if (loaded) caveats.push(`**Loaded machine**: load average ${machine.loadAverageAtStart.join(' ')} at the start and ${machine.loadAverageAtEnd?.join(' ') ?? '?'} at the end, on ${machine.cores} cores. Rerun on a quiet machine before quoting.`);

  const body = [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (bench/run.mjs). Edit only the analysis section; the rest is regenerated. -->',
    '',
    `Last run: ${date.slice(0, 16).replace('T', ' ')} UTC. Each figure is the median of ${config.runs} run(s), with min–max in brackets when they differ; every ratio is taken within one run, in one page.`,
    '',
    ...(caveats.length ? [...caveats.map((c) => `> ${c}`), ''] : []),
    '## Machine',
    '',
    mdTable(
      ['what', 'value'],
      [
        ['CPU', `${machine.cores} cores (${machine.cpu}); navigator.hardwareConcurrency ${machine.hardwareConcurrency}`],
        ['memory', `${machine.memoryGiB} GiB`],
        ['browser', `${machine.chromium} (headless, Debian build), ${machine.profile}`],
        ['Node', machine.node],
        ['load average', `${machine.loadAverageAtStart.join(' ')} at the start, ${machine.loadAverageAtEnd?.join(' ') ?? '?'} at the end`],
        [
          'counts',
          `no-op jobs ${config.jobs}; CPU jobs ${config.cpuTasks}; OCR sessions ${config.ocrSessions}; memory ${config.memory.join(' / ')} jobs; enqueue ${config.scale.join(' / ')} jobs; ` +
            `enrichment ${config.enrich.map((b) => `${b.count} sessions (window ${b.windowMs / 1000} s)`).join(', ')}; app batch ${config.app.count} sessions (window ${config.app.windowMs / 1000} s)` +
            (config.timeline ? `; timeline drag ${config.timeline.dragMs / 1000} s over ${config.timeline.shape.durationSec / 60} min` : ''),
        ],
        ...(library && !library.error
          ? [['sample library', `${library.unique} sessions generated (loadSampleSessions, seed 1) in ${(library.ms / 1000).toFixed(0)} s, copied up to ${library.sessions}; ${(library.bytes / 2 ** 20).toFixed(0)} MB in IndexedDB`]]
          : []),
      ],
    ),
    '',
    '## Targets',
    '',
    mdTable(
      ['target', 'measured', 'met', 'by how much'],
      targets.map((t) => [t.target, t.figure, t.met === null ? 'not measured' : t.met ? 'yes' : '**no**', t.miss]),
    ),
    '',
    '## Figures',
    '',
    ...sections.flatMap((s) => [`### ${s.title}`, '', mdTable(s.columns, s.rows), '']),
    HOW,
    '',
    analysis,
    '',
  ];
  writeFileSync(path, body.join('\n'));
}

const HOW = `## How to reproduce

\`\`\`sh
npm run bench                 # full: 3 runs; on a quiet machine about an hour on 2 cores (scenario 10 builds a 10,000-session library each run)
BENCH_QUICK=1 npm run bench   # smoke test: small counts, one run, about 3 minutes
\`\`\`

The driver prints how long the whole bench should take once the first run is over. Options: \`BENCH_RUNS=n\`, \`BENCH_ONLY=overhead,scaling,memory,scale,enrichment,app,video,ocr,search,timeline,library\`, \`BENCH_SKIP_BUILD=1\`
(reuse \`dist-bench/\`), \`BENCH_NO_DOCS=1\` (leave this file alone), \`BENCH_PORT\` (another port than 4299),
\`BENCH_VARIANTS=engineDurable,engineMemory\` (scenario 1 runs only these, in this order), \`BENCH_ENGINE_PROFILE=file\` (the main thread's CPU profile of scenario 1),
\`BENCH_APP_PROFILE=file\` and \`BENCH_LIBRARY_PROFILE=file\` (the app's, of scenario 4 and of scenario 12's commands; read them with \`node bench/busySpans.mjs file\`),
\`BENCH_INCOGNITO=1\` (IndexedDB in memory, to see what the disk costs), \`CHROMIUM_PATH\`. Raw figures of every run:
\`bench/results.json\`. For search's first asks, \`node bench/searchProbe.mjs DIR@PORT,DIR@PORT [REPS]\` probes checkouts side by side
(scenario 10's 10,000-session library kept per port, each query's postings and documents reads timed, and what is left of a first ask).

What it does: \`BENCH=1 vite build --outDir dist-bench\` (the bench page \`bench/index.html\` is an extra input
only then), \`vite preview --port 4299\`, then headless Chromium through Playwright with a fresh persistent
profile (IndexedDB on disk), \`--enable-precise-memory-info\` and \`--js-flags=--expose-gc\`. The driver calls
the page's \`window.bench\` functions through \`page.evaluate\`; each scenario makes its own database and
deletes it, and terminates its workers.

What each scenario measures:

1. **Engine overhead.** No-op jobs ('bench.noop', registered in \`bench/engine.worker.ts\` beside the
   engine's own worker runtime) through \`Scheduler\` + \`IdbJobStore\` + \`WorkerPool\`, every state change
   persisted; the same count through \`MemoryJobStore\`, through workerpool 10.0.3 (browser build,
   \`workerpool.pool(url, { maxWorkers: n })\`, module worker) and through a bare Comlink round-robin pool. All
   submitted at once; jobs/s over enqueue → last finish; mean latency enqueue → finish over that batch;
   then one job at a time (enqueue → drain, so the final write is included for the engine). Two more rows
   take the engine apart: its \`WorkerPool\` with the worker runtime but no scheduler or store, and the same
   pool over a worker that answers at once (\`bench/bare.worker.ts\`).
2. **Scaling.** A fixed numeric kernel (\`bench/kernel.ts\`) as a stage, through the durable engine with
   pools of 1..hardwareConcurrency, against the same kernels run one after another in one bare worker. OCR
   of the sample screenshots is added when the pipeline has an 'ocr' stage.
3. **Real enrichment.** The app's worker (\`workers/enrich.worker.ts\`) and \`PIPELINE_STAGES\` over the sample
   sessions (\`loadSampleSessions\`, seed 1: the first 12 are the app's samples), through the durable engine
   driven from the bench page; stage means from \`scheduler.stats().stageMs\`. With OCR in the pipeline a
   session takes about a second per worker, so each batch is enqueued whole and measured until it is done
   or its window closes (then the rest is cancelled); sessions/min counts the sessions finished in it.
   The library holds 100 generated sessions and copies of them (new ids, the same files) up to 500.
4. **Smoothness.** The **real app** (\`index.html\`, its React UI and its own engine): the bench generates the
   sample sessions into the app's database, opens \`/\`, presses "Enrich all", measures for the window (or
   until "N/N"), then presses "Cancel batch" and measures that apart; no change to \`src/\` was needed.
   Long tasks (PerformanceObserver 'longtask'), gaps between requestAnimationFrame callbacks, and React
   commits (through the React DevTools global hook, installed before the app loads).
   The engine alone (bench page, no UI) is measured during the largest batch of scenario 3.
5. **Durability cost.** Durable ÷ in-memory time, from scenario 1.
6. **Scale.** One \`enqueue()\` of 10,000 and of 100,000 jobs on a scheduler that is not started; the
   storage estimate before and after. Then a fresh page load of the bench page with \`?recover=\`, which opens
   the database holding the 100,000 jobs and starts a scheduler over them: times from navigation start.
7. **Memory.** \`performance.memory.usedJSHeapSize\` sampled every 20 ms during batches of no-op jobs, above
   a baseline taken after a forced GC with the engine warm; retained = after the batch and a forced GC, with
   the scheduler still holding its jobs.
9. **OCR proportional to new text.** Recordings made in the browser (tests/fixtures/video/scrollingRecording.ts:
   a page of seeded text scrolling under a still title bar at 40 px/s of 720p, 60 px/s at 1080p; and
   bench/videoRecording.ts: 1080p pages of text with a line being typed), each enriched with every stage
   twice in the same run: job params \`{ ocr: 'full' }\` reads every kept frame whole (the path before
   incremental reading), then the default reads only what is new (workers/ocr/incrementalReader.ts).
   The 5× target's baseline is the issue's "today": the video stage alone with job params
   \`{ sampling: 'every-change' }\`, which keeps a frame at every changed probe as before issue 16 (no
   scroll rule, no busy cells); that app read each kept frame whole, so those frames are its full-frame
   equivalents.
   OCR'd full-frame equivalents are the pixels handed to tesseract over one frame's pixels, from the OCR
   result's \`work\`; real-time factor is seconds of recording per second of wall time. Scenario 3 runs its
   first 12-session batch with \`{ ocr: 'full' }\` too, for the samples' before and after.
10. **Search library.** Synthetic sessions (\`bench/searchCorpus.ts\`: 25 documents of 250 words drawn by
   Zipf's law from 20,000 words, one needle word in one session, a date and one of four tags each). The
   shards of before (\`bench/shards/\`, issue #16 part 3) and the postings (\`workers/search/\`) each built
   from the same stored results, then the postings over 10,000 sessions written by a fast path
   (\`bench/postingsCorpus.ts\`: the index's own put, save and merge, words counted without the regex
   tokenizer, checked equal to it); each hosted in a bench page of its own, so that \`performance.memory\` is
   the index's heap. Per library: first build, ready (a fresh library until \`status()\` answers), the first
   query, p50/p95 of a fixed query set (single common and rare words, the needle, two words, a prefix, a
   typo, a tag filter, a date range, a filter alone), heap peak and after GC above a baseline, and a batch:
   one new session indexed then saved, timed per save (the app debounces saves; this is the worst case).
   \`BENCH_SEARCH=old,new,q,s\` runs it at other sizes.`;
