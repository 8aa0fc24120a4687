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
  /** Live workers holding at least one job. */
  busy: number;
  /** Workers stopped and waiting to be made again (a respawn delayed after a failed start). */
  respawning: number;
  /** Workers replaced after a timeout, a cancel or a crash. */
  restarts: number;
  jobsRun: number;
  errors: number;
}

/** When a worker is handed more than one job at once. */
export interface BatchOptions {
  /**
   * The most jobs one worker holds at once: the one it runs and those waiting behind it.
   * @default 8
   */
  readonly max: number;
  /**
   * A worker gets more than one job only while each of its latest runs took less than this (no-op
   * and failing-fast jobs); real enrichments take seconds, so they go one at a time, in priority order.
   * @default 50
   */
  readonly shortJobMs: number;
  /**
   * A job still running after this long hands the jobs waiting behind it in its worker back to the
   * queue, and its worker takes one job at a time until it ends. Well above `shortJobMs`, so that a
   * page busy for a moment (an answer not read yet) does not send a batch back.
   * @default 500
   */
  readonly handBackMs: number;
}

export interface PoolOptions {
  size: number;
  /** Grants workers' rate-limit requests; without one, every request is granted at once. */
  acquire?: (key: string, tokens: number) => Promise<void>;
  /** The AI provider's shared breaker, limiter and backoff; without one, the provider is off. */
  provider?: ProviderHost;
  /** Makes one module worker; tests pass a worker with extra stages. */
  createWorker: () => Worker;
  /** Batches of short jobs; `{ max: 1 }` hands every worker one job at a time. */
  batch?: Partial<BatchOptions>;
  /**
   * How long a job waits for its worker to start (load and run its script) before the worker is
   * taken for hung and replaced; the job's own time limit counts only from the start.
   * @default 30000
   */
  startLimitMs?: number;
}

export interface PoolTask {
  request: RunRequest;
  /** The worker is terminated when this passes, counted from the moment the job starts on it. */
  timeoutMs: number;
  /** Aborting terminates the worker, or takes the job out of its batch if it has not started. */
  signal?: AbortSignal;
  onProgress: ProgressSink;
}

/** One task handed to a worker, from the pool's side. */
interface Run {
  task: PoolTask;
  /** The worker it was handed to; another one's after a move. */
  slot: Slot;
  resolve: (response: RunResponse) => void;
  reject: (error: PoolError) => void;
  settled: boolean;
  /** When the pool saw it start: on an idle worker at once, behind others when the one before answered. */
  startedAt?: number;
  timer?: ReturnType<typeof setTimeout>;
  onAbort: () => void;
  /** Cancelled before it started: the worker was asked to drop it. */
  dropping: boolean;
  /**
   * Being taken out of its worker's batch, not started: for a worker that fell idle (`pool`), or back
   * to the scheduler's queue because the job ahead of it turned out long (`queue`).
   */
  leaving: 'pool' | 'queue' | null;
}

interface Slot {
  worker: Worker;
  api: Comlink.Remote<EnrichWorkerApi>;
  /** Handed to this worker and not answered, oldest first: the first runs, the others wait in the worker. */
  runs: Run[];
  /** Terminated, its replacement not made yet (a respawn after a delay): it takes nothing. */
  retired: boolean;
  /** The worker answered once: its script loaded and its runtime started. */
  started: boolean;
  /** Resolves when `started` turns true. */
  ready: Promise<void>;
  /** Resolves when the worker dies (an error, a bad message or a self-close). */
  dead: Promise<void>;
  /** How long its latest runs took (ms), newest last. */
  recent: number[];
  /** Its run under way has taken longer than `handBackMs`: it takes no more until it ends. */
  busyLong: boolean;
  /** Fires when its run under way stops counting as short. */
  longTimer?: ReturnType<typeof setTimeout>;
}

/** First delay before respawning a worker that died before it ever started; it doubles up to the cap. */
const RESPAWN_BASE_MS = 250;
const RESPAWN_CAP_MS = 30_000;
/** How many of a worker's latest runs decide whether it is given batches. */
const RECENT_RUNS = 4;
const DEFAULT_BATCH: BatchOptions = { max: 8, shortJobMs: 50, handBackMs: 500 };
const DEFAULT_START_LIMIT_MS = 30_000;

const cancelled = () => new PoolError('cancelled', 'The job was cancelled.');

/**
 * A fixed number of real module workers behind Comlink. Each worker runs one job at a time; a
 * worker whose latest jobs were short is handed several at once, so it never idles while an answer
 * and the next request cross. The pool never queues: the scheduler asks only while `room() > 0`.
 * Every run settles, whatever the worker does: a timeout, a cancel of a started job, a crash or a
 * self-close terminates the worker and puts a fresh one in its place; the jobs that were waiting
 * behind it in its batch end `interrupted`, to run again.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly progressSinks = new Map<string, ProgressSink>();
  private readonly sink: ProgressSink = (jobId, stage, fraction, detail) => {
    this.progressSinks.get(jobId)?.(jobId, stage, fraction, detail);
  };
  private readonly batch: BatchOptions;
  private restarts = 0;
  private jobsRun = 0;
  private errors = 0;
  private closed = false;
  private balancing: ReturnType<typeof setTimeout> | undefined;
  /** Workers in a row that died before they started (a script that 404s after an update): respawns back off. */
  private startFailures = 0;
  private readonly respawnTimers = new Set<ReturnType<typeof setTimeout>>();
  private readonly roomListeners = new Set<() => void>();

  constructor(private readonly options: PoolOptions) {
    this.batch = { ...DEFAULT_BATCH, ...options.batch };
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  /** Told when a worker respawned after a delay takes jobs again: no run's end announces that room. */
  onRoom(listener: () => void): () => void {
    this.roomListeners.add(listener);
    return () => this.roomListeners.delete(listener);
  }

  get size(): number {
    return this.slots.length;
  }

  /** Workers with nothing to do. */
  get idle(): number {
    return this.closed ? 0 : this.slots.filter((s) => !s.retired && s.runs.length === 0).length;
  }

  /** How many more jobs the workers take now (batches included). */
  room(): number {
    if (this.closed) return 0;
    let room = 0;
    for (const slot of this.slots) room += this.roomOf(slot);
    return room;
  }

  /** Resolves once each of the current workers has loaded its script and answered once. */
  async started(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.ready));
  }

  health(): PoolHealth {
    const respawning = this.slots.filter((slot) => slot.retired).length;
    const busy = this.closed ? 0 : this.slots.filter((slot) => !slot.retired && slot.runs.length > 0).length;
    return { size: this.slots.length, busy, respawning, restarts: this.restarts, jobsRun: this.jobsRun, errors: this.errors };
  }

  /** Runs one job on a worker with room. Rejects with PoolError for timeout, cancel, crash and interruption. */
  run(task: PoolTask): Promise<RunResponse> {
    const slot = this.pick();
    if (this.closed || !slot) return Promise.reject(new Error('No worker has room: the scheduler must wait for one.'));
    // Not handed to any worker: nothing to stop.
    if (task.signal?.aborted) return Promise.reject(cancelled());
    return new Promise<RunResponse>((resolve, reject) => {
      const run: Run = { task, slot, resolve, reject, settled: false, dropping: false, leaving: null, onAbort: () => this.abort(run) };
      this.progressSinks.set(task.request.jobId, task.onProgress);
      task.signal?.addEventListener('abort', run.onAbort, { once: true });
      this.hand(run, slot);
    });
  }

  /** Gives `run` to the worker of `slot`, behind what it holds. */
  private hand(run: Run, slot: Slot): void {
    run.slot = slot;
    slot.runs.push(run);
    if (slot.runs.length === 1) this.begin(run, slot);
    slot.api.run(run.task.request).then(
      (response) => {
        if (run.slot === slot) this.answered(slot, run, response);
      },
      (error: unknown) => {
        // A worker the run was moved away from: its answer is the drop, already acted on.
        if (run.slot !== slot) return;
        if (error instanceof Error && error.name === 'AbortError') {
          if (run.dropping) return this.dropped(slot, run);
          if (run.leaving) return this.left(slot, run);
        }
        // An error thrown by the worker's runtime itself (stages catch their own): keep no doubtful worker.
        const message = error instanceof Error ? error.message : String(error);
        this.fail(slot, run, new PoolError('crashed', `The worker failed: ${message}`));
      },
    );
  }

  /**
   * A worker given batches is topped up only once half its batch is done: the jobs then go to it
   * together (one running write, one read of their inputs) instead of one per answer.
   */
  private roomOf(slot: Slot): number {
    if (slot.retired) return 0;
    const depth = this.depth(slot);
    return slot.runs.length <= depth / 2 ? depth - slot.runs.length : 0;
  }

  /**
   * The worker with the fewest jobs among those below their batch size: an idle one first. Any of
   * them may take a job (not only those with `roomOf`), so every place `room()` counted is found.
   */
  private pick(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.slots) {
      if (slot.retired || slot.runs.length >= this.depth(slot)) continue;
      if (!best || slot.runs.length < best.runs.length) best = slot;
    }
    return best;
  }

  /** One job at a time until the worker's latest runs were all short, and while its current one is not. */
  private depth(slot: Slot): number {
    const short = !slot.busyLong && slot.recent.length > 0 && slot.recent.every((ms) => ms < this.batch.shortJobMs);
    return short ? Math.max(1, this.batch.max) : 1;
  }

  /** The run starts on its worker now, or once the worker has started: its time limit counts from then. */
  private begin(run: Run, slot: Slot): void {
    if (!slot.started) return this.beginOnceStarted(run, slot);
    run.startedAt = performance.now();
    clearTimeout(slot.longTimer);
    slot.busyLong = false;
    if (Number.isFinite(this.batch.handBackMs)) slot.longTimer = setTimeout(() => this.turnedLong(slot, run), this.batch.handBackMs);
    run.timer = setTimeout(
      () => this.fail(slot, run, new PoolError('timeout', `It took longer than ${Math.round(run.task.timeoutMs / 1000)} s and was stopped.`)),
      run.task.timeoutMs,
    );
  }

  /**
   * A fresh worker still loading its script (seconds on a loaded machine, for a big bundle): that time
   * is not the job's. A worker that has not started by the start limit is taken for hung and replaced.
   */
  private beginOnceStarted(run: Run, slot: Slot): void {
    const limitMs = this.options.startLimitMs ?? DEFAULT_START_LIMIT_MS;
    run.timer = setTimeout(() => {
      // A start that hangs counts as one that failed: the next respawns back off.
      this.startFailures++;
      this.fail(slot, run, new PoolError('crashed', `Its worker did not start within ${limitMs / 1000} s and was stopped.`));
    }, limitMs);
    void slot.ready.then(() => {
      // Settled, moved or no longer first meanwhile: whatever took it there began or will begin it.
      if (run.settled || run.slot !== slot || slot.runs[0] !== run || run.startedAt !== undefined) return;
      clearTimeout(run.timer);
      this.begin(run, slot);
    });
  }

  /** Takes a settled run out of its worker's list; the next one, if any, has started. */
  private finish(slot: Slot, run: Run): void {
    run.settled = true;
    clearTimeout(run.timer);
    run.task.signal?.removeEventListener('abort', run.onAbort);
    this.progressSinks.delete(run.task.request.jobId);
    const wasFirst = slot.runs[0] === run;
    if (wasFirst && run.startedAt !== undefined) {
      slot.recent.push(performance.now() - run.startedAt);
      if (slot.recent.length > RECENT_RUNS) slot.recent.shift();
    }
    this.unlist(slot, run);
    if (slot.runs.length === 0) this.balanceSoon();
  }

  /** Takes `run` out of its worker's list; when it was the one under way, the next one has begun. */
  private unlist(slot: Slot, run: Run): void {
    const index = slot.runs.indexOf(run);
    if (index >= 0) slot.runs.splice(index, 1);
    if (index !== 0) return;
    clearTimeout(slot.longTimer);
    slot.busyLong = false;
    // A worker answers its runs in order, so the next one began when this one ended.
    const next = slot.runs[0];
    if (next && next.startedAt === undefined) this.begin(next, slot);
  }

  private answered(slot: Slot, run: Run, response: RunResponse): void {
    if (run.settled) return;
    this.finish(slot, run);
    this.jobsRun++;
    run.resolve(response);
  }

  /**
   * Once a worker has fallen idle and stayed so for a task (the scheduler had nothing ready to give
   * it), it takes half of the jobs waiting, not started, in the batch of the worker that holds the
   * most: the end of a batch of short jobs, or jobs behind one that turned out long, then run on
   * both cores instead of one after the other. Each is dropped by its worker first; one that started
   * meanwhile stays where it is.
   */
  private balanceSoon(): void {
    if (this.balancing || this.closed) return;
    this.balancing = setTimeout(() => {
      this.balancing = undefined;
      this.balance();
    });
  }

  private balance(): void {
    if (this.closed) return;
    for (const idle of this.slots.filter((slot) => !slot.retired && slot.runs.length === 0)) {
      const waitingIn = (slot: Slot) => slot.runs.slice(1).filter((run) => !run.leaving && !run.dropping && !run.settled);
      let fullest: Run[] = [];
      for (const slot of this.slots) {
        const waiting = waitingIn(slot);
        if (slot !== idle && waiting.length > fullest.length) fullest = waiting;
      }
      if (fullest.length === 0) return;
      // The latest of them: the worker keeps those it would run first.
      for (const run of fullest.slice(-Math.ceil(fullest.length / 2))) this.takeOut(run, 'pool');
    }
  }

  /**
   * The run under way on `slot` has taken longer than `handBackMs`: the jobs waiting behind it go back
   * to the scheduler (ended `interrupted`, which spends no attempt), so they start in priority order
   * on whichever worker frees first, and this worker takes one job at a time again.
   */
  private turnedLong(slot: Slot, run: Run): void {
    if (run.settled || slot.runs[0] !== run) return;
    slot.busyLong = true;
    for (const waiting of slot.runs.slice(1)) if (!waiting.leaving && !waiting.dropping && !waiting.settled) this.takeOut(waiting, 'queue');
  }

  /** Asks the run's worker to drop it, not started, for `to`; one that started meanwhile stays where it is. */
  private takeOut(run: Run, to: 'pool' | 'queue'): void {
    const from = run.slot;
    run.leaving = to;
    from.api.drop(run.task.request.jobId).then(
      (dropped) => {
        if (dropped || run.slot !== from) return;
        // It started on its worker meanwhile: it runs there; a cancel that came meanwhile stops it now.
        run.leaving = null;
        if (run.dropping) this.fail(from, run, cancelled());
      },
      () => undefined, // the worker died: its death settles the run
    );
  }

  /** The worker dropped the run, not started: it goes to the worker holding the fewest jobs now, or back to the queue. */
  private left(from: Slot, run: Run): void {
    const to = run.leaving;
    run.leaving = null;
    clearTimeout(run.timer);
    run.timer = undefined;
    run.startedAt = undefined;
    this.unlist(from, run);
    if (this.closed) return this.end(run, new PoolError('crashed', 'The pool was shut down.'));
    if (to === 'queue') return this.end(run, new PoolError('interrupted', 'The job ahead of it on its worker took long: it goes back in line.'));
    let target = from;
    for (const slot of this.slots) if (!slot.retired && (target.retired || slot.runs.length < target.runs.length)) target = slot;
    this.hand(run, target);
  }

  /** The worker took the run out of its batch before starting it. */
  private dropped(slot: Slot, run: Run): void {
    if (run.settled) return;
    this.finish(slot, run);
    run.reject(cancelled());
  }

  /** A started run failed (or its worker did): the worker goes. */
  private fail(slot: Slot, run: Run, error: PoolError): void {
    if (run.settled) return;
    this.errors++;
    this.stop(slot, run, error);
  }

  /**
   * Terminates the worker: `culprit` ends with `error`, every other job it held ends `interrupted`
   * (not started, or stopped through no fault of its own), and a fresh worker takes the place.
   */
  private stop(slot: Slot, culprit: Run, error: PoolError): void {
    const others = slot.runs.filter((run) => run !== culprit && !run.settled);
    slot.runs = [];
    this.replace(slot);
    this.end(culprit, error);
    for (const run of others) this.end(run, new PoolError('interrupted', 'Its worker was stopped for another job before this one ran.'));
  }

  private end(run: Run, error: PoolError): void {
    if (run.settled) return;
    run.settled = true;
    clearTimeout(run.timer);
    run.task.signal?.removeEventListener('abort', run.onAbort);
    this.progressSinks.delete(run.task.request.jobId);
    if (error.kind !== 'interrupted') this.jobsRun++;
    run.reject(error);
  }

  /**
   * A running job is stopped the only sure way, by terminating its worker. A job waiting in a batch
   * is dropped by the worker, which goes on; if it started meanwhile, the worker is terminated.
   */
  private abort(run: Run): void {
    if (run.settled) return;
    const slot = run.slot;
    // A drop for a move is under way: its outcome carries the cancel (see takeOut).
    if (run.leaving) return void (run.dropping = true);
    if (slot.runs[0] === run) return this.fail(slot, run, cancelled());
    run.dropping = true;
    slot.api.drop(run.task.request.jobId).then(
      (dropped) => {
        if (!dropped) this.fail(slot, run, cancelled());
      },
      () => undefined, // the worker died: its death settles the run
    );
  }

  /**
   * Tells job `jobId`, on whichever worker holds it, how many pool slots it may now use beside its
   * own (`RunRequest.idleSlots`); a job no worker holds any more is left alone.
   */
  lend(jobId: string, idleSlots: number): void {
    const slot = this.slots.find((candidate) => candidate.runs.some((run) => !run.settled && run.task.request.jobId === jobId));
    // A worker that dies meanwhile settles its runs through its death: nothing to tell.
    slot?.api.lend(jobId, idleSlots).catch(() => undefined);
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
    clearTimeout(this.balancing);
    for (const timer of this.respawnTimers) clearTimeout(timer);
    for (const slot of this.slots) {
      const [running] = slot.runs;
      if (running) this.stop(slot, running, new PoolError('crashed', 'The pool was shut down.'));
      slot.worker.terminate();
    }
  }

  private spawn(): Slot {
    const worker = this.options.createWorker();
    const api = Comlink.wrap<EnrichWorkerApi>(worker);
    let markDead!: () => void;
    let markReady!: () => void;
    const slot: Slot = {
      worker,
      api,
      runs: [],
      retired: false,
      started: false,
      ready: new Promise((resolve) => (markReady = resolve)),
      recent: [],
      busyLong: false,
      dead: new Promise((resolve) => (markDead = resolve)),
    };
    const die = (message: string) => (event: Event) => {
      event.preventDefault?.();
      markDead();
      if (!slot.started) this.startFailures++;
      const [running] = slot.runs;
      if (running) this.fail(slot, running, new PoolError('crashed', message));
      else if (this.slots.includes(slot) && !slot.retired && !this.closed) this.replace(slot);
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
        markReady();
      });
    return slot;
  }

  /**
   * Only terminate() stops a CPU loop or WASM; a crashed worker is never reused. A worker that died
   * before it started is replaced after a delay that doubles each time, so a script that cannot load
   * is not retried in a tight loop; the slot stays retired meanwhile.
   */
  private replace(slot: Slot): void {
    clearTimeout(slot.longTimer);
    slot.worker.terminate();
    slot.retired = true;
    if (this.closed) return;
    const respawn = () => {
      if (this.closed) return;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      this.restarts++;
      this.balanceSoon();
    };
    if (this.startFailures === 0) return respawn();
    const delay = Math.min(RESPAWN_CAP_MS, RESPAWN_BASE_MS * 2 ** (this.startFailures - 1));
    const timer = setTimeout(() => {
      this.respawnTimers.delete(timer);
      respawn();
      for (const listener of this.roomListeners) listener();
    }, delay);
    this.respawnTimers.add(timer);
  }
}
