import { clearAppHistory, prepareAppHistory, watchAppDispatch } from './appStart.ts';
import { enrichment, type EnrichmentBatch } from './enrichment.ts';
import { deleteLibrary, openLibrary, prepareLibrary } from './library.ts';
import { memory } from './memory.ts';
import { deleteOcrRecordings, ocrWork, prepareOcrRecordings } from './ocrWork.ts';
import { overhead, type OverheadOptions } from './overhead.ts';
import { enqueueScale, recover, type RecoveryResult } from './scale.ts';
import { scaling } from './scaling.ts';
import { searchLibrary } from './searchShards.ts';
import { searchProbe } from './searchProbe.ts';
import { deleteTimelineSession, prepareTimelineSession } from './timelineSession.ts';
import { deleteVideo, enrichVideo, prepareVideo } from './video.ts';
import { workerStarts } from './workerStart.ts';

/**
 * What the driver (bench/run.mjs) calls through page.evaluate. Every call returns plain data and
 * cleans up after itself: pools terminated, bench databases deleted.
 */
const api = {
  info: () => ({
    hardwareConcurrency: navigator.hardwareConcurrency,
    deviceMemory: (navigator as Navigator & { deviceMemory?: number }).deviceMemory ?? null,
    userAgent: navigator.userAgent,
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
  }),
  overhead: (options: OverheadOptions) => overhead(options),
  workerStarts,
  scaling: async (options: { tasks: number; maxSize: number; ocrSessions: number }) =>
    // OCR uses the sample library when the driver generated one.
    scaling({ ...options, library: options.ocrSessions > 0 ? await openLibrary().catch(() => null) : null }),
  memory,
  enqueueScale,
  prepareAppHistory,
  clearAppHistory,
  watchAppDispatch,
  prepareLibrary,
  deleteLibrary,
  enrichment: async (options: { batches: EnrichmentBatch[]; size: number }) => enrichment({ ...options, library: await openLibrary() }),
  resetLibraryQueue: async () => (await openLibrary()).resetQueue(),
  searchLibrary,
  searchProbe,
  prepareVideo,
  enrichVideo,
  deleteVideo,
  prepareOcrRecordings,
  ocrWork,
  deleteOcrRecordings,
  prepareTimelineSession,
  deleteTimelineSession,
};

export type BenchApi = typeof api;

declare global {
  interface Window {
    bench: BenchApi;
    /** Set once the `?recover=` run of scenario 6 has finished (or failed). */
    benchRecovery?: RecoveryResult | { error: string };
  }
}

window.bench = api;

const params = new URLSearchParams(location.search);
const recoverDb = params.get('recover');
if (recoverDb) {
  recover(recoverDb, Number(params.get('size') ?? 2)).then(
    (result) => (window.benchRecovery = result),
    (error: unknown) => (window.benchRecovery = { error: error instanceof Error ? error.message : String(error) }),
  );
}
document.getElementById('status')!.textContent = 'ready';
