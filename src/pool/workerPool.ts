import * as Comlink from 'comlink';
import {
  WORKER_CLOSING,
  type EnrichWorkerApi,
  type ProgressSink,
  type RunRequest,
  type RunResponse,
  type RunSpan,
  PROVIDER_OFF,
} from '../shared/protocol.ts';
import type { ProviderHost } from '../shared/provider.ts';
import { PoolError } from './poolError.ts';

/** Counters of the pool's workers, for statistics. */
export interface PoolHealth {
  size: number;
  busy: number;
  /** Workers replaced after a timeout, a cancel or a crash. */
  restarts: number;
  jobsRun: number;
  errors: number;
}

export interface PoolOptions {
  size: number;
  /** Grants workers' rate-limit requests; without one, every request is granted at once. */
  acquire?: (key: string, tokens: number) => Promise<void>;
  /** The AI provider's shared breaker, limiter and backoff; without one, the provider is off. */
  provider?: ProviderHost;
  /** Makes one module worker; tests pass a worker with extra stages. */
  createWorker: () => Worker;
}

export interface PoolTask {
  request: RunRequest;
  /** The worker is terminated when this passes. */
  timeoutMs: number;
  /** Aborting terminates the worker. */
  signal?: AbortSignal;
  onProgress: ProgressSink;
}

interface Slot {
  worker: Worker;
  api: Comlink.Remote<EnrichWorkerApi>;
  busy: boolean;
  /** The worker answered once: its script loaded and its runtime started. */
  started: boolean;
  /** Resolves when the worker dies (an error, a bad message or a self-close). */
  dead: Promise<void>;
  /** Set while a run is in flight: ends the run when the worker dies. */
  onDeath?: (kind: 'crashed', message: string) => void;
}

/** First delay before respawning a worker that died before it ever started; it doubles up to the cap. */
const RESPAWN_BASE_MS = 250;
const RESPAWN_CAP_MS = 30_000;

/**
 * A fixed number of real module workers behind Comlink. It runs one job per worker and never
 * queues: the scheduler asks only when `idle > 0`. Every run settles, whatever the worker does:
 * a timeout, an abort, a crash or a self-close terminates the worker and puts a fresh one in its place.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly progressSinks = new Map<string, ProgressSink>();
  private readonly sink: ProgressSink = (jobId, stage, fraction, detail) => {
    this.progressSinks.get(jobId)?.(jobId, stage, fraction, detail);
  };
  private restarts = 0;
  private jobsRun = 0;
  private errors = 0;
  private closed = false;
  /** Workers in a row that died before they started (a script that 404s after an update): respawns back off. */
  private startFailures = 0;
  private readonly respawnTimers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  get idle(): number {
    return this.closed ? 0 : this.slots.filter((s) => !s.busy).length;
  }

  health(): PoolHealth {
    const busy = this.slots.length - this.idle;
    return { size: this.slots.length, busy, restarts: this.restarts, jobsRun: this.jobsRun, errors: this.errors };
  }

  /** Runs one job on an idle worker. Rejects with PoolError for timeout, cancel and crash. */
  run(task: PoolTask): Promise<RunResponse> {
    const slot = this.slots.find((s) => !s.busy);
    if (this.closed || !slot) return Promise.reject(new Error('No idle worker: the scheduler must wait for one.'));
    slot.busy = true;
    const { request } = task;
    this.progressSinks.set(request.jobId, task.onProgress);

    return new Promise<RunResponse>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void, replace: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        task.signal?.removeEventListener('abort', onAbort);
        slot.onDeath = undefined;
        this.progressSinks.delete(request.jobId);
        this.jobsRun++;
        if (replace) this.replace(slot);
        else slot.busy = false;
        outcome();
      };
      const fail = (error: PoolError) => {
        this.errors++;
        settle(() => reject(error), true);
      };
      const onAbort = () => fail(new PoolError('cancelled', 'The job was cancelled.'));
      const timer = setTimeout(
        () => fail(new PoolError('timeout', `It took longer than ${Math.round(task.timeoutMs / 1000)} s and was stopped.`)),
        task.timeoutMs,
      );
      if (task.signal?.aborted) return onAbort();
      task.signal?.addEventListener('abort', onAbort, { once: true });
      slot.onDeath = (kind, message) => fail(new PoolError(kind, message));
      slot.api.run(request).then(
        (response) => settle(() => resolve(response), false),
        (error: unknown) => {
          // An error thrown by the worker's runtime itself (stages catch their own): keep no doubtful worker.
          const message = error instanceof Error ? error.message : String(error);
          fail(new PoolError('crashed', `The worker failed: ${message}`));
        },
      );
    });
  }

  /** Spans of the jobs run by the current workers (replaced workers take theirs with them; dead ones have none). */
  async spans(): Promise<RunSpan[]> {
    const none = (slot: Slot) => slot.dead.then((): RunSpan[] => []);
    const all = await Promise.all(this.slots.map((slot) => Promise.race([slot.api.spans(), none(slot)])));
    return all.flat().sort((a, b) => a.start - b.start);
  }

  /** Terminates every worker and makes no new one. Runs in flight reject as crashed. */
  terminate(): void {
    this.closed = true;
    for (const timer of this.respawnTimers) clearTimeout(timer);
    for (const slot of this.slots) slot.onDeath?.('crashed', 'The pool was shut down.');
    for (const slot of this.slots) slot.worker.terminate();
  }

  private spawn(): Slot {
    const worker = this.options.createWorker();
    const api = Comlink.wrap<EnrichWorkerApi>(worker);
    let markDead!: () => void;
    const slot: Slot = { worker, api, busy: false, started: false, dead: new Promise((resolve) => (markDead = resolve)) };
    const die = (message: string) => (event: Event) => {
      event.preventDefault?.();
      markDead();
      if (!slot.started) this.startFailures++;
      if (slot.onDeath) slot.onDeath('crashed', message);
      else if (this.slots.includes(slot) && !this.closed) this.replace(slot);
    };
    worker.addEventListener('error', die('The worker stopped with an error.'));
    worker.addEventListener('messageerror', die('The worker sent a message that could not be read.'));
    worker.addEventListener('message', (event: MessageEvent) => {
      if ((event.data as { type?: unknown } | null)?.type === WORKER_CLOSING) die('The worker closed itself.')(event);
    });
    const acquire = this.options.acquire ?? (async () => {});
    const provider = this.options.provider ?? PROVIDER_OFF;
    void api
      .connect(
      Comlink.proxy({
        progress: this.sink,
        acquire,
        providerEndpoint: () => provider.providerEndpoint(),
        providerAdmit: (tokens: number) => provider.providerAdmit(tokens),
        providerReport: (attempt: number, outcome: Parameters<ProviderHost['providerReport']>[1]) => provider.providerReport(attempt, outcome),
      }),
    )
      .then(() => {
        slot.started = true;
        this.startFailures = 0;
      });
    return slot;
  }

  /**
   * Only terminate() stops a CPU loop or WASM; a crashed worker is never reused. A worker that died
   * before it started is replaced after a delay that doubles each time, so a script that cannot load
   * is not retried in a tight loop; the slot stays busy meanwhile.
   */
  private replace(slot: Slot): void {
    slot.worker.terminate();
    if (this.closed) return;
    slot.busy = true;
    const respawn = () => {
      if (this.closed) return;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      this.restarts++;
    };
    if (this.startFailures === 0) return respawn();
    const delay = Math.min(RESPAWN_CAP_MS, RESPAWN_BASE_MS * 2 ** (this.startFailures - 1));
    const timer = setTimeout(() => {
      this.respawnTimers.delete(timer);
      respawn();
    }, delay);
    this.respawnTimers.add(timer);
  }
}
