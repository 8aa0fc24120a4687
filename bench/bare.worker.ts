/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { EnrichWorkerApi } from '../src/shared/protocol.ts';

/**
 * The pool worker's API with nothing behind it: no runJob, so no IndexedDB reads and no progress
 * messages. Under WorkerPool it isolates the pool's own cost from the worker runtime's.
 */
const api: EnrichWorkerApi = {
  connect() {},
  run: async (request) => ({ outcomes: Object.fromEntries(request.stages.map((stage) => [stage, { status: 'done', result: null, ms: 0 }])) }),
  drop: () => false,
  lend: () => false,
  spans: () => [],
};

Comlink.expose(api);
