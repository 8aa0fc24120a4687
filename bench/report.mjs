/**
 * Turns the runs' raw figures into medians with min and max, checks the targets, and renders the
 * console table and docs/benchmarks.md. Pure functions of the results: no browser here.
 */

/** Replaces every number reached the same way in each run by { median, min, max, n }. */
export function aggregate(runs) {
  const first = runs.find((run) => run !== undefined && run !== null);
  if (typeof first === 'number') {
    const values = runs.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
    if (values.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
    const mid = values.length >> 1;
    const median = values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    return { median, min: values[0], max: values[values.length - 1], n: values.length };
  }
  if (Array.isArray(first)) return first.map((_, i) => aggregate(runs.map((run) => run?.[i])));
  if (first && typeof first === 'object') {
    const out = {};
    for (const key of Object.keys(first)) out[key] = aggregate(runs.map((run) => run?.[key]));
    return out;
  }
  return first;
}

/** Reads `a.b.0.c` from an aggregated summary; undefined when any step is missing. */
export function at(summary, path) {
  return path.split('.').reduce((node, key) => (node === undefined || node === null ? undefined : node[key]), summary);
}

const number = (value, digits) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—';

/** "median (min–max)" with the unit's precision; a single run shows its value alone. */
export function fmt(stat, digits = 0, unit = '') {
  if (stat === undefined || stat === null) return '—';
  if (typeof stat !== 'object' || !('median' in stat)) return String(stat);
  if (!Number.isFinite(stat.median)) return '—';
  const main = `${number(stat.median, digits)}${unit}`;
  return stat.n > 1 && stat.min !== stat.max ? `${main} (${number(stat.min, digits)}–${number(stat.max, digits)})` : main;
}

const mb = (stat) => stat && typeof stat === 'object' ? { ...stat, median: stat.median / 2 ** 20, min: stat.min / 2 ** 20, max: stat.max / 2 ** 20 } : stat;
const kb = (stat) => stat && typeof stat === 'object' ? { ...stat, median: stat.median / 1024, min: stat.min / 1024, max: stat.max / 1024 } : stat;

/**
 * The targets of the issue, each checked on the median. `by` says how far the figure is from the
 * target, in the target's own terms.
 */
export function checkTargets(summary, context) {
  const hc = context.hardwareConcurrency;
  const point = (summary.scaling?.points ?? []).find((p) => p.size?.median === hc);
  const recoveryJobs = at(summary, 'recovery.jobs.median');
  const pairs = summary.ocrWork?.pairs ?? [];
  const lowest = (items, key) => items.map((p) => p[key]).filter((x) => Number.isFinite(x?.median)).sort((a, b) => a.median - b.median)[0];
  const after1080 = (summary.ocrWork?.rows ?? []).filter((r) => r.ocr === 'incremental' && r.height?.median === 1080);
  const samples = (summary.enrichment?.runs ?? []).find((r) => r.ocr === 'incremental' && r.sessions?.median === 12);
  const list = [
    {
      id: 'ocrScroll',
      target: "Scrolling recordings: ≥ 5× fewer OCR'd full-frame equivalents than before issue 16, which kept a frame at every changed probe and read each whole (worst recording)",
      stat: lowest(pairs.filter((p) => p.scroll), 'fewerThanIssueEra'),
      unit: '×',
      digits: 1,
      ok: (v) => v >= 5,
      by: (v) => `${number(v, 1)}× instead of 5×`,
    },
    {
      id: 'realTime1080',
      target: '1080p screen recordings enriched at ≥ 2× real time on 2 cores (slowest recording)',
      stat: lowest(after1080, 'realTime'),
      unit: '×',
      digits: 2,
      ok: (v) => v >= 2,
      by: (v) => `${number(v, 2)}× real time instead of 2× (needs ${number(2 / v, 1)}× the speed)`,
    },
    {
      id: 'samples',
      target: 'Sample sessions ≥ 2× 24.7 sessions/min (49.4), 12 sessions, pool of 2',
      stat: samples?.sessionsPerMin,
      unit: '',
      digits: 1,
      ok: (v) => v >= 49.4,
      by: (v) => `${number(v, 1)} sessions/min instead of 49.4 (needs ${number(49.4 / v, 2)}× the rate)`,
    },
    {
      id: 'redact',
      target: 'Redaction adds at most 10% to enrichment time on the samples (redact stage ÷ every stage, 12 sessions)',
      stat: samples?.redactPercent,
      unit: '%',
      digits: 2,
      ok: (v) => v <= 10,
      by: (v) => `${number(v, 2)}% instead of at most 10%`,
    },
    {
      id: 'durable',
      target: 'Durable engine within 1.3× of in-memory (time, same page)',
      stat: at(summary, 'overhead.ratios.durableOverMemory'),
      unit: '×',
      digits: 2,
      ok: (v) => v <= 1.3,
      by: (v) => `${number(v / 1.3, 2)}× the allowed time (${number(v, 2)}× vs 1.3×)`,
    },
    {
      id: 'workerpool',
      target: 'More jobs/s than workerpool 10.0.3 (ratio engine ÷ workerpool)',
      stat: at(summary, 'overhead.ratios.vsWorkerpool'),
      unit: '×',
      digits: 2,
      ok: (v) => v > 1,
      by: (v) => `${number((1 - v) * 100, 0)}% fewer jobs/s than workerpool (needs ${number(1 / v, 1)}× the rate)`,
    },
    {
      id: 'comlink',
      target: 'At least half the rate of a bare Comlink round-robin pool',
      stat: at(summary, 'overhead.ratios.vsComlink'),
      unit: '×',
      digits: 2,
      ok: (v) => v >= 0.5,
      by: (v) => `${number(v, 2)}× instead of 0.5× (needs ${number(0.5 / v, 1)}× the rate)`,
    },
    {
      id: 'efficiency',
      target: `Parallel efficiency ≥ 0.85 at hardwareConcurrency (${hc})`,
      stat: point?.efficiency,
      unit: '',
      digits: 2,
      ok: (v) => v >= 0.85,
      by: (v) => `${number(0.85 - v, 2)} below 0.85`,
    },
    {
      id: 'longtasks',
      target: 'No long task during the batch (real app)',
      stat: at(summary, 'app.longTasks'),
      unit: '',
      digits: 0,
      ok: (v) => v === 0,
      by: (v) => `${number(v, 0)} long task(s), ${fmt(at(summary, 'app.longTaskMs'), 0, ' ms')} in all, longest ${fmt(at(summary, 'app.longestTaskMs'), 0, ' ms')}`,
    },
    {
      id: 'p99',
      target: 'p99 frame gap < 20 ms during the batch (real app)',
      stat: at(summary, 'app.p99FrameGapMs'),
      unit: ' ms',
      digits: 1,
      ok: (v) => v < 20,
      by: (v) => `${number(v - 20, 1)} ms over`,
    },
    {
      id: 'recovery',
      target: `${number(recoveryJobs, 0)} stored jobs recovered and scheduling in < 1 s (from navigation start)`,
      stat: at(summary, 'recovery.schedulingMs'),
      unit: ' ms',
      digits: 0,
      ok: (v) => v < 1000,
      by: (v) => `${number(v - 1000, 0)} ms over (${number(v / 1000, 2)} s)`,
    },
    {
      id: 'appStart',
      target: `The app over ${number(at(summary, 'appStart.jobs.median'), 0)} stored job records starts its queue in < 1 s (from navigation start)`,
      stat: at(summary, 'appStart.dispatchMs'),
      unit: ' ms',
      digits: 0,
      ok: (v) => v < 1000,
      by: (v) => `${number(v - 1000, 0)} ms over (${number(v / 1000, 2)} s)`,
    },
    {
      id: 'timelineP99',
      target: 'p99 frame gap < 20 ms while dragging the playhead over a one-hour recording (real app)',
      stat: at(summary, 'timeline.p99FrameGapMs'),
      unit: ' ms',
      digits: 1,
      ok: (v) => v < 20,
      by: (v) => `${number(v - 20, 1)} ms over`,
    },
    {
      id: 'libraryScroll',
      target: `The library of ${number(at(summary, 'bigLibrary.sessions.median'), 0)} sessions scrolls with no long task (real app)`,
      stat: at(summary, 'bigLibrary.longTasks'),
      unit: '',
      digits: 0,
      ok: (v) => v === 0,
      by: (v) => `${number(v, 0)} long task(s), longest ${fmt(at(summary, 'bigLibrary.longestTaskMs'), 0, ' ms')}`,
    },
    ...searchTargets(summary),
  ];
  return list.map((t) => {
    const value = t.stat?.median;
    const measured = Number.isFinite(value);
    return { ...t, measured, met: measured ? t.ok(value) : null, figure: fmt(t.stat, t.digits, t.unit), miss: measured && !t.ok(value) ? t.by(value) : '' };
  });
}

/** The postings index at the largest library of scenario 10. */
const largestPostings = (summary) => (summary.search?.figures ?? []).filter((f) => f.kind === 'postings').at(-1);

function searchTargets(summary) {
  const f = largestPostings(summary);
  if (!f) return [];
  const n = number(f.sessions?.median, 0);
  return [
    { id: 'searchReady', target: `Search ready < 1 s after opening (${n} sessions)`, stat: f.readyMs, unit: ' ms', digits: 0, ok: (v) => v < 1000, by: (v) => `${number(v - 1000, 0)} ms over` },
    { id: 'searchP95', target: `Query p95 < 50 ms (${n} sessions)`, stat: f.queryP95Ms, unit: ' ms', digits: 0, ok: (v) => v < 50, by: (v) => `${number(v / 50, 0)}× the allowed time` },
    { id: 'searchHeap', target: `Search heap < 300 MB (${n} sessions, peak above baseline)`, stat: mb(f.heapPeakBytes), unit: ' MB', digits: 0, ok: (v) => v < 300, by: (v) => `${number(v - 300, 0)} MB over` },
    { id: 'searchSave', target: `A save during a batch < 100 ms (${n} sessions, slowest)`, stat: f.batchSaveMaxMs, unit: ' ms', digits: 0, ok: (v) => v < 100, by: (v) => `${number(v - 100, 0)} ms over` },
  ];
}

/** The scenario tables: a title, column names and rows of strings. */
export function tables(summary, context) {
  const out = [];
  const o = summary.overhead;
  if (o && !o.error) {
    const row = (name, f) => [name, fmt(f?.jobsPerSec, 0), fmt(f?.meanLatencyMs, 0, ' ms'), fmt(f?.roundTripMs, 2, ' ms'), f?.txPerJob ? fmt(f.txPerJob, 2) : '—'];
    out.push({
      title: `1. Engine overhead: ${fmt(o.jobs)} no-op jobs submitted at once, pool of ${fmt(o.size)}`,
      columns: ['path', 'jobs/s', 'mean latency (enqueue → finish)', 'one job alone, round trip', 'IDB transactions per job'],
      rows: [
        row('engine, durable (Scheduler + IdbJobStore + WorkerPool)', o.engineDurable),
        row('engine, in-memory (MemoryJobStore)', o.engineMemory),
        row('engine pool alone (WorkerPool + worker runtime, no scheduler or store)', o.poolOnly),
        row('WorkerPool over a worker that answers at once (no runtime)', o.poolBare),
        row('workerpool 10.0.3, no persistence', o.workerpool),
        row('bare Comlink round-robin, no persistence', o.comlink),
        ['ratio durable ÷ workerpool (jobs/s)', fmt(o.ratios?.vsWorkerpool, 2, '×'), '', '', ''],
        ['ratio durable ÷ Comlink (jobs/s)', fmt(o.ratios?.vsComlink, 2, '×'), '', '', ''],
      ],
    });
    const w = summary.workerStart;
    if (w && !w.error) {
      out.push({
        title: `1b. Worker start: \`new Worker\` to its first answer, median of ${fmt(w.starts)} starts each, in turn`,
        columns: ['worker', 'start', 'ratio to the bare worker'],
        rows: [
          ["the app's enrichment worker (a pool slot, or a respawn)", fmt(w.appMs, 0, ' ms'), fmt(w.ratio, 2, '×')],
          ['a bare module worker with the same API', fmt(w.bareMs, 0, ' ms'), '1.00×'],
        ],
      });
    }
    out.push({
      title: '5. Durability cost (from scenario 1, same page and run)',
      columns: ['figure', 'value'],
      rows: [
        ['durable time ÷ in-memory time', fmt(o.ratios?.durableOverMemory, 2, '×')],
        ['IndexedDB transactions per job (group commit)', fmt(o.engineDurable?.txPerJob, 2)],
      ],
    });
  }
  const s = summary.scaling;
  if (s && !s.error) {
    const rows = [['serial, one bare worker', fmt(s.serialMs, 0, ' ms'), '1.00×', '—']];
    for (const p of s.points ?? []) rows.push([`engine, pool of ${fmt(p.size)}`, fmt(p.ms, 0, ' ms'), fmt(p.speedup, 2, '×'), fmt(p.efficiency, 2)]);
    out.push({
      title: `2. Scaling: ${fmt(s.tasks)} CPU jobs of ${fmt(s.kernelMs, 1, ' ms')} each (fixed kernel, ${fmt(s.iterations)} iterations), hardwareConcurrency ${context.hardwareConcurrency}`,
      columns: ['path', 'time', 'speedup', 'parallel efficiency'],
      rows,
    });
    if (s.ocr?.points) {
      out.push({
        title: `2b. OCR of ${fmt(s.ocr.screenshots)} sample screenshots (${fmt(s.ocr.sessions)} sessions), app worker`,
        columns: ['pool', 'time', 'speedup over pool of 1', 'efficiency'],
        rows: s.ocr.points.map((p) => [fmt(p.size), fmt(p.ms, 0, ' ms'), fmt(p.speedup, 2, '×'), fmt(p.efficiency, 2)]),
      });
    } else if (s.ocr?.skipped) {
      out.push({ title: '2b. OCR scaling', columns: ['note'], rows: [[`Skipped: ${s.ocr.skipped}.`]] });
    }
  }
  const e = summary.enrichment;
  if (e && !e.error) {
    const stages = [...new Set((e.runs ?? []).flatMap((r) => Object.keys(r.stageMs ?? {})))];
    out.push({
      title: `3. Real enrichment: the app's worker and pipeline (${(e.stages ?? []).join(', ')}), pool of ${fmt(e.size)}`,
      columns: ['batch', 'OCR', 'finished in the window', 'time', 'sessions/min', "OCR'd full-frame equivalents per screen", ...stages.map((st) => `${st} mean`), 'redact share of stage time', 'final states'],
      rows: (e.runs ?? []).map((r) => [
        `${fmt(r.sessions)} sessions, window ${fmt(secs(r.windowMs), 0, ' s')}`,
        r.ocr === 'full' ? 'every screen whole (before)' : 'only what is new',
        fmt(r.finished),
        fmt(secs(r.ms), 1, ' s'),
        fmt(r.sessionsPerMin, 1),
        fmt(r.fullFramesPerScreen, 2),
        ...stages.map((st) => fmt(r.stageMs?.[st]?.mean, 0, ' ms')),
        fmt(r.redactPercent, 2, '%'),
        statesText(r.states),
      ]),
    });
  }
  const a = summary.app;
  const engineSmooth = (e?.runs ?? []).at(-1)?.smoothness;
  if ((a && !a.error) || engineSmooth) {
    const row = (name, p) => [
      name,
      fmt(p?.sessions),
      fmt(p?.longTasks, 0),
      fmt(p?.longTaskMs, 0, ' ms'),
      fmt(p?.longestTaskMs, 0, ' ms'),
      fmt(p?.maxFrameGapMs, 1, ' ms'),
      fmt(p?.p99FrameGapMs, 1, ' ms'),
      fmt(p?.fps, 0),
      p?.reactCommitsPerSec ? fmt(p.reactCommitsPerSec, 1) : '—',
    ];
    const rows = [];
    if (a && !a.error) rows.push(row(`real app (index.html, React UI), "Enrich all", first ${fmt(secs(a.ms), 0, ' s')}`, a));
    if (engineSmooth) rows.push(row('engine alone (bench page, no UI), largest batch of scenario 3', { ...engineSmooth, sessions: (e.runs ?? []).at(-1)?.sessions }));
    out.push({
      title: '4. Main-thread smoothness during a batch',
      columns: ['page', 'sessions queued', 'long tasks', 'long-task total', 'longest task', 'max frame gap', 'p99 frame gap', 'fps', 'React commits/s'],
      rows,
    });
    if (a && !a.error) {
      const rowsB = [[`"Enrich all": ${fmt(a.sessions)} queued at once, window ${fmt(secs(a.windowMs), 0, ' s')}`, fmt(a.finished), fmt(a.sessionsPerMin, 1), '', '', '', clickText(a.clickToPaintMs)]];
      if (a.cancel) rowsB.push([`then "Cancel batch" (${fmt(a.cancel.jobs)} jobs)`, '', '', fmt(a.cancel.longTasks, 0), fmt(a.cancel.longestTaskMs, 0, ' ms'), fmt(a.cancel.maxFrameGapMs, 1, ' ms'), clickText(a.cancel.clickToPaintMs)]);
      out.push({ title: '4b. Real app: throughput and cancel', columns: ['step', 'sessions finished', 'sessions/min', 'long tasks', 'longest task', 'max frame gap', 'click to next paint'], rows: rowsB });
    }
  }
  const t = summary.timeline;
  if (t && !t.error) {
    const p = t.prepared ?? {};
    out.push({
      title:
        `11. Timeline drag (real app): a ${number((p.shape?.durationSec ?? NaN) / 60, 0)} min recording's results (${number(p.frames, 0)} frames with ${number((p.thumbnailBytes ?? NaN) / 2 ** 20, 1)} MB of thumbnails, ` +
        `${number(p.chapters, 0)} chapters, ${number(p.cues, 0)} cues, ${number(p.speechSegments, 0)} speech stretches); the playhead dragged end to end and back for ${fmt(secs(t.dragMs), 0, ' s')}`,
      columns: ['pointer moves/s', 'fps', 'p50 frame gap', 'p99 frame gap', 'max frame gap', 'long tasks', 'long-task total', 'longest task', 'React commits/s'],
      rows: [
        [
          fmt(t.movesPerSec, 0),
          fmt(t.fps, 0),
          fmt(t.medianFrameGapMs, 1, ' ms'),
          fmt(t.p99FrameGapMs, 1, ' ms'),
          fmt(t.maxFrameGapMs, 1, ' ms'),
          fmt(t.longTasks, 0),
          fmt(t.longTaskMs, 0, ' ms'),
          fmt(t.longestTaskMs, 0, ' ms'),
          fmt(t.reactCommitsPerSec, 1),
        ],
      ],
    });
  }
  const lib = summary.bigLibrary;
  if (lib && !lib.error && lib.sessions) {
    out.push({
      title: `12. A library of ${fmt(lib.sessions)} sessions (real app, none enriched): opened, then scrolled with the mouse wheel (${fmt(lib.scrolledPx, 0, ' px')})`,
      columns: ['first row shown', 'start-up long tasks', 'longest at start-up', 'scroll: long tasks', 'longest', 'p99 frame gap', 'fps', 'heap'],
      rows: [
        [
          fmt(lib.firstRowMs, 0, ' ms'),
          fmt(lib.startLongTasks, 0),
          fmt(lib.startLongestTaskMs, 0, ' ms'),
          fmt(lib.longTasks, 0),
          fmt(lib.longestTaskMs, 0, ' ms'),
          fmt(lib.p99FrameGapMs, 1, ' ms'),
          fmt(lib.fps, 0),
          fmt(lib.heapMB, 0, ' MB'),
        ],
      ],
    });
    if (lib.enrichAll) {
      const row = (name, c) => [name, clickText(c.clickToPaintMs), fmt(c.longTasks, 0), fmt(c.longestTaskMs, 0, ' ms'), fmt(c.maxFrameGapMs, 1, ' ms'), fmt(c.p99FrameGapMs, 1, ' ms')];
      out.push({
        title: `12b. The same library: "Enrich all" queues all ${fmt(lib.sessions)}, then "Cancel batch" (each click and the 5 s after it)`,
        columns: ['command', 'click to next paint', 'long tasks', 'longest', 'max frame gap', 'p99 frame gap'],
        rows: [row('"Enrich all"', lib.enrichAll), row('"Cancel batch"', lib.cancelAll)],
      });
    }
  }
  const sc = summary.scale;
  const rec = summary.recovery;
  if (sc && !sc.error) {
    const rows = [];
    for (const f of sc.figures ?? []) {
      rows.push([`enqueue ${fmt(f.jobs)} jobs (one call; ${fmt(f.stored)} stored)`, fmt(f.ms, 0, ' ms'), fmt(f.jobsPerSec, 0), fmt(mb(f.bytes), 1, ' MB'), fmt(f.bytesPerJob, 0, ' B')]);
      rows.push(['  of which the IndexedDB commit', fmt(f.commitMs, 0, ' ms'), '', '', '']);
    }
    if (rec && !rec.error) {
      rows.push([`fresh page load → scheduler running over ${fmt(rec.jobs)} stored jobs (first job dispatched)`, fmt(rec.schedulingMs, 0, ' ms'), '', '', '']);
      rows.push(['  of which scheduler.start() → first dispatch (first page read, orphans recovered)', fmt(rec.startMs, 0, ' ms'), '', '', '']);
      rows.push(['fresh page load → every stored job in memory (start() resolved; read in pages while jobs run)', fmt(rec.loadedMs, 0, ' ms'), '', '', '']);
      rows.push(['  navigation → bench script running / → database open', `${fmt(rec.scriptStartMs, 0, ' ms')} / ${fmt(rec.dbOpenMs, 0, ' ms')}`, '', '', '']);
      rows.push(['fresh page load → first job finished', fmt(rec.firstDoneMs, 0, ' ms'), '', '', '']);
    }
    const app = summary.appStart;
    if (app && !app.error) {
      rows.push([`the app (index.html) over ${fmt(app.jobs)} finished job records and 1 queued: navigation → that job started (its running state stored, watched from another page)`, fmt(app.dispatchMs, 0, ' ms'), '', '', '']);
      rows.push(['  the same, watched from inside the app\'s page (its reads wait for that page\'s first render)', fmt(app.dispatchInPageMs, 0, ' ms'), '', '', '']);
      rows.push(['  navigation → first session row shown', fmt(app.firstRowMs, 0, ' ms'), '', '', '']);
    }
    out.push({ title: '6. Scale', columns: ['step', 'time', 'jobs/s', 'IndexedDB size (estimate delta)', 'per job'], rows });
  }
  if (e && !e.error && e.ocrSpeedup) {
    out.push({ title: '3b. Samples: incremental OCR against every screen read whole (same run)', columns: ['figure', 'value'], rows: [['sessions/min, only what is new ÷ every screen whole', fmt(e.ocrSpeedup, 2, '×')]] });
  }
  const w = summary.ocrWork;
  if (w && !w.error && Array.isArray(w.rows)) {
    const prepared = summary.ocrRecordings ?? [];
    const shape = (name) => {
      const p = prepared.find((x) => x.name === name);
      return p ? `${p.durationSec} s, ${p.width}×${p.height}` : '';
    };
    out.push({
      title: '9. OCR proportional to new text: each recording enriched with every stage, OCR reading every kept frame whole (before) and only what is new (after), pool of 2',
      columns: ['recording', 'OCR', 'frames kept', 'read whole', 'read in bands', 'copied', "OCR'd full-frame equivalents", 'per minute of recording', 'OCR stage', 'wall time', 'real-time factor', 'chapters', 'state'],
      rows: w.rows.map((r) => [
        `${r.recording} (${shape(r.recording)})`,
        r.ocr === 'full' ? 'every frame whole (before)' : 'only what is new (after)',
        fmt(r.frames),
        fmt(r.fullReads),
        fmt(r.bandReads),
        fmt(r.copied),
        fmt(r.fullFrameEquivalents, 1),
        fmt(r.fullFramesPerMin, 1),
        fmt(secs(r.ocrMs), 1, ' s'),
        fmt(secs(r.ms), 1, ' s'),
        fmt(r.realTime, 2, '×'),
        fmt(r.chapters),
        String(r.state ?? '—'),
      ]),
    });
    out.push({
      title: '9b. Before ÷ after, per recording (ratios within each run); and against the sampling of before issue 16 (the video stage alone, every changed probe kept)',
      columns: ['recording', "fewer OCR'd full-frame equivalents", 'wall-time speedup', 'frames kept before issue 16, each read whole', "fewer OCR'd full-frame equivalents than before issue 16"],
      rows: (w.pairs ?? []).map((p) => [p.recording, fmt(p.fewerFullFrames, 1, '×'), fmt(p.speedup, 2, '×'), fmt(p.issueEraFrames), fmt(p.fewerThanIssueEra, 1, '×')]),
    });
  }
  const v = summary.video;
  if (v && !v.error) {
    const p = v.prepared ?? {};
    const one = (x) => (typeof x === 'number' ? { median: x, min: x, max: x, n: 1 } : x);
    const stages = Object.keys(v.stageMs ?? {});
    const row = (name, r) => [
      name,
      fmt(r?.videoSecPerSec, 1),
      fmt(secs(r?.ms), 1, ' s'),
      fmt(r?.decodedFrames),
      fmt(r?.frames),
      fmt(r?.chapters),
      fmt(mb(r?.peakRssBytes), 0, ' MB'),
      fmt(mb(r?.peakAboveBaselineBytes), 0, ' MB'),
      ...stages.map((st) => fmt(secs(r?.stageMs?.[st]), 1, ' s')),
      String(r?.state ?? '—'),
    ];
    const rows = [];
    if (v.decode && !v.decode.error) rows.push(row('video stage only (demux, decode, sample)', v.decode));
    rows.push(row('every stage (OCR of the kept frames, chapters, audio…)', v));
    out.push({
      title: `8. A screen recording: ${fmt(one(p.durationSec))} s of ${fmt(one(p.width))}×${fmt(one(p.height))} H.264 at ${fmt(one(p.fps))} frames/s with Opus (${fmt(mb(one(p.bytes)), 1, ' MB')}, made by the browser in ${fmt(secs(one(p.makeMs)), 0, ' s')}), one worker`,
      columns: ['run', 'video s per wall s', 'wall time', 'frames decoded', 'frames kept', 'chapters', 'peak renderer RSS (page + workers)', 'peak above baseline', ...stages, 'state'],
      rows,
    });
  }
  const q = summary.search;
  if (q && !q.error) {
    const figures = q.figures ?? [];
    const shards = figures.find((f) => f.kind === 'shards');
    const same = figures.find((f) => f.kind === 'postings' && f.sessions?.median === shards?.sessions?.median);
    const big = largestPostings(summary);
    const ratio = (a, b) => (a && b && Number.isFinite(a.median / b.median) ? `${number(a.median / b.median, 2)}×` : '—');
    const kindText = (f) => Object.entries(f.byKind ?? {}).map(([name, k]) => `${name} ${number(k.p50?.median ?? k.p50, 0)}/${number(k.p95?.median ?? k.p95, 0)}`).join(', ');
    const rows = figures.map((f) => [
      `${f.kind}, ${fmt(f.sessions)} sessions (${fmt(f.documents)} documents, ${fmt(f.records)} ${f.kind === 'shards' ? 'shards' : 'postings records'})`,
      `${fmt(secs(f.buildMs), 1, ' s')}${f.fastPath === true ? ' (fast path)' : ''}`,
      fmt(f.saveAllMs, 0, ' ms'),
      `${fmt(mb(f.storedSize), 0, f.kind === 'shards' ? ' M chars JSON' : ' MB packed')}`,
      fmt(f.readyMs, 0, ' ms'),
      fmt(f.firstQueryMs, 0, ' ms'),
      `${fmt(f.queryP50Ms, 0, ' ms')} / ${fmt(f.queryP95Ms, 0, ' ms')}`,
      `${fmt(f.firstAskP95Ms, 0, ' ms')} / ${fmt(f.repeatP95Ms, 0, ' ms')}`,
      kindText(f),
      fmt(mb(f.heapPeakBytes), 0, ' MB'),
      fmt(mb(f.heapRetainedBytes), 0, ' MB'),
      `${fmt(f.batchSaveP50Ms, 0, ' ms')} / ${fmt(f.batchSaveMaxMs, 0, ' ms')}`,
      f.kind === 'postings' ? fmt(f.batchMergeMaxMs, 0, ' ms') : '—',
      String(f.needleFound ?? '—'),
    ]);
    for (const [name, a] of [[`postings ÷ shards, both at ${fmt(shards?.sessions)} sessions`, same], [`postings at ${fmt(big?.sessions)} ÷ shards at ${fmt(shards?.sessions)}`, big]]) {
      if (!shards || !a || (a === same && a === big && name.startsWith('postings at'))) continue;
      rows.push([
        name,
        ratio(a.buildMs, shards.buildMs),
        '',
        '',
        ratio(a.readyMs, shards.readyMs),
        ratio(a.firstQueryMs, shards.firstQueryMs),
        `${ratio(a.queryP50Ms, shards.queryP50Ms)} / ${ratio(a.queryP95Ms, shards.queryP95Ms)}`,
        `${ratio(a.firstAskP95Ms, shards.firstAskP95Ms)} / ${ratio(a.repeatP95Ms, shards.repeatP95Ms)}`,
        '',
        ratio(a.heapPeakBytes, shards.heapPeakBytes),
        ratio(a.heapRetainedBytes, shards.heapRetainedBytes),
        `${ratio(a.batchSaveP50Ms, shards.batchSaveP50Ms)} / ${ratio(a.batchSaveMaxMs, shards.batchSaveMaxMs)}`,
        '',
        '',
      ]);
    }
    out.push({
      title: '10. Search library: sessions of 25 documents of 250 words (Zipf over 20,000 words), the shards of before against the postings, hosted in the bench page',
      columns: ['index', 'first build', 'save all', 'stored', 'ready (status answered)', 'first query', 'query p50 / p95', 'p95 asked first / asked again', 'p50/p95 ms by kind', 'heap peak', 'heap after GC', 'save during a batch p50 / max', 'background merge a save started (longest, in steps of 48 terms)', 'needle found'],
      rows,
    });
  }
  const m = summary.memory;
  if (m && !m.error) {
    out.push({
      title: `7. Main-thread JS heap during no-op batches (durable engine, sampled every 20 ms${m.gcExposed === false ? '; no forced GC: Chromium lacked --js-flags=--expose-gc' : ''})`,
      columns: ['jobs', 'peak above baseline', 'peak per job', 'retained after GC', 'retained per job', 'one job record (JSON)'],
      rows: (m.figures ?? []).map((f) => [fmt(f.jobs), fmt(mb(f.peakBytes), 1, ' MB'), fmt(kb(f.peakPerJob), 2, ' KB'), fmt(mb(f.retainedBytes), 1, ' MB'), fmt(kb(f.retainedPerJob), 2, ' KB'), fmt(f.jobJsonBytes, 0, ' B')]),
    });
  }
  return out;
}

function secs(stat) {
  return stat && typeof stat === 'object' ? { ...stat, median: stat.median / 1000, min: stat.min / 1000, max: stat.max / 1000 } : stat;
}

/** A click's input-to-next-paint: the browser reports only those of 16 ms or more (0: under 16 ms). */
function clickText(stat) {
  if (!stat || typeof stat !== 'object' || !Number.isFinite(stat.median)) return '—';
  return stat.max === 0 ? '< 16 ms' : fmt(stat, 0, ' ms');
}

function statesText(states) {
  if (!states || typeof states !== 'object') return '—';
  return Object.entries(states)
    .map(([state, stat]) => `${state} ${fmt(stat)}`)
    .join(', ');
}

/** Plain-text tables for the terminal. */
export function toText(sections, targets) {
  const lines = [];
  const table = (columns, rows) => {
    const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => String(r[i] ?? '').length)));
    const line = (cells) => cells.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join(' | ');
    lines.push(line(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line), '');
  };
  lines.push('Targets');
  table(['target', 'figure', 'met', 'by how much'], targets.map((t) => [t.target, t.figure, t.met === null ? 'n/a' : t.met ? 'yes' : 'NO', t.miss]));
  for (const section of sections) {
    lines.push(section.title);
    table(section.columns, section.rows);
  }
  return lines.join('\n');
}

/** A Markdown table. */
export function mdTable(columns, rows) {
  const esc = (cell) => String(cell ?? '').replaceAll('|', '\\|');
  return [`| ${columns.map(esc).join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}
