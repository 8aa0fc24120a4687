import type { Worker as TesseractWorker } from 'tesseract.js';

/** Where scripts/ocrAssets.ts serves tesseract's worker, core and language data. */
const ASSET_FOLDER = 'ocr/';

let starts = 0;
let current: Promise<TesseractWorker> | null = null;
/** Second readers started and not yet terminated (see spareTesseract). */
let sparesStarted = 0;
let sparesAlive = 0;
let sparesReady = 0;

/** How many tesseract workers this worker has started; stays 1 across jobs while all goes well. For tests. */
export function tesseractStarts(): number {
  return starts;
}

/** Second readers started so far, those not terminated yet, and of those the ones that finished starting. For tests. */
export function spareReaders(): { started: number; alive: number; ready: number } {
  return { started: sparesStarted, alive: sparesAlive, ready: sparesReady };
}

async function start(): Promise<TesseractWorker> {
  starts++;
  return createReader();
}

let core: Promise<string> | null = null;

/** The fastest LSTM core this browser runs, as tesseract itself would choose: relaxed SIMD, SIMD, plain. */
export function fastestCore(): Promise<string> {
  core ??= import('wasm-feature-detect').then(async ({ relaxedSimd, simd }) =>
    (await relaxedSimd()) ? 'relaxedsimd-lstm' : (await simd()) ? 'simd-lstm' : 'lstm',
  );
  return core;
}

async function createReader(): Promise<TesseractWorker> {
  // Loaded on first use: a pool worker that never runs OCR never fetches tesseract.
  const { createWorker, OEM } = await import('tesseract.js');
  // Absolute URLs: inside a worker tesseract does not resolve relative ones.
  const base = new URL(`${import.meta.env.BASE_URL}${ASSET_FOLDER}`, self.location.origin).href;
  return createWorker('eng', OEM.LSTM_ONLY, {
    workerPath: `${base}worker.min.js`,
    // The core's script by name: it fetches its .wasm beside it and compiles it as it streams in.
    // (Given a folder, tesseract would load the core with its WebAssembly inline as text.)
    corePath: `${base}tesseract-core-${await fastestCore()}.js`,
    langPath: `${base}lang`,
    gzip: true,
    // The model is a same-origin file (precached by the service worker): no second copy in IndexedDB.
    cacheMethod: 'none',
    // Load the script itself rather than a blob: URL wrapping it, so nothing but our origin runs.
    workerBlobURL: false,
    // Without a handler tesseract rethrows a failed job inside its message handler, which the pool
    // would take for a crash of this worker; the job's own promise already rejects.
    errorHandler: () => {},
  });
}

/**
 * The tesseract worker of this pool worker: started on first use and reused by every later job.
 * When the pool terminates this worker, the nested tesseract worker goes with it.
 */
export function tesseract(): Promise<TesseractWorker> {
  if (!current) {
    const starting = start();
    current = starting;
    // A start that failed (say, an asset that did not load) is tried again by the next caller.
    starting.catch(() => {
      if (current === starting) current = null;
    });
  }
  return current;
}

/** Drops the tesseract worker after a failure it may not have recovered from; the next call starts another. */
export async function resetTesseract(): Promise<void> {
  const previous = current;
  current = null;
  if (!previous) return;
  try {
    await (await previous).terminate();
  } catch {
    // It never started, or is already gone: nothing to stop.
  }
}

/**
 * A second tesseract worker, for one job that has a core to spare (workers/ocr/wholeReadsAhead.ts):
 * not shared, and stopped by `stop` as soon as that job no longer needs it (30–60 MB each).
 */
export async function spareTesseract(): Promise<{ reader: TesseractWorker; stop: () => Promise<void> }> {
  sparesStarted++;
  sparesAlive++;
  let stopped = false;
  const stop = async (reader?: TesseractWorker) => {
    if (stopped) return;
    stopped = true;
    sparesAlive--;
    if (reader) sparesReady--;
    await reader?.terminate().catch(() => {});
  };
  try {
    const reader = await createReader();
    sparesReady++;
    const recognize = reader.recognize.bind(reader);
    // The picture is read here, not inside tesseract.js: a call it has not posted yet when its worker
    // is terminated becomes an unhandled rejection there, and a read Blob would be such a window.
    reader.recognize = async (image, ...rest) => {
      const bytes = image instanceof Blob ? new Uint8Array(await image.arrayBuffer()) : image;
      // Stopped meanwhile: never settles, as a call on a terminated worker; its caller races the stop.
      if (stopped) return new Promise<never>(() => {});
      return recognize(bytes as unknown as Blob, ...rest);
    };
    return { reader, stop: () => stop(reader) };
  } catch (error) {
    await stop();
    throw error;
  }
}
