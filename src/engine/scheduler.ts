import { isTerminal, jobKindOf, PRIORITIES, type Job, type JobError, type JobKind, type Priority, type RunningJob } from '../shared/job.ts';
import type { RunResponse, StageOutcome } from '../shared/protocol.ts';
import { PoolError } from '../pool/poolError.ts';
import type { PoolHealth, PoolTask } from '../pool/workerPool.ts';
import type { JobPage, JobStore, QueueChange } from '../store/jobStore.ts';
import type { CircuitBreaker } from './circuitBreaker.ts';
import { nextTask } from '../shared/nextTask.ts';
import { DueTimer } from './dueTimer.ts';
import { StageHealth } from './stageHealth.ts';
import type { EngineOptions } from './options.ts';
import type { RateLimiter, RateLimitStats } from './rateLimiter.ts';
import { ReadyQueue } from './readyQueue.ts';
import { pruneCutoff, selectPrunable } from './retention.ts';
import { computeStats, type EngineStats } from './stats.ts';
import { estimateRemainingMs, fallbackStageMs } from './eta.ts';
import { RemainingWork } from './remainingWork.ts';
import { mergeResult } from './mergeResult.ts';
import { isCovered, mustWaitFor } from './sessionOrder.ts';
import { isQuotaError, resultNotSaved } from './unsaved.ts';
import { putBackUnstarted } from './unstarted.ts';
import {
  cancelJob,
  createJob,
  failAttempt,
  readyAt,
  recoverOrphan,
  requeueJob,
  settleAttempt,
  startAttempt,
  type Interruption,
} from './transitions.ts';

/** What the scheduler needs of a pool: real workers in the app, the same pool in tests. */
export interface JobRunner {
  readonly size: number;
  /** How many more jobs it takes now (a pool's batches); without it, one per worker of `size`. */
  room?(): number;
  run(task: PoolTask): Promise<RunResponse>;
  health(): PoolHealth;
  /** Changes the pool slots a running job may use beside its own (RunRequest.idleSlots). */
  lend?(jobId: string, idleSlots: number): void;
  /**
   * Calls `listener` when room appears that no run's end announced (a worker respawned after a
   * delay); returns the unsubscribe.
   */
  onRoom?(listener: () => void): () => void;
}

export interface SchedulerDeps {
  store: JobStore;
  runner: JobRunner;
  /** The database the workers read sessions from. */
  dbName: string;
  /** Who holds the leases of the jobs this scheduler runs (one id per tab). */
  owner: string;
  options: EngineOptions;
  clock?: () => number;
  random?: () => number;
  /** The rate limiter the workers' calls go through, for statistics. */
  limiter?: RateLimiter;
  /**
   * How the owner of a running job went away: its tab was closed (the app notes that on pagehide) or
   * it crashed. Neither uses up an attempt; crashes count towards the job's crash limit.
   * @default () => 'crashed'
   */
  interruption?: (owner: string) => Interruption;
}

/** One session to enrich. */
export interface EnqueueItem {
  sessionId: string;
  timeoutMs: number;
}

export interface EnqueueOptions {
  priority?: Priority;
  batchId: string;
  stages: readonly string[];
  params?: Record<string, unknown>;
  /**
   * `reapply-privacy`: `stages` run over the session's latest stored result (see `JobKind`).
   * @default 'enrich'
   */
  kind?: JobKind;
}

/** Ids of jobs that changed (listeners read the jobs themselves) and of jobs removed by retention. */
export interface SchedulerChange {
  changed: readonly string[];
  removed: readonly string[];
}

export type SchedulerListener = (change: SchedulerChange) => void;

/** How far back throughput is measured. */
const THROUGHPUT_WINDOW_MS = 60_000;
/** A waiting job of a lower priority starts after this many starts of higher ones (aging). */
const AGING_AFTER = 8;


/**
 * The queue's brain on the main thread. It keeps every job in memory, persists each state change
 * before acting on it, and fills a free worker the moment one is free (no polling).
 */
export class Scheduler {
  private readonly jobs = new Map<string, Job>();
  private readonly ready = new ReadyQueue({ agingAfter: AGING_AFTER });
  /** The unfinished jobs as the ETA reads them, kept as jobs change. */
  private readonly remaining = new RemainingWork();
  /** Waiting retries by due time, on one timer. */
  private readonly retries: DueTimer;
  /** Ends the watch on the runner's room (see JobRunner.onRoom). */
  private readonly stopRoomWatch: () => void;
  private readonly aborts = new Map<string, AbortController>();
  private readonly listeners = new Set<SchedulerListener>();
  private readonly pendingWrites = new Set<Promise<void>>();
  /** drain(): woken when nothing is queued, waiting or running and every write is done. */
  private readonly idleWaiters: Array<() => void> = [];
  /** shutdown(): woken when no attempt is in flight. */
  private readonly settledWaiters: Array<() => void> = [];
  /** Each session's unfinished jobs: a job starts only after the earlier ones of its session. */
  private readonly unfinished = new Map<string, Set<string>>();
  /** Sessions whose job's verdict is being written: the next job of the session waits for it. */
  private readonly committing = new Map<string, number>();
  /** Running jobs whose progress changed since it was last saved. */
  private readonly unsavedProgress = new Set<string>();
  /** Cancels and reprioritizations waiting for the queue to load, or making their change: no job starts meanwhile. */
  private commandsHoldingStarts = 0;
  private markLoaded!: () => void;
  /** Resolves once start() has loaded the queue: commands wait for it, so none acts on a half-loaded queue. */
  private readonly loaded = new Promise<void>((resolve) => (this.markLoaded = resolve));
  private readonly clock: () => number;
  private readonly random: () => number;
  readonly health: StageHealth;
  /** Attempts started and not yet settled (their worker may be done, their commit not). */
  private inFlight = 0;
  /** Attempts handed to the runner and not answered: without `room()`, dispatch fills up to the pool's size. */
  private busyWorkers = 0;
  /** The pool slots each job on a worker was told it may use beside its own, in the order they started. */
  private readonly lent = new Map<string, number>();
  /** Jobs not yet in a terminal state; kept as a count so idleness is O(1). */
  private active = 0;
  private seq = 0;
  /** start() is reading the queue: drain() does not count a half-read queue as empty. */
  private loading = false;
  /** While loading: priorities whose queued jobs are all read. A job waits until every higher one is. */
  private lanesRead: ReadonlySet<Priority> = new Set(PRIORITIES);
  private paused = false;
  private started = false;
  private stopping = false;
  /** Set by abandon(): nothing more is written, as if the tab were gone. */
  private abandoned = false;
  private progressTimer: ReturnType<typeof setInterval> | undefined;
  private retentionTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: SchedulerDeps) {
    this.clock = deps.clock ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.health = new StageHealth({ threshold: deps.options.breakerThreshold, cooldownMs: deps.options.breakerCooldownMs, clock: this.clock });
    this.retries = new DueTimer((ids) => this.retriesDue(ids), this.clock);
    this.stopRoomWatch = deps.runner.onRoom?.(() => this.pump()) ?? (() => {});
  }

  /**
   * Loads the queue, recovers jobs whose runner is gone, and dispatches. With a store that reads in
   * pages, dispatch starts once the first page (running, waiting, the head of each priority's queue)
   * is in, and the rest is read meanwhile; commands wait until all of it is loaded, as start() does.
   */
  async start(): Promise<void> {
    this.loading = true;
    const now = this.clock();
    // Jobs long finished are deleted before loading, read from an index: they are never loaded at all.
    // The reads below are not held back for it: the store orders them after its deletion.
    const cutoff = pruneCutoff(now, this.deps.options.retentionMs);
    const pruning = cutoff === null ? Promise.resolve() : Promise.resolve(this.deps.store.deleteFinishedBefore?.(cutoff));
    const pausedMeta = this.deps.store.getMeta<boolean>('paused');
    for (const read of [pruning, pausedMeta]) read.catch(() => {});
    const pages = this.deps.store.loadInPages?.() ?? wholeQueue(this.deps.store);
    let first = true;
    for await (const page of pages) {
      if (this.stopping) return;
      const taken = await this.takeIn(page.jobs, now);
      this.lanesRead = new Set(page.lanesRead);
      if (first) {
        first = false;
        await pruning;
        this.paused = (await pausedMeta) ?? false;
        this.started = true;
      }
      this.emit(taken);
      this.pump();
    }
    await pruning;
    this.loading = false;
    this.lanesRead = new Set(PRIORITIES);
    this.markLoaded();
    await this.prune();
    this.pump();
  }

  /**
   * Puts stored jobs this scheduler does not hold yet in memory and queues those that may run; jobs
   * whose runner is gone are recovered, and their recovery is written before any of them runs again.
   */
  private async takeIn(stored: readonly Job[], now: number): Promise<string[]> {
    const recovered: Job[] = [];
    const taken: string[] = [];
    for (const storedJob of stored) {
      // A job already held is newer in memory (or the same): pages may repeat jobs.
      if (this.jobs.has(storedJob.id)) continue;
      this.seq = Math.max(this.seq, storedJob.seq + 1);
      // This scheduler holds the leadership lock, so a running job of another owner has lost its runner.
      const orphan = storedJob.state === 'running' && storedJob.lease.owner !== this.deps.owner;
      const job = orphan ? recoverOrphan(storedJob, now, this.deps.interruption?.(storedJob.lease.owner) ?? 'crashed') : storedJob;
      this.put(job);
      taken.push(job.id);
      if (orphan) recovered.push(job);
      else this.admit(job);
    }
    if (recovered.length > 0) {
      await this.write({ jobs: recovered });
      for (const job of recovered) if (this.jobs.get(job.id) === job) this.admit(job);
    }
    return taken;
  }

  subscribe(listener: SchedulerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  all(): IterableIterator<Job> {
    return this.jobs.values();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /**
   * Queues one job per item, skipping sessions whose queue already covers it (see `isCovered`: an
   * unfinished enrichment; for `reapply-privacy`, a job that has yet to run those stages). The jobs
   * are in memory before the write is awaited, so a second enqueue of the same session at once sees them.
   * A big enqueue makes its jobs ENQUEUE_SLICE a task, then takes them in and stores them in one go.
   */
  async enqueue(items: readonly EnqueueItem[], options: EnqueueOptions): Promise<Job[]> {
    await this.loaded;
    const kind = options.kind ?? 'enrich';
    const now = this.clock();
    const made: Job[] = [];
    for (let from = 0; from < items.length; from += ENQUEUE_SLICE) {
      // "Enrich all" over 10,000 sessions held the page for 150 ms in one task: the jobs are made
      // a slice a task, then taken in and stored all at once (all or none of them are queued).
      if (from > 0) await nextTask();
      for (const item of items.slice(from, from + ENQUEUE_SLICE)) {
        if (isCovered(kind, options.stages, this.sessionJobs(item.sessionId))) continue;
        made.push(
          createJob({
            // A whole UUID: 100,000 jobs enqueued in one call must not collide.
            id: `job_${crypto.randomUUID()}`,
            sessionId: item.sessionId,
            batchId: options.batchId,
            priority: options.priority ?? 'normal',
            seq: this.seq++,
            stageOrder: [...options.stages],
            timeoutMs: item.timeoutMs,
            maxAttempts: this.deps.options.maxAttempts,
            params: options.params,
            kind,
            now,
          }),
        );
      }
    }
    // Made over several tasks: a command meanwhile may have queued some of these sessions itself.
    const created = items.length > ENQUEUE_SLICE ? made.filter((job) => !isCovered(kind, options.stages, this.sessionJobs(job.sessionId))) : made;
    if (created.length === 0) return [];
    for (const job of created) this.put(job);
    try {
      await this.write({ jobs: created, created: true });
    } catch (error) {
      // Not stored: not queued. A job another command changed meanwhile is that command's to keep.
      for (const job of created) if (this.jobs.get(job.id) === job) this.drop(job.id);
      throw error;
    }
    for (const job of created) if (this.jobs.get(job.id) === job) this.admit(job);
    this.emit(created.map((job) => job.id));
    this.pump();
    return created;
  }

  /** Cancels a queued, waiting or running job; a running job's worker is terminated. */
  async cancel(ids: readonly string[]): Promise<void> {
    await this.loadedHoldingStarts();
    let targets: string[];
    try {
      targets = ids.filter((id) => {
        const job = this.jobs.get(id);
        return job !== undefined && !isTerminal(job.state);
      });
      // Out of line at once: none of them starts while the cancel works through the rest.
      for (const id of targets) this.forget(id);
    } finally {
      this.releaseStarts();
    }
    const changed: Job[] = [];
    for (let from = 0; from < targets.length; from += CANCEL_SLICE) {
      // "Cancel batch" over 10,000 jobs held the page for 300 ms in one task: a slice a task.
      if (from > 0) await nextTask();
      const slice: Job[] = [];
      for (const id of targets.slice(from, from + CANCEL_SLICE)) {
        const job = this.jobs.get(id);
        if (!job || isTerminal(job.state)) continue; // it ended meanwhile
        const next = cancelJob(job, this.clock());
        this.put(next);
        this.forget(id);
        this.aborts.get(id)?.abort();
        slice.push(next);
      }
      if (slice.length === 0) continue;
      changed.push(...slice);
      this.emit(slice.map((job) => job.id));
      // A later job of the same session may have waited for a cancelled one.
      this.pump();
    }
    // One write: a cancel cut short by the page closing stores none of it.
    if (changed.length > 0) await this.write({ jobs: changed });
  }

  /**
   * Changes the priority of waiting jobs ("Enrich now" puts a queued session first). With `now`, a
   * job waiting for its retry is due at once: a person asked for it, so its backoff is not waited out.
   */
  async reprioritize(ids: readonly string[], priority: Priority, { now = false }: { now?: boolean } = {}): Promise<void> {
    await this.loadedHoldingStarts();
    const changed: Job[] = [];
    try {
      for (const id of ids) {
        const job = this.jobs.get(id);
        if (!job || (job.state !== 'queued' && job.state !== 'waiting-retry')) continue;
        const dueNow = now && job.state === 'waiting-retry' && job.nextRunAt > this.clock();
        if (job.priority === priority && !dueNow) continue;
        const next = dueNow ? { ...job, priority, nextRunAt: this.clock(), updatedAt: this.clock() } : { ...job, priority, updatedAt: this.clock() };
        this.put(next);
        if (dueNow) {
          this.retries.delete(id);
          this.ready.remove(id);
          this.ready.push(id, priority, next.seq);
        } else if (this.ready.remove(id)) this.ready.push(id, priority, next.seq);
        changed.push(next);
      }
    } finally {
      this.releaseStarts();
    }
    if (changed.length === 0) return;
    await this.write({ jobs: changed });
    this.emit(changed.map((job) => job.id));
    this.pump();
  }

  /**
   * Waits for the whole queue, holding every start until `releaseStarts()`: a cancel or a new
   * priority given during start-up then takes effect before any job it names can start, even one on
   * a page read after it was given (tests/browser/pagedStart.test.ts).
   */
  private async loadedHoldingStarts(): Promise<void> {
    this.commandsHoldingStarts++;
    await this.loaded;
  }

  /** Ends a hold of `loadedHoldingStarts()`, once the command's change is made in memory. */
  private releaseStarts(): void {
    this.commandsHoldingStarts--;
    if (this.commandsHoldingStarts === 0) this.pump();
  }

  /** Puts finished jobs that did not succeed back in the queue. */
  async requeue(ids: readonly string[]): Promise<void> {
    await this.loaded;
    const changed: Job[] = [];
    for (const id of ids) {
      const job = this.jobs.get(id);
      if (!job) continue;
      if (job.state !== 'failed' && job.state !== 'timed-out' && job.state !== 'partial' && job.state !== 'cancelled') continue;
      const next = requeueJob(job, this.seq++, this.clock());
      this.put(next);
      changed.push(next);
    }
    if (changed.length === 0) return;
    await this.write({ jobs: changed });
    for (const job of changed) this.admit(job);
    this.emit(changed.map((job) => job.id));
    this.pump();
  }

  /** Running jobs finish; nothing new starts until `resume`. Survives a reload. */
  async pause(): Promise<void> {
    this.paused = true;
    this.emit([]);
    await this.deps.store.setMeta('paused', true);
  }

  async resume(): Promise<void> {
    this.paused = false;
    await this.deps.store.setMeta('paused', false);
    this.emit([]);
    this.pump();
  }

  /** Resolves when nothing is queued, waiting or running, and every write is durable. */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.all(this.pendingWrites).then(() => undefined);
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops starting jobs, lets running ones finish, and writes everything down. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    this.retries.stop();
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.settledWaiters.push(resolve));
    clearInterval(this.progressTimer);
    clearTimeout(this.retentionTimer);
    this.deps.limiter?.dispose();
    await Promise.all(this.pendingWrites);
  }

  /** Stops at once without writing anything more, as a closed tab does (and as tests simulate). */
  abandon(): void {
    this.stopping = true;
    this.abandoned = true;
    this.stopRoomWatch();
    this.retries.stop();
    clearInterval(this.progressTimer);
    clearTimeout(this.retentionTimer);
    this.deps.limiter?.dispose();
    this.listeners.clear();
  }

  /** The circuit breaker of each stage (for tests and statistics). */
  get breaker(): StageHealth['breaker'] {
    return this.health.breaker;
  }

  /** Queues a job for dispatch now, or at its retry time. */
  private admit(job: Job): void {
    const at = readyAt(job);
    if (at === null) return;
    if (at <= this.clock()) this.ready.push(job.id, job.priority, job.seq);
    else this.retries.set(job.id, at);
  }

  /** Retries fall due: each is queued as the job is now (it may have been reprioritized or cancelled). */
  private retriesDue(ids: readonly string[]): void {
    for (const id of ids) {
      const current = this.jobs.get(id);
      if (current !== undefined && readyAt(current) !== null) this.ready.push(current.id, current.priority, current.seq);
    }
    this.pump();
  }

  /** Takes a job out of memory entirely (its creation was not stored). */
  private drop(id: string): void {
    this.forget(id);
    const job = this.jobs.get(id);
    if (job && !isTerminal(job.state)) this.active--;
    if (job) this.forgetUnfinished(job);
    this.remaining.change(job, undefined);
    this.jobs.delete(id);
  }

  private forget(id: string): void {
    this.ready.remove(id);
    this.retries.delete(id);
  }

  /** Fills every free worker with the best ready job. Called on every event that frees or adds work. */
  private pump(): void {
    if (!this.started || this.paused || this.stopping || this.commandsHoldingStarts > 0) return this.checkIdle();
    const now = this.clock();
    const starting: RunningJob[] = [];
    const held: Job[] = [];
    let room = this.deps.runner.room?.() ?? this.deps.runner.size - this.busyWorkers;
    while (room > 0 && this.ready.size > 0) {
      if (this.loading && !this.higherLanesRead(this.ready.peek())) break;
      const id = this.ready.shift();
      const job = id === undefined ? undefined : this.jobs.get(id);
      if (!job || (job.state !== 'queued' && job.state !== 'waiting-retry')) continue;
      if (this.waitsForSession(job)) {
        held.push(job);
        continue;
      }
      const running = startAttempt(job, { owner: this.deps.owner, runId: crypto.randomUUID() }, now);
      this.put(running);
      this.inFlight++;
      this.busyWorkers++;
      room--;
      starting.push(running);
    }
    // Back in line, in their places: pumped again when the session's earlier job has been written.
    for (const job of held) this.ready.push(job.id, job.priority, job.seq);
    if (starting.length === 0) return this.checkIdle();
    this.ensureProgressSaver();
    const durable = this.write({ jobs: starting });
    this.emit(starting.map((job) => job.id));
    // The workers nobody runs on now are shared out among the jobs on workers (a batch gets none).
    for (const job of starting) this.lent.set(job.id, 0);
    const shares = this.shares();
    for (const job of starting) {
      const idleSlots = shares.get(job.id) ?? 0;
      this.lent.set(job.id, idleSlots);
      void this.execute(job, durable, idleSlots);
    }
    this.relend();
  }

  /** The idle workers shared out among the jobs on workers, in the order they started: the oldest get any left over. */
  private shares(): Map<string, number> {
    const idle = Math.max(0, this.deps.runner.size - this.busyWorkers);
    const each = Math.floor(idle / this.lent.size);
    let over = idle - each * this.lent.size;
    const out = new Map<string, number>();
    for (const jobId of this.lent.keys()) out.set(jobId, each + (over-- > 0 ? 1 : 0));
    return out;
  }

  /**
   * Tells the jobs on workers their new share of the idle workers after a job started or ended: a
   * job loses a slot lent to it as soon as another job takes that slot (two threads of one job would
   * crowd the new job's core), and gets one again when a slot falls idle with nothing ready for it.
   */
  private relend(): void {
    const { runner } = this.deps;
    if (!runner.lend || this.lent.size === 0) return;
    // A full pool with nothing lent (every batch of short jobs): nothing to share, nothing to take back.
    if (this.busyWorkers >= runner.size && !this.anyLent()) return;
    for (const [jobId, share] of this.shares()) {
      const was = this.lent.get(jobId)!;
      if (share === was || (share > was && this.ready.size > 0)) continue;
      this.lent.set(jobId, share);
      runner.lend(jobId, share);
    }
  }

  private anyLent(): boolean {
    for (const share of this.lent.values()) if (share > 0) return true;
    return false;
  }

  /** The session's other jobs not finished yet. */
  private *sessionJobs(sessionId: string): Generator<Job> {
    for (const id of this.unfinished.get(sessionId) ?? []) {
      const job = this.jobs.get(id);
      if (job) yield job;
    }
  }

  /** An earlier job of the session has not finished, or its verdict is still being written. */
  private waitsForSession(job: Job): boolean {
    if ((this.committing.get(job.sessionId) ?? 0) > 0) return true;
    for (const other of this.sessionJobs(job.sessionId)) if (mustWaitFor(job, other)) return true;
    return false;
  }

  /**
   * While the queue is being read, a job of a higher priority than `id`'s may still be unread: `id`
   * starts only once every higher priority's queued jobs are in memory.
   */
  private higherLanesRead(id: string | undefined): boolean {
    const job = id === undefined ? undefined : this.jobs.get(id);
    if (!job) return true;
    return PRIORITIES.slice(0, PRIORITIES.indexOf(job.priority)).every((priority) => this.lanesRead.has(priority));
  }

  /**
   * Runs one attempt on a worker while its running state is being committed, then settles it.
   * Neither the worker nor the next job waits for that commit (it would cost every job a
   * transaction's latency): the worker's slot is freed as soon as it answers. The outcome is acted on
   * only once the running state is durable, and its result goes in a later transaction, so a result
   * is never stored ahead of its running state. A running state that cannot be written stops the run.
   */
  private async execute(job: RunningJob, durable: Promise<void>, idleSlots: number): Promise<void> {
    const controller = new AbortController();
    this.aborts.set(job.id, controller);
    durable.catch(() => controller.abort());
    let attempt: { ok: true; outcomes: Record<string, StageOutcome> } | { ok: false; error: unknown };
    try {
      attempt = { ok: true, outcomes: (await this.runOnWorker(job, controller.signal, idleSlots)).outcomes };
      this.health.record(job.id, attempt.outcomes);
    } catch (error) {
      attempt = { ok: false, error };
    } finally {
      this.aborts.delete(job.id);
      this.lent.delete(job.id);
      this.busyWorkers--;
    }
    if (!attempt.ok) this.health.noVerdict(job.id);
    this.pump();
    this.relend();

    let change: QueueChange | null = null;
    try {
      await durable;
      change = attempt.ok ? await this.settle(job, attempt.outcomes) : this.fail(job, attempt.error);
    } catch (error) {
      change = this.fail(job, error);
    } finally {
      this.inFlight--;
      if (change) {
        const next = change.jobs?.[0];
        if (next && isTerminal(next.state)) this.scheduleRetention();
        this.emit([job.id]);
        const settled = change;
        // A retry, and the session's next job, start only once this verdict is committed: their
        // workers read its result.
        this.committing.set(job.sessionId, (this.committing.get(job.sessionId) ?? 0) + 1);
        const admitNext = () => {
          const left = (this.committing.get(job.sessionId) ?? 1) - 1;
          if (left > 0) this.committing.set(job.sessionId, left);
          else this.committing.delete(job.sessionId);
          const current = this.jobs.get(job.id);
          if (current && readyAt(current) !== null) this.admit(current);
          this.pump();
        };
        this.write(settled, (error) => this.unsaved(settled, error)).then(admitNext, admitNext);
      }
      this.pump();
    }
  }

  private runOnWorker(job: RunningJob, signal: AbortSignal, idleSlots: number): Promise<RunResponse> {
    const { stages, skip } = this.health.plan(job.id, job.stageOrder, (stage) => job.stages[stage]?.status === 'done');
    return this.deps.runner.run({
      request: {
        jobId: job.id,
        sessionId: job.sessionId,
        attempt: job.attempts,
        dbName: this.deps.dbName,
        stages,
        skip,
        // A reapply job always builds on the stored result; an enrichment only when it resumes.
        fresh: jobKindOf(job) === 'enrich' && !hasDoneStages(job),
        ...(job.kind === undefined ? {} : { kind: job.kind }),
        params: job.params,
        ...(idleSlots > 0 ? { idleSlots } : {}),
      },
      timeoutMs: job.timeoutMs,
      signal,
      onProgress: (jobId, stage, fraction, detail) => this.progress(jobId, stage, fraction, detail),
    });
  }

  /** The attempt came back and its running state is durable: decide the job's next state and its result. */
  private async settle(job: RunningJob, outcomes: Record<string, StageOutcome>): Promise<QueueChange | null> {
    // Read first, decide after: between the decision and its write nothing may await, or a cancel
    // landing in the gap would be overwritten. A run that resumed no done stage has nothing to merge,
    // unless it is a reapply job: its result keeps the outcomes of the stages it did not run.
    const builds = hasDoneStages(job) || jobKindOf(job) === 'reapply-privacy';
    const previous = builds ? await this.deps.store.loadResult(job.sessionId) : undefined;
    const current = this.currentRun(job);
    if (!current) return null; // cancelled or recovered meanwhile
    const next = settleAttempt(current, outcomes, { now: this.clock(), random: this.random, options: this.deps.options });
    this.put(next);
    this.unsavedProgress.delete(job.id);
    const run = { sessionId: next.sessionId, jobId: next.id, kind: jobKindOf(next), attempt: next.attempts, runId: job.lease.runId, committedAt: this.clock() };
    return { jobs: [next], results: [mergeResult(run, outcomes, previous)] };
  }

  /** The job, if it is still in the very run `job` started; a stale run's verdict is refused. */
  private currentRun(job: RunningJob): RunningJob | null {
    const current = this.jobs.get(job.id);
    return current?.state === 'running' && current.lease.runId === job.lease.runId ? current : null;
  }

  /** The attempt ended without a response: timeout, crash, cancel or a write that failed. */
  private fail(job: RunningJob, error: unknown): QueueChange | null {
    const current = this.currentRun(job);
    if (!current) return null;
    this.unsavedProgress.delete(job.id);
    // Its worker was stopped for another job of its batch: not this job's fault, and it did not run.
    if (error instanceof PoolError && error.kind === 'interrupted') {
      const back = putBackUnstarted(current, this.clock());
      this.put(back);
      return { jobs: [back] };
    }
    const next = failAttempt(current, toJobError(error), { now: this.clock(), random: this.random, options: this.deps.options });
    this.put(next);
    return { jobs: [next] };
  }

  /** A result and final state that did not fit on the device: none of it is stored, so the job fails saying so. */
  private async unsaved(change: QueueChange, error: unknown): Promise<void> {
    if (!isQuotaError(error) || !change.results?.length) throw error;
    const failed: Job[] = [];
    for (const job of change.jobs ?? []) {
      const next = this.jobs.get(job.id) === job ? resultNotSaved(job, this.clock()) : null;
      if (next) failed.push(next);
    }
    if (failed.length === 0 || this.abandoned) return;
    for (const job of failed) this.put(job);
    this.emit(failed.map((job) => job.id));
    await this.deps.store.commit({ jobs: failed });
  }

  /**
   * A stage reports progress. Workers send no message when a stage ends (its end travels with the
   * response), so news of a stage also says the stages before it (run in order) have ended; their verdict
   * comes with the response.
   */
  private progress(jobId: string, stage: string, fraction: number, detail?: string): void {
    const job = this.jobs.get(jobId);
    if (job?.state !== 'running') return;
    const stageState = job.stages[stage];
    if (!stageState || stageState.status === 'done') return;
    const now = { ...stageState, status: 'running' as const, progress: fraction, ...(detail === undefined ? {} : { detail }) };
    const stages = { ...job.stages, [stage]: now };
    for (const earlier of job.stageOrder.slice(0, job.stageOrder.indexOf(stage))) {
      const state = stages[earlier];
      if (state?.status === 'running' || state?.status === 'pending') stages[earlier] = { ...state, status: 'running', progress: 1 };
    }
    this.put({ ...job, stages });
    this.unsavedProgress.add(jobId);
    this.emit([jobId]);
  }

  /**
   * While jobs run: saves the progress that changed since the last save, in one transaction, so a
   * reopened tab shows how far a job had got. State changes are written at once; progress is not.
   */
  private ensureProgressSaver(): void {
    if (this.progressTimer !== undefined) return;
    this.progressTimer = setInterval(() => {
      const changed: Job[] = [];
      for (const id of this.unsavedProgress) {
        const job = this.jobs.get(id);
        if (job?.state === 'running') changed.push(job);
      }
      this.unsavedProgress.clear();
      if (changed.length > 0) void this.write({ jobs: changed }).catch(() => undefined);
      else if (this.busyWorkers === 0) {
        clearInterval(this.progressTimer);
        this.progressTimer = undefined;
      }
    }, this.deps.options.progressSaveMs);
  }

  /** `onError` handles a failed commit before the write counts as settled (drain() waits for it too). */
  private write(change: QueueChange, onError?: (error: unknown) => Promise<void>): Promise<void> {
    if (this.abandoned) return Promise.resolve();
    const commit = this.deps.store.commit(change);
    const promise = onError ? commit.catch(onError) : commit;
    this.pendingWrites.add(promise);
    const done = () => {
      this.pendingWrites.delete(promise);
      this.checkIdle();
    };
    promise.then(done, done);
    return promise;
  }

  private put(job: Job): void {
    const previous = this.jobs.get(job.id);
    this.remaining.change(previous, job);
    if (previous && !isTerminal(previous.state)) this.active--;
    if (!isTerminal(job.state)) this.active++;
    this.jobs.set(job.id, job);
    if (isTerminal(job.state)) this.forgetUnfinished(job);
    else {
      const ids = this.unfinished.get(job.sessionId) ?? new Set<string>();
      this.unfinished.set(job.sessionId, ids.add(job.id));
    }
  }

  private forgetUnfinished(job: Job): void {
    const ids = this.unfinished.get(job.sessionId);
    if (ids?.delete(job.id) && ids.size === 0) this.unfinished.delete(job.sessionId);
  }

  private isIdle(): boolean {
    return this.inFlight === 0 && this.active === 0 && !this.loading;
  }

  private checkIdle(): void {
    if (this.inFlight === 0) for (const wake of this.settledWaiters.splice(0)) wake();
    if (!this.isIdle() || this.pendingWrites.size > 0) return;
    for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private emit(changed: readonly string[], removed: readonly string[] = []): void {
    for (const listener of this.listeners) listener({ changed, removed });
  }

  /** Statistics of the whole queue: counts, throughput, stage times, errors, workers, ETA. */
  stats(): EngineStats & { paused: boolean; rateLimits: Record<string, RateLimitStats>; breakers: ReturnType<CircuitBreaker['snapshot']> } {
    const now = this.clock();
    const base = computeStats(this.jobs.values(), this.health.timings, [this.deps.runner.health()], now, THROUGHPUT_WINDOW_MS, {
      concurrency: this.deps.runner.size,
      remainingJobs: this.remaining.jobs(now),
    });
    return { ...base, paused: this.paused, rateLimits: this.deps.limiter?.stats() ?? {}, breakers: this.breaker.snapshot() };
  }

  /** Milliseconds until the queue is empty, as stats() gives it, without the rest: the view asks in most frames of a batch. */
  etaMs(): number | null {
    const { timings } = this.health;
    return estimateRemainingMs({ remainingJobs: this.remaining.jobs(this.clock()), timings, concurrency: this.deps.runner.size, fallbackStageMs: fallbackStageMs(timings) });
  }

  /**
   * Removes finished jobs older than the retention window (their sessions' results stay), then
   * sleeps until the next one falls due: no sweep loop, and nothing waits for another job to end.
   */
  async prune(): Promise<string[]> {
    clearTimeout(this.retentionTimer);
    this.retentionTimer = undefined;
    const now = this.clock();
    const removed = selectPrunable(this.jobs.values(), now, this.deps.options.retentionMs);
    if (removed.length > 0) {
      for (const id of removed) {
        this.remaining.change(this.jobs.get(id), undefined);
        this.jobs.delete(id);
      }
      this.emit([], removed);
      await this.write({ deleteJobs: removed });
    }
    this.scheduleRetention();
    return removed;
  }

  private scheduleRetention(): void {
    if (this.retentionTimer !== undefined || this.stopping || !Number.isFinite(this.deps.options.retentionMs)) return;
    let next = Infinity;
    for (const job of this.jobs.values()) if ('finishedAt' in job) next = Math.min(next, job.finishedAt);
    if (next === Infinity) return;
    // setTimeout holds at most 2^31-1 ms; a later due date is looked at again then.
    const delay = Math.min(2 ** 31 - 1, Math.max(0, next + this.deps.options.retentionMs - this.clock()));
    this.retentionTimer = setTimeout(() => {
      this.retentionTimer = undefined;
      void this.prune();
    }, delay);
  }
}

/** Jobs a cancel takes per task (see cancel()). */
export const CANCEL_SLICE = 200;
/** Jobs an enqueue makes per task before it takes them all in (see enqueue()). */
export const ENQUEUE_SLICE = 1000;

/** Stages done in the job's earlier runs: their results are stored and must be merged into this run's. */
function hasDoneStages(job: RunningJob): boolean {
  return job.stageOrder.some((stage) => job.stages[stage]?.status === 'done');
}

/** A store that cannot read in pages gives the whole queue as one. */
async function* wholeQueue(store: JobStore): AsyncGenerator<JobPage> {
  yield { jobs: await store.loadJobs(), lanesRead: PRIORITIES };
}

function toJobError(error: unknown): JobError {
  if (error instanceof PoolError) {
    const errorClass = error.kind === 'timeout' ? 'timeout' : error.kind === 'cancelled' ? 'cancelled' : 'transient';
    return { class: errorClass, message: error.message };
  }
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return { class: 'transient', message: 'The device ran out of storage space while saving this session.' };
  }
  return { class: 'transient', message: error instanceof Error ? error.message : String(error) };
}
