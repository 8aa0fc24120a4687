import * as Comlink from 'comlink';
import {
  PROVIDER_OFF,
  WORKER_CLOSING,
  type EnrichWorkerApi,
  type WorkerHost,
  type RunRequest,
  type RunResponse,
  type RunSpan,
} from '../src/shared/protocol.ts';
import { readInputs, runJob, type RunInputs } from './runJob.ts';
import { SpareSlots } from './spareSlots.ts';

/** Spans kept for concurrency proofs and statistics; bounded so a long batch does not grow memory. */
const MAX_SPANS = 10_000;

const now = () => performance.timeOrigin + performance.now();

/** A run handed to this worker and not started yet. */
interface Waiting {
  request: RunRequest;
  resolve: (response: RunResponse) => void;
  reject: (error: unknown) => void;
  /** Read ahead with the rest of the batch, in one transaction. */
  inputs?: Promise<RunInputs>;
}

/**
 * Builds the API every pool worker exposes, whatever stages it registered. Runs are taken one at a
 * time in the order they came: the pool may hand a worker several short jobs at once (a batch), so
 * that it never idles while an answer and the next request cross, and their inputs are read together.
 */
export function createWorkerApi(): EnrichWorkerApi {
  const spans: RunSpan[] = [];
  let host: WorkerHost = { progress: () => {}, acquire: async () => {}, ...PROVIDER_OFF };
  const waiting: Waiting[] = [];
  let running = false;
  /** The run under way and the pool slots it may use beside its own, changed by `lend`. */
  let current: { jobId: string; spare: SpareSlots } | null = null;

  let readScheduled = false;

  /** Starts one read for every waiting run of `dbName` that has none yet (and for `first`, if given). */
  const readAhead = (dbName: string, first?: Waiting) => {
    const batch = waiting.filter((entry) => !entry.inputs && entry.request.dbName === dbName);
    const entries = first && !first.inputs ? [first, ...batch] : batch;
    if (entries.length === 0) return;
    const all = readInputs(entries.map((entry) => entry.request));
    entries.forEach((entry, i) => {
      entry.inputs = all.then((inputs) => inputs[i]!);
      // A failed read is the job's own failure when it runs; until then it must not go unhandled.
      entry.inputs.catch(() => undefined);
    });
  };

  /**
   * Reads the inputs of the runs that came while another ran, after the messages queued with them
   * are in (one transaction for all), so they are ready when their turn comes.
   */
  const scheduleRead = () => {
    if (readScheduled) return;
    readScheduled = true;
    setTimeout(() => {
      readScheduled = false;
      for (const dbName of new Set(waiting.filter((entry) => !entry.inputs).map((entry) => entry.request.dbName))) readAhead(dbName);
    });
  };

  const work = async () => {
    if (running) return;
    running = true;
    for (let next = waiting.shift(); next; next = waiting.shift()) {
      readAhead(next.request.dbName, next);
      const start = now();
      const spare = new SpareSlots(next.request.idleSlots ?? 0);
      current = { jobId: next.request.jobId, spare };
      try {
        next.resolve(await runJob(next.request, host, next.inputs, spare));
      } catch (error) {
        next.reject(error);
      } finally {
        current = null;
        spans.push({ jobId: next.request.jobId, start, end: now() });
        if (spans.length > MAX_SPANS) spans.shift();
      }
    }
    running = false;
  };

  return {
    connect(connected) {
      host = connected;
    },
    run(request) {
      return new Promise<RunResponse>((resolve, reject) => {
        waiting.push({ request, resolve, reject });
        if (running) scheduleRead();
        void work();
      });
    },
    drop(jobId) {
      const index = waiting.findIndex((entry) => entry.request.jobId === jobId);
      if (index < 0) return false;
      const [entry] = waiting.splice(index, 1);
      // Comlink carries an error's name: the pool tells a dropped run from a crash by it.
      const error = new Error('Taken out of the batch before it started.');
      error.name = 'AbortError';
      entry!.reject(error);
      return true;
    },
    lend(jobId, idleSlots) {
      if (current?.jobId === jobId) {
        current.spare.set(idleSlots);
        return true;
      }
      const entry = waiting.find((item) => item.request.jobId === jobId);
      if (entry) entry.request = { ...entry.request, idleSlots };
      return entry !== undefined;
    },
    spans: () => spans.slice(),
  };
}

/**
 * Exposes the worker API through Comlink. A worker that closes itself sends no error event and
 * its pending calls would hang, so `close` is wrapped to tell the pool first.
 */
export function exposeWorkerApi(): void {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  const close = scope.close.bind(scope);
  scope.close = () => {
    scope.postMessage({ type: WORKER_CLOSING });
    close();
  };
  Comlink.expose(createWorkerApi());
}
