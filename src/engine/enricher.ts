import { DEFAULT_DB_NAME, openEnricherDb, type EnricherDb } from '../shared/db.ts';
import { isTerminal, type Job } from '../shared/job.ts';
import { newId } from '../shared/ids.ts';
import { PIPELINE_STAGES } from '../shared/pipeline.ts';
import { sessionVideos, type SessionRecord } from '../shared/session.ts';
import { WorkerPool } from '../pool/workerPool.ts';
import { IdbJobStore } from '../store/idbJobStore.ts';
import { SessionStore } from '../store/sessionStore.ts';
import type { ImportReport } from '../import/importSessions.ts';
import { importPicked } from '../import/importPicked.ts';
import type { PickedFile } from '../import/files.ts';
import { loadSampleSessions } from '../import/samples.ts';
import { searchClientFor } from '../search/searchClient.ts';
import type { SearchHit } from '../shared/search.ts';
import type { Command, TabMessage } from './commands.ts';
import { LibraryView } from './libraryView.ts';
import { resolveOptions, timeoutFor, type EngineOptions, type EngineOptionsInput } from './options.ts';
import { RateLimiter } from './rateLimiter.ts';
import { Scheduler } from './scheduler.ts';
import { ProviderGate } from '../provider/providerGate.ts';
import { loadProviderConfig, providerAllowanceMs } from '../provider/providerSettings.ts';

export interface EnricherConfig {
  dbName?: string;
  /** Makes one pool worker; defaults to the app's enrichment worker. */
  createWorker?: () => Worker;
  options?: EngineOptionsInput;
}

const defaultWorker = () =>
  new Worker(new URL('../../workers/enrich.worker.ts', import.meta.url), { type: 'module', name: 'enrich' });

/** Followers reload the queue at most this often while the leader reports changes. */
const FOLLOWER_REFRESH_MS = 200;

/**
 * The app's engine: sessions, the queue and one scheduler across tabs. The tab that holds the
 * Web Lock runs the scheduler and the worker pool; other tabs watch and forward commands.
 */
export class Enricher {
  readonly view = new LibraryView();
  readonly sessions: SessionStore;
  readonly options: EngineOptions;
  private scheduler: Scheduler | null = null;
  private pool: WorkerPool | null = null;
  private readonly channel: BroadcastChannel;
  private releaseLock: (() => void) | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  private becameLeader!: () => void;
  /** Extra time per job for the AI provider's requests; 0 when it is off. */
  private providerAllowanceMs = 0;
  /** Aborted on close: withdraws a pending leadership request. */
  private readonly closing = new AbortController();
  /** Resolves once this tab runs the scheduler. */
  readonly leadership: Promise<void> = new Promise((resolve) => (this.becameLeader = resolve));

  private constructor(
    readonly db: EnricherDb,
    private readonly config: Required<Pick<EnricherConfig, 'dbName' | 'createWorker'>>,
    options: EngineOptions,
  ) {
    this.sessions = new SessionStore(db);
    this.options = options;
    this.channel = new BroadcastChannel(`session-enricher:${config.dbName}`);
    this.channel.onmessage = (event: MessageEvent<TabMessage>) => void this.onTabMessage(event.data);
  }

  static async open(config: EnricherConfig = {}): Promise<Enricher> {
    const dbName = config.dbName ?? DEFAULT_DB_NAME;
    const db = await openEnricherDb(dbName);
    const options = resolveOptions(config.options, navigator.hardwareConcurrency);
    const enricher = new Enricher(db, { dbName, createWorker: config.createWorker ?? defaultWorker }, options);
    enricher.view.setSessions(await enricher.sessions.list());
    await enricher.refreshJobs();
    enricher.view.setStatus('follower', false);
    enricher.campaignForLeadership();
    return enricher;
  }


  private campaignForLeadership(): void {
    const name = `session-enricher:scheduler:${this.config.dbName}`;
    navigator.locks
      .request(name, { signal: this.closing.signal }, async () => {
        if (this.closing.signal.aborted) return;
        await this.lead();
        await new Promise<void>((resolve) => (this.releaseLock = resolve));
      })
      .catch((error: unknown) => {
        // Closing a follower withdraws its request; anything else is a real failure.
        if (!(error instanceof DOMException && error.name === 'AbortError')) throw error;
      });
  }

  private async lead(): Promise<void> {
    // The lock is ours: say so at once, while the scheduler loads the queue.
    this.view.setStatus('leader', this.view.getSnapshot().paused);
    const limiter = new RateLimiter(this.options.rateLimit);
    // The provider's settings apply from page load (the CSP is widened then too): changing them asks for a reload.
    const providerConfig = await loadProviderConfig(this.db);
    this.providerAllowanceMs = providerAllowanceMs(providerConfig, this.options.backoffCapMs);
    const { breakerThreshold, breakerCooldownMs, backoffBaseMs, backoffCapMs } = this.options;
    const provider =
      providerConfig.kind === 'openai'
        ? new ProviderGate({ settings: providerConfig, limiter, breakerThreshold, breakerCooldownMs, backoffBaseMs, backoffCapMs })
        : undefined;
    const pool = new WorkerPool({
      size: this.options.concurrency,
      createWorker: this.config.createWorker,
      acquire: (key, tokens) => limiter.acquire(key, tokens),
      provider,
    });
    const scheduler = new Scheduler({
      limiter,
      store: new IdbJobStore(this.db),
      runner: pool,
      dbName: this.config.dbName,
      owner: newId('tab'),
      options: this.options,
    });
    scheduler.subscribe(({ changed, removed }) => {
      const jobs: Job[] = [];
      for (const id of changed) {
        const job = scheduler.get(id);
        if (job) jobs.push(job);
      }
      this.view.updateJobs(jobs);
      searchClientFor(this.config.dbName).noteJobs(jobs);
      if (removed.length > 0) this.view.removeJobs(new Set(removed));
      this.view.setStatus('leader', scheduler.isPaused);
      this.notifyFollowers();
    });
    this.pool = pool;
    this.scheduler = scheduler;
    this.view.setEtaSource(() => scheduler.stats().etaMs);
    await scheduler.start();
    this.view.setStatus('leader', scheduler.isPaused);
    this.becameLeader();
  }

  /** Runs a command here if this tab leads, or hands it to the leader. */
  async run(command: Command): Promise<void> {
    const scheduler = this.scheduler;
    if (!scheduler) {
      this.post({ kind: 'command', command });
      return;
    }
    switch (command.type) {
      case 'enrich': {
        const sessions = await this.sessionsById(command.sessionIds);
        const items = sessions.map((session) => ({
          sessionId: session.id,
          timeoutMs: timeoutFor(inputBytes(session), this.options, session.screenshots.length, videoBytes(session)) + this.providerAllowanceMs,
        }));
        await scheduler.enqueue(items, { batchId: newId('batch'), priority: command.priority, stages: PIPELINE_STAGES });
        return;
      }
      case 'enrich-now': {
        const ids = new Set(command.sessionIds);
        const waiting = [...scheduler.all()].filter((job) => ids.has(job.sessionId) && !isTerminal(job.state));
        await scheduler.reprioritize(waiting.map((job) => job.id), 'high');
        return this.run({ type: 'enrich', sessionIds: command.sessionIds, priority: 'high' });
      }
      case 'cancel': {
        const ids = new Set(command.sessionIds);
        return scheduler.cancel([...scheduler.all()].filter((job) => ids.has(job.sessionId)).map((job) => job.id));
      }
      case 'cancel-all':
        return scheduler.cancel([...scheduler.all()].filter((job) => !isTerminal(job.state)).map((job) => job.id));
      case 'pause':
        return scheduler.pause();
      case 'resume':
        return scheduler.resume();
      case 'retry-failed': {
        const latest = this.view.getSnapshot().jobs;
        const retry = [...latest.values()].filter((job) => ['failed', 'timed-out', 'partial', 'cancelled'].includes(job.state));
        return scheduler.requeue(retry.map((job) => job.id));
      }
    }
  }

  /**
   * The sessions to enrich: from the library this tab already holds, and from the database only those
   * it does not know (imported in another tab a moment ago). 500 separate reads would freeze the page.
   */
  private async sessionsById(ids: readonly string[]): Promise<SessionRecord[]> {
    const known = new Map(this.view.getSnapshot().sessions.map((session) => [session.id, session]));
    const missing = ids.filter((id) => !known.has(id));
    const read = missing.length === 0 ? [] : await Promise.all(missing.map((id) => this.sessions.get(id)));
    for (const session of read) if (session) known.set(session.id, session);
    return ids.map((id) => known.get(id)).filter((s): s is SessionRecord => s !== undefined);
  }

  /** Queues every session that has not been enriched and is not queued already. */
  enrichAll(): Promise<void> {
    const { sessions, jobs } = this.view.getSnapshot();
    const todo = sessions.filter((session) => {
      const job = jobs.get(session.id);
      return !job || job.state === 'cancelled' || job.state === 'failed' || job.state === 'timed-out';
    });
    return this.run({ type: 'enrich', sessionIds: todo.map((s) => s.id), priority: 'normal' });
  }

  async loadSamples(): Promise<void> {
    await loadSampleSessions(this.sessions, (session) => this.view.addSession(session));
    this.post({ kind: 'sessions-changed' });
  }

  async importFiles(picked: readonly PickedFile[]): Promise<ImportReport> {
    const report = await importPicked(picked, this.sessions);
    for (const session of report.imported) this.view.addSession(session);
    this.post({ kind: 'sessions-changed' });
    return report;
  }

  /** Searches the library's enriched sessions (notes, screens, transcripts); best hits first. */
  search(query: string, limit?: number): Promise<SearchHit[]> {
    return searchClientFor(this.config.dbName).search(query, limit);
  }

  /** Resolves when the queue is empty and everything is written (leader only). */
  async drain(): Promise<void> {
    await this.leadership;
    await this.scheduler?.drain();
  }

  /**
   * Stops scheduling, lets running jobs finish, and hands leadership on. With `graceful: false`
   * it drops everything at once, as a closed tab does: running jobs are left for the next leader.
   */
  async close({ graceful = true }: { graceful?: boolean } = {}): Promise<void> {
    this.closing.abort();
    if (graceful) await this.scheduler?.shutdown();
    else this.scheduler?.abandon();
    this.pool?.terminate();
    this.releaseLock?.();
    this.channel.close();
    clearTimeout(this.refreshTimer);
    clearTimeout(this.notifyTimer);
    this.db.close();
  }

  private async onTabMessage(message: TabMessage): Promise<void> {
    switch (message.kind) {
      case 'command':
        if (this.scheduler) await this.run(message.command);
        return;
      case 'jobs-changed':
        if (!this.scheduler) this.scheduleRefresh();
        return;
      case 'sessions-changed':
        this.view.setSessions(await this.sessions.list());
        return;
      case 'status':
        if (!this.scheduler) this.view.setStatus('follower', message.paused);
        return;
    }
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refreshJobs();
    }, FOLLOWER_REFRESH_MS);
  }

  private async refreshJobs(): Promise<void> {
    this.view.updateJobs(await this.db.getAll('jobs'));
  }

  private notifyFollowers(): void {
    if (this.notifyTimer !== undefined) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      this.post({ kind: 'jobs-changed' });
      this.post({ kind: 'status', paused: this.scheduler?.isPaused ?? false });
    }, FOLLOWER_REFRESH_MS);
  }

  private post(message: TabMessage): void {
    this.channel.postMessage(message);
  }
}

function inputBytes(session: SessionRecord): number {
  return [...session.screenshots, ...session.audio].reduce((sum, ref) => sum + ref.size, 0);
}

function videoBytes(session: SessionRecord): number {
  return sessionVideos(session).reduce((sum, ref) => sum + ref.size, 0);
}
