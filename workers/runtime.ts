import * as Comlink from 'comlink';
import {
  PROVIDER_OFF,
  WORKER_CLOSING,
  type EnrichWorkerApi,
  type WorkerHost,
  type RunSpan,
} from '../src/shared/protocol.ts';
import { runJob } from './runJob.ts';

/** Spans kept for concurrency proofs and statistics; bounded so a long batch does not grow memory. */
const MAX_SPANS = 10_000;

const now = () => performance.timeOrigin + performance.now();

/** Builds the API every pool worker exposes, whatever stages it registered. */
export function createWorkerApi(): EnrichWorkerApi {
  const spans: RunSpan[] = [];
  let host: WorkerHost = { progress: () => {}, acquire: async () => {}, ...PROVIDER_OFF };
  return {
    connect(connected) {
      host = connected;
    },
    async run(request) {
      const start = now();
      try {
        return await runJob(request, host);
      } finally {
        spans.push({ jobId: request.jobId, start, end: now() });
        if (spans.length > MAX_SPANS) spans.shift();
      }
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
