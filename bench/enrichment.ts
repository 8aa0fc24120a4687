import { PIPELINE_STAGES } from '../src/shared/pipeline.ts';
import type { OcrResult } from '../src/shared/results.ts';
import { appWorker, createEngine, runWindow, settle, stateCounts } from './harness.ts';
import type { Library } from './library.ts';

/** What the driver's probe reports (bench/probe.mjs). */
export interface ProbeSummary {
  seconds: number;
  longTasks: number;
  longTaskMs: number;
  longestTaskMs: number;
  frames: number;
  fps: number;
  maxFrameGapMs: number;
  p99FrameGapMs: number;
  medianFrameGapMs: number;
  reactCommits: number;
  reactCommitsPerSec: number;
}

declare global {
  interface Window {
    /** Installed by the driver before the page's own scripts; absent when the page is opened by hand. */
    __benchProbe?: { start(): void; stop(): ProbeSummary };
  }
}

export interface EnrichmentRun {
  sessions: number;
  /** How OCR read the screens: 'full' (every screen whole) or 'incremental'. */
  ocr: string;
  /** Sessions that finished (succeeded, partial or failed) before the window closed. */
  finished: number;
  /** True when the whole batch finished inside the window. */
  complete: boolean;
  windowMs: number;
  /** Until the batch finished or the window closed. */
  ms: number;
  sessionsPerMin: number;
  /** Mean and median wall time of each stage, from scheduler.stats(). */
  stageMs: Record<string, { mean: number; median: number }>;
  /** The redact stage's mean over the sum of every stage's mean, in percent: its share of a session's stage time (issue 18: at most 10%). */
  redactPercent: number;
  states: Record<string, number>;
  /** Over the sessions that finished: screens, and OCR'd full-frame equivalents per screen (load-independent). */
  screens: number;
  fullFramesPerScreen: number;
  /** Main-thread smoothness of this page while the batch ran (the engine alone, no UI). */
  smoothness: ProbeSummary | null;
}

export interface EnrichmentResult {
  stages: readonly string[];
  size: number;
  runs: EnrichmentRun[];
  /** Sessions/min with incremental OCR ÷ with every screen read whole, same batch size, same run; absent without both. */
  ocrSpeedup?: number;
}

/** One batch: `count` sessions enqueued at once, measured until done or for at most `windowMs`. */
export interface EnrichmentBatch {
  count: number;
  windowMs: number;
  /** 'full': every screen read whole by OCR, as before incremental reading (the "before" row). */
  ocr?: 'full';
}

/**
 * Scenario 3: the app's worker and pipeline over sample sessions, through the durable engine,
 * as the app's leader tab runs it (its React UI aside). Each batch starts on an empty queue.
 */
export async function enrichment({ library, batches, size }: { library: Library; batches: readonly EnrichmentBatch[]; size: number }): Promise<EnrichmentResult> {
  const runs: EnrichmentRun[] = [];
  try {
    for (const batch of batches) {
      if (batch.count > library.ids.length) throw new Error(`The library holds ${library.ids.length} sessions, not ${batch.count}.`);
      runs.push(await enrichOnce(library, batch, size));
      await settle();
    }
  } finally {
    await library.resetQueue();
  }
  const full = runs.find((run) => run.ocr === 'full');
  const incremental = runs.find((run) => run.ocr === 'incremental' && run.sessions === full?.sessions);
  const ocrSpeedup = full && incremental ? incremental.sessionsPerMin / full.sessionsPerMin : undefined;
  return { stages: PIPELINE_STAGES, size, runs, ...(ocrSpeedup === undefined ? {} : { ocrSpeedup }) };
}

async function enrichOnce(library: Library, { count, windowMs, ocr }: EnrichmentBatch, size: number): Promise<EnrichmentRun> {
  await library.resetQueue();
  const db = await library.open();
  const engine = await createEngine({ db, dbName: library.dbName, durable: true, size, createWorker: appWorker });
  try {
    window.__benchProbe?.start();
    const batch = await runWindow(engine.scheduler, library.ids.slice(0, count), PIPELINE_STAGES, windowMs, ocr ? { ocr } : undefined);
    const smoothness = window.__benchProbe?.stop() ?? null;
    const { stageMs } = engine.scheduler.stats();
    let screens = 0;
    let equivalents = 0;
    for (const job of batch.jobs) {
      const outcome = (await db.get('results', job.sessionId))?.outcomes.ocr;
      const work = outcome?.status === 'done' ? (outcome.result as OcrResult).work : undefined;
      if (!work) continue;
      screens += work.fullReads + work.bandReads + work.copied;
      equivalents += work.fullFrameEquivalents;
    }
    return {
      screens,
      fullFramesPerScreen: screens > 0 ? equivalents / screens : NaN,
      sessions: count,
      ocr: ocr ?? 'incremental',
      finished: batch.finished,
      complete: batch.complete,
      windowMs,
      ms: batch.ms,
      sessionsPerMin: (batch.finished * 60_000) / batch.ms,
      stageMs,
      redactPercent: stageShare(stageMs, 'redact') * 100,
      states: stateCounts(batch.jobs),
      smoothness,
    };
  } finally {
    await engine.close();
  }
}

/** One stage's mean time over the sum of every stage's mean: its share of a session's stage time (NaN when unknown). */
export function stageShare(stageMs: Record<string, { mean: number }>, stage: string): number {
  const total = Object.values(stageMs).reduce((sum, s) => sum + (Number.isFinite(s.mean) ? s.mean : 0), 0);
  const own = stageMs[stage]?.mean;
  return own !== undefined && Number.isFinite(own) && total > 0 ? own / total : NaN;
}
