import { mergeResult } from '../src/engine/mergeResult.ts';
import type { StageOutcome } from '../src/shared/protocol.ts';
import type { LinesForm, PackedLinesRequest } from './packedLines.worker.ts';

/** One form's figures of one run: what the main thread spent, and what IndexedDB kept. */
export interface SettleFigures {
  form: LinesForm;
  /** From the message event's creation to its handler: a deserialization done before the handler runs. */
  dispatchMs: number;
  /** Reading `event.data`: Chromium deserializes the clone on first access. */
  receiveMs: number;
  /** mergeResult and the synchronous put(), which structured-clones the record for IndexedDB. */
  putMs: number;
  /** Main-thread total: dispatch + receive + put. */
  mainMs: number;
  /** Until the transaction completes (the write itself runs off the main thread). */
  committedMs: number;
  /** Long tasks (≥ 50 ms) the page saw meanwhile, summed. */
  longTaskMs: number;
  /** structuredClone() of the record, timed apart: the clone alone, without IndexedDB's own work. */
  cloneMs: number;
  /** JS heap the received record holds (a GC before and after; typed arrays' bytes are outside it). */
  heapBytes: number;
  /** navigator.storage.estimate() usage after the commit, less before. */
  storedBytes: number;
}

const worker = new Worker(new URL('./packedLines.worker.ts', import.meta.url), { type: 'module', name: 'packed-lines' });

function ask<T>(request: PackedLinesRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data as T);
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(request);
  });
}

function openStore(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('results', { keyPath: 'sessionId' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

const deleteStore = (name: string) => new Promise<void>((resolve) => { const del = indexedDB.deleteDatabase(name); del.onsuccess = del.onerror = del.onblocked = () => resolve(); });
const usage = async () => (await navigator.storage.estimate()).usage ?? 0;
const heap = () => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const idle = () => new Promise((resolve) => setTimeout(resolve, 200));

/** The scheduler's settle of one run, as the app does it: receive the worker's response, merge, put. */
async function settle(form: LinesForm, run: number): Promise<SettleFigures> {
  const name = `packed-lines-bench-${form}-${run}`;
  await deleteStore(name);
  const db = await openStore(name);
  gc();
  await idle();
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  const storedBefore = await usage();
  const heapBefore = heap();
  type Settled = Omit<SettleFigures, 'storedBytes' | 'longTaskMs' | 'committedMs' | 'heapBytes' | 'cloneMs'> & { committed: Promise<number>; record: unknown };
  const figures = await new Promise<Settled>((resolve) => {
    worker.onmessage = (event) => {
      const entered = performance.now();
      const response = event.data as { outcomes: Record<string, StageOutcome> };
      const received = performance.now();
      const record = mergeResult({ sessionId: 'ses-1', jobId: 'job-1', attempt: 1, runId: 'run-1', committedAt: Date.now() }, response.outcomes, undefined);
      const tx = db.transaction('results', 'readwrite');
      tx.objectStore('results').put(record);
      const put = performance.now();
      const committed = new Promise<number>((done) => (tx.oncomplete = () => done(performance.now() - entered)));
      const dispatchMs = Math.max(0, entered - event.timeStamp);
      resolve({ form, dispatchMs, receiveMs: received - entered, putMs: put - received, mainMs: dispatchMs + (put - entered), committed, record });
    };
    worker.postMessage({ kind: 'send', form } satisfies PackedLinesRequest);
  });
  const committedMs = await figures.committed;
  // Measured while `figures.record` still holds what the settle received, its garbage collected.
  gc();
  const heapBytes = heap() - heapBefore;
  await idle();
  observer.disconnect();
  const cloneStart = performance.now();
  structuredClone(figures.record);
  const cloneMs = performance.now() - cloneStart;
  const storedBytes = (await usage()) - storedBefore;
  db.close();
  await deleteStore(name);
  const { committed: _c, record: _r, ...rest } = figures;
  return { ...rest, committedMs, cloneMs, heapBytes, storedBytes, longTaskMs: longTasks.reduce((a, b) => a + b, 0) };
}

/** The whole comparison, plain and packed alternating (each first in every other run). */
async function runBench(options: { screens: number; lines: number; words: number; runs: number }) {
  const built = await ask<Record<string, unknown>>({ kind: 'build', screens: options.screens, lines: options.lines, words: options.words });
  const settles: SettleFigures[] = [];
  for (let run = 0; run < options.runs; run++) {
    const order: LinesForm[] = run % 2 === 0 ? ['plain', 'packed'] : ['packed', 'plain'];
    for (const form of order) settles.push(await settle(form, run));
  }
  const unpack = await ask<{ oneMs: number; allMs: number; packOneMs: number }>({ kind: 'unpack', runs: options.runs });
  return { built, settles, unpack };
}

declare global {
  interface Window {
    packedLinesBench: typeof runBench;
  }
}

window.packedLinesBench = runBench;
document.getElementById('status')!.textContent = 'ready';
