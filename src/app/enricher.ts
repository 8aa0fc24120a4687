import { DEFAULT_DB_NAME, openEnricherDb, type EnricherDb } from '../shared/db.ts';
import { nextTask } from '../shared/nextTask.ts';
import { isTerminal, type Job } from '../shared/job.ts';
import { newId } from '../shared/ids.ts';
import { PIPELINE_STAGES, PRIVACY_STAGES } from '../shared/pipeline.ts';
import { loadPrivacySettings } from '../shared/privacyStore.ts';
import { planReapply, type PrivacyChange } from '../privacy/reapply.ts';
import { sessionVideos, type SessionRecord } from '../shared/session.ts';
import { WorkerPool } from '../pool/workerPool.ts';
import { IdbJobStore } from '../store/idbJobStore.ts';
import { readRunningJobs } from '../shared/runningJobs.ts';
import { readPackedJobs } from '../shared/packedJobs.ts';
import { jobsOfRecords, readSettledInPages } from '../shared/settledJobs.ts';
import { SessionStore } from '../store/sessionStore.ts';
import type { ImportReport } from '../import/importSessions.ts';
import { importPicked } from '../import/importPicked.ts';
import type { PickedFile } from '../import/files.ts';
import { loadSampleSessions } from '../import/samples.ts';
import { searchClientFor } from '../search/searchClient.ts';
import type { SearchFilters, SearchHit } from '../shared/search.ts';
import type { Command, TabMessage } from './commands.ts';
import { LibraryView } from './libraryView.ts';
import { sessionsToEnrich } from './sessionsToEnrich.ts';
import { resolveOptions, timeoutFor, type EngineOptions, type EngineOptionsInput } from '../engine/options.ts';
import { RateLimiter } from '../engine/rateLimiter.ts';
import { Scheduler } from '../engine/scheduler.ts';
import { ProviderGate } from '../provider/providerGate.ts';
import { loadProviderConfig, providerAllowanceMs } from '../provider/providerSettings.ts';
import type { ProviderConfig } from '../shared/provider.ts';

export interface EnricherConfig {
  dbName?: string;
  /** Makes one pool worker; defaults to the app's enrichment worker. */
  createWorker?: () => Worker;
  options?: EngineOptionsInput;
}

const defaultWorker = () =>
  new Worker(new URL('../../workers/enrich.worker.ts', import.meta.url), { type: 'module', name: 'enrich' });

/** The leader tells followers what changed at most this often. */
const FOLLOWER_REFRESH_MS = 200;
/** More changed jobs than this in one report, and followers read the store once instead. */
const MAX_JOBS_PER_REPORT = 2000;
/**
 * Jobs a message to the followers carries at most: a cancel of a whole batch changes hundreds, and
 * one message of 500 jobs took ~40 ms to clone, in one task of the leader's page.
 */
const JOBS_PER_MESSAGE = 100;
/** Where a leader tab notes, on pagehide, that it was closed rather than crashed. */
const CLOSED_MARK = 'session-enricher:closed:';
/** Jobs per read when the view reads the whole queue: a few milliseconds of cloning each. */
const JOB_PAGE = 1000;

/**
 * The app's engine: sessions, the queue and one scheduler across tabs. The tab that holds the
 * Web Lock runs the scheduler and the worker pool; other tabs watch and forward commands.
 */
export class Enricher {
  readonly view = new LibraryView();
  readonly sessions: SessionStore;
  readonly options: EngineOptions;
  private scheduler: Scheduler | null = null;
  /** This tab holds the lock: its scheduler gives the view every job as it reads them, so the view's own read stops. */
  private leading = false;
  private pool: WorkerPool | null = null;
  private readonly channel: BroadcastChannel;
  private releaseLock: (() => void) | null = null;
  /** A follower's read of the whole jobs store, when the leader asked for one: never two at once. */
  private reloading: Promise<void> | null = null;
  private reloadAgain = false;
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  /** Jobs changed or removed since followers were last told. */
  private readonly unreported = { changed: new Set<string>(), removed: new Set<string>(), overflow: false };
  /** Commands sent to the leader and not yet done; a tab that becomes leader runs them itself. */
  private readonly sentCommands = new Map<string, { command: Command; done: () => void }>();
  /** Settles once the view holds every stored session (start-up reads them a page at a time). */
  private sessionsLoaded: Promise<void> = Promise.resolve();
  /** Imports running now, and whether "Enrich all" was asked for while they run. */
  private importsRunning = 0;
  private enrichArrivals = false;
  private removePagehide: (() => void) | null = null;
  private markClosed: (() => void) | null = null;
  /** A newer version of the app took the database: this tab no longer reads or writes it. */
  private outdated = false;
  private becameLeader!: () => void;
  /** Extra time per job for the AI provider's requests; 0 when it is off. */
  private providerAllowanceMs = 0;
  /**
   * The provider's settings as the page loaded (the CSP is widened then too; changing them asks for a
   * reload). Read at once, beside the first sessions page, so that leading waits for no read of its own.
   */
  private readonly providerConfig: Promise<ProviderConfig>;
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
    this.providerConfig = loadProviderConfig(db);
    // A tab that never leads never reads it: its failure is the leader's to report.
    this.providerConfig.catch(() => {});
    this.options = options;
    this.channel = new BroadcastChannel(`session-enricher:${config.dbName}`);
    this.channel.onmessage = (event: MessageEvent<TabMessage>) => void this.onTabMessage(event.data);
  }

  static async open(config: EnricherConfig = {}): Promise<Enricher> {
    const dbName = config.dbName ?? DEFAULT_DB_NAME;
    // The connection exists before the Enricher that must step down when a newer version takes it.
    const opened: { enricher?: Enricher } = {};
    const db = await openEnricherDb(dbName, () => opened.enricher?.stepDown());
    const options = resolveOptions(config.options, navigator.hardwareConcurrency);
    const enricher = new Enricher(db, { dbName, createWorker: config.createWorker ?? defaultWorker }, options);
    opened.enricher = enricher;
    // The first page at once, the rest in the background: the list shows before a big library is read.
    const pages = enricher.sessions.listInPages();
    const first = await pages.next();
    enricher.view.setSessions(first.done ? [] : first.value);
    enricher.sessionsLoaded = enricher.showRemainingSessions(pages);
    enricher.view.setStatus('follower', false);
    void enricher.showStoredFailed();
    enricher.campaignForLeadership();
    return enricher;
  }


  /**
   * Leads at once when no tab does. Otherwise reads the stored jobs for the view (the leader's
   * reports keep them current) and waits in line for the lock. A tab that leads reads no jobs for its
   * view: its scheduler hands the view every job it reads, and a second read would hold up the
   * scheduler's first reads, and its prune's write, in the database's backend (100,000 take seconds).
   */
  private campaignForLeadership(): void {
    const name = `session-enricher:scheduler:${this.config.dbName}`;
    const leadUntilReleased = async () => {
      if (this.closing.signal.aborted) return;
      await this.lead();
      await new Promise<void>((resolve) => (this.releaseLock = resolve));
    };
    navigator.locks
      // `ifAvailable` takes no abort signal: a tab closed meanwhile is caught by the check above.
      .request(name, { ifAvailable: true }, async (lock) => {
        if (!lock) return 'held elsewhere';
        await leadUntilReleased();
        return 'led';
      })
      .then((outcome) => {
        if (outcome === 'led' || this.closing.signal.aborted) return;
        // A read that fails leaves the view to the next reload a leader asks for.
        this.reloadJobs().catch(() => {});
        return navigator.locks.request(name, { signal: this.closing.signal }, leadUntilReleased);
      })
      .catch((error: unknown) => {
        // Closing a follower withdraws its request; anything else is a real failure.
        if (!(error instanceof DOMException && error.name === 'AbortError')) throw error;
      });
  }

  private async lead(): Promise<void> {
    // The lock is ours: say so at once, while the scheduler loads the queue.
    this.leading = true;
    this.view.setStatus('leader', this.view.getSnapshot().paused);
    const limiter = new RateLimiter(this.options.rateLimit);
    const providerConfig = await this.providerConfig;
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
    const owner = newId('tab');
    this.notePagehide(owner);
    const scheduler = new Scheduler({
      limiter,
      store: new IdbJobStore(this.db),
      runner: pool,
      dbName: this.config.dbName,
      owner,
      options: this.options,
      interruption: closedOrCrashed,
    });
    scheduler.subscribe(({ changed, removed }) => {
      const jobs: Job[] = [];
      for (const id of changed) {
        const job = scheduler.get(id);
        if (job) jobs.push(job);
      }
      this.view.updateJobs(jobs);
      searchClientFor(this.config.dbName).noteJobs(jobs);
      if (removed.length > 0) {
        this.view.removeJobs(new Set(removed));
        void this.showStoredFailed();
      }
      this.view.setStatus('leader', scheduler.isPaused);
      this.notifyFollowers(changed, removed);
    });
    this.pool = pool;
    this.view.setEtaSource(() => scheduler.etaMs());
    await scheduler.start();
    forgetClosedMarks(owner);
    // Only a loaded scheduler takes commands: one that arrived meanwhile waited in sentCommands.
    this.scheduler = scheduler;
    // It holds every job now: the view shows exactly those (a job the view read from storage before
    // this tab led, and that the start then deleted as long finished, goes).
    this.view.setJobs(scheduler.all());
    this.view.setStatus('leader', scheduler.isPaused);
    this.becameLeader();
    this.post({ kind: 'leader-ready' });
    for (const [id, sent] of this.sentCommands) {
      this.sentCommands.delete(id);
      await this.run(sent.command).finally(sent.done);
    }
  }

  /** On pagehide the leader notes that it was closed: its running jobs were interrupted, not crashed. */
  private notePagehide(owner: string): void {
    const mark = () => {
      try {
        localStorage.setItem(CLOSED_MARK + owner, String(Date.now()));
      } catch {
        // No storage: the next leader counts the interruption as a crash, which is only stricter.
      }
    };
    addEventListener('pagehide', mark);
    this.markClosed = mark;
    this.removePagehide = () => removeEventListener('pagehide', mark);
  }

  /**
   * Another tab opened the library with a newer version of the app: this tab's connection is closed.
   * It stops at once, as a closed tab does (its running jobs go to the new leader without losing an
   * attempt), hands on the lock, and says to reload.
   */
  private stepDown(): void {
    if (this.outdated) return;
    this.outdated = true;
    this.markClosed?.();
    this.closing.abort();
    this.scheduler?.abandon();
    this.scheduler = null;
    this.pool?.terminate();
    this.releaseLock?.();
    clearTimeout(this.notifyTimer);
    this.view.setStatus('outdated', false);
  }

  /** Runs a command here if this tab leads, or hands it to the leader. */
  async run(command: Command): Promise<void> {
    if (this.outdated) return; // The page says to reload; nothing may write with the old schema.
    const scheduler = this.scheduler;
    if (!scheduler) {
      // To the leader, if there is one; kept until done, as this tab may be the one about to lead.
      const id = newId('cmd');
      const done = new Promise<void>((resolve) => this.sentCommands.set(id, { command, done: resolve }));
      this.post({ kind: 'command', id, command });
      return done;
    }
    switch (command.type) {
      case 'enrich': {
        const ids = command.unlessEnriched ? await this.notEnriched(scheduler, command.sessionIds) : command.sessionIds;
        const sessions = await this.sessionsById(ids);
        const items = sessions.map((session) => ({
          sessionId: session.id,
          timeoutMs: timeoutFor(inputBytes(session), this.options, session.screenshots.length, videoBytes(session), audioBytes(session)) + this.providerAllowanceMs,
        }));
        await scheduler.enqueue(items, { batchId: newId('batch'), priority: command.priority, stages: PIPELINE_STAGES });
        return;
      }
      case 'enrich-now': {
        const ids = new Set(command.sessionIds);
        const waiting = [...scheduler.all()].filter((job) => ids.has(job.sessionId) && !isTerminal(job.state));
        await scheduler.reprioritize(waiting.map((job) => job.id), 'high', { now: true });
        return this.run({ type: 'enrich', sessionIds: command.sessionIds, priority: 'high' });
      }
      case 'reapply-privacy': {
        // Sessions with a stored result, or with a job that will store one (the reapply job runs after it).
        // Not a result that failed whole: it holds nothing to redact, and the pass's own stages, done
        // beside its failures, would make it read "Partly done". Keys only, from the store and its index.
        const results = this.db.transaction('results').store;
        const [keys, failedWhole] = await Promise.all([results.getAllKeys(), results.index('by-failed').getAllKeys()]);
        const stored = new Set(keys);
        for (const id of failedWhole) stored.delete(id);
        for (const job of scheduler.all()) if (!isTerminal(job.state)) stored.add(job.sessionId);
        const sessions = await this.sessionsById(command.sessionIds.filter((id) => stored.has(id)));
        const items = sessions.map((session) => ({ sessionId: session.id, timeoutMs: timeoutFor(0, this.options, session.screenshots.length) }));
        await scheduler.enqueue(items, { batchId: newId('privacy'), priority: command.priority, stages: PRIVACY_STAGES, kind: 'reapply-privacy' });
        return;
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
        const latest = this.view.current().jobs;
        const retry = [...latest.values()].filter((job) => ['failed', 'timed-out', 'partial', 'cancelled'].includes(job.state));
        await scheduler.requeue(retry.map((job) => job.id));
        // A session whose failed job retention deleted is enriched anew, as "Enrich all" would.
        const withJob = new Set([...scheduler.all()].map((job) => job.sessionId));
        const again = (await this.storedFailures()).filter((id) => !withJob.has(id));
        if (again.length > 0) await this.run({ type: 'enrich', sessionIds: again, priority: 'normal' });
        return;
      }
    }
  }

  /** Of these sessions, those "Enrich all" queues, decided over the whole queue (`sessionsToEnrich`). */
  private async notEnriched(scheduler: Scheduler, sessionIds: readonly string[]): Promise<string[]> {
    // Results are read only when a session has no job: retention may have left it its result alone.
    const jobless = new Set(sessionIds);
    for (const job of scheduler.all()) jobless.delete(job.sessionId);
    if (jobless.size === 0) return sessionsToEnrich(sessionIds, scheduler.all(), new Set());
    // Keys only: the results that failed whole are in their own index.
    const tx = this.db.transaction('results');
    const [withResult, failed] = await Promise.all([tx.store.getAllKeys(), tx.store.index('by-failed').getAllKeys()]);
    return sessionsToEnrich(sessionIds, scheduler.all(), new Set(withResult), new Set(failed));
  }

  /**
   * The privacy context changed (a mark, "Not sensitive", the setting), already stored by the caller.
   * When stored results depend on it ("redact everywhere"), queues a job per session that runs the
   * stages from `redact` on over its latest stored result, without reading the screens again.
   */
  async privacyChanged(change: PrivacyChange): Promise<void> {
    const plan = planReapply(change, (await loadPrivacySettings(this.db)).mode);
    if (plan.scope === 'none') return;
    const sessionIds = plan.scope === 'session' ? [plan.sessionId] : this.view.getSnapshot().sessions.map((session) => session.id);
    await this.run({ type: 'reapply-privacy', sessionIds, priority: plan.priority });
  }

  /**
   * The sessions to enrich: from the library this tab already holds, and from the database only those
   * it does not know (imported in another tab a moment ago). 500 separate reads would freeze the page.
   */
  private async sessionsById(ids: readonly string[]): Promise<SessionRecord[]> {
    const known = new Map(this.view.current().sessions.map((session) => [session.id, session]));
    const missing = ids.filter((id) => !known.has(id));
    const read = missing.length === 0 ? [] : await Promise.all(missing.map((id) => this.sessions.get(id)));
    for (const session of read) if (session) known.set(session.id, session);
    return ids.map((id) => known.get(id)).filter((s): s is SessionRecord => s !== undefined);
  }

  /**
   * Queues every session that has not been enriched and is not queued already. While an import or the
   * samples are still being made, the sessions they add afterwards are queued too, as they arrive.
   * This tab's view may not hold the finished jobs yet (a click as the page opened re-enriched every
   * session already done), nor any job of a session enriched over a day ago (retention), so the
   * leader checks its choice again over its whole queue and the stored results.
   */
  async enrichAll(): Promise<void> {
    if (this.importsRunning > 0) this.enrichArrivals = true;
    // "All" is every stored session, also those start-up has not read yet.
    await this.sessionsLoaded;
    const { sessions, jobs } = this.view.current();
    const todo = sessionsToEnrich(sessions.map((session) => session.id), jobs.values(), new Set());
    return this.run({ type: 'enrich', sessionIds: todo, priority: 'normal', unlessEnriched: true });
  }

  /** Makes and stores the sample sessions; the report names those that could not be stored. */
  async loadSamples(): Promise<ImportReport> {
    return this.importing(() => loadSampleSessions(this.sessions, (session) => this.arrived([session])));
  }

  async importFiles(picked: readonly PickedFile[]): Promise<ImportReport> {
    return this.importing(async () => {
      const report = await importPicked(picked, this.sessions);
      this.arrived(report.imported);
      return report;
    });
  }

  private async importing<T>(work: () => Promise<T>): Promise<T> {
    this.importsRunning++;
    try {
      return await work();
    } finally {
      if (--this.importsRunning === 0) this.enrichArrivals = false;
      this.post({ kind: 'sessions-changed' });
    }
  }

  /** Sessions an import stored: shown at once, and queued if "Enrich all" was asked for meanwhile. */
  private arrived(sessions: readonly SessionRecord[]): void {
    for (const session of sessions) this.view.addSession(session);
    if (this.enrichArrivals && sessions.length > 0) {
      void this.run({ type: 'enrich', sessionIds: sessions.map((session) => session.id), priority: 'normal' });
    }
  }

  /** Searches the library's enriched sessions (notes, screens, transcripts); best hits first. */
  search(query: string, limit?: number, filters?: SearchFilters): Promise<SearchHit[]> {
    return searchClientFor(this.config.dbName).search(query, limit, filters);
  }

  /**
   * Resolves when the queue is empty: in the leader, once everything is written too; in a follower,
   * once the leader's reports show no job queued, waiting or running.
   */
  async drain(): Promise<void> {
    const leader = this.leadership.then(() => 'leader' as const);
    // A follower settles when the leader's reports show nothing queued, waiting or running.
    const followed = new Promise<'followed'>((resolve) => {
      const check = () => {
        const { role, counts } = this.view.getSnapshot();
        const idle = counts.queued + counts.running + counts['waiting-retry'] === 0;
        if (role === 'outdated' || (role === 'follower' && idle)) {
          unsubscribe();
          resolve('followed');
        }
      };
      const unsubscribe = this.view.subscribe(check);
      void leader.then(unsubscribe);
      check();
    });
    if ((await Promise.race([leader, followed])) === 'leader') await this.scheduler?.drain();
  }

  /**
   * Stops scheduling, lets running jobs finish, and hands leadership on. With `graceful: false`
   * it drops everything at once, as a closed tab does: running jobs are left for the next leader.
   */
  async close({ graceful = true }: { graceful?: boolean } = {}): Promise<void> {
    this.closing.abort();
    this.removePagehide?.();
    if (graceful) await this.scheduler?.shutdown();
    else this.scheduler?.abandon();
    this.pool?.terminate();
    this.releaseLock?.();
    this.channel.close();
    clearTimeout(this.notifyTimer);
    await this.reloading;
    this.db.close();
  }

  private async onTabMessage(message: TabMessage): Promise<void> {
    switch (message.kind) {
      case 'command':
        if (!this.scheduler) return;
        await this.run(message.command);
        this.post({ kind: 'command-done', id: message.id });
        return;
      case 'command-done':
        this.sentCommands.get(message.id)?.done();
        this.sentCommands.delete(message.id);
        return;
      case 'leader-ready':
        // A command sent while no tab could take it (the old leader gone, the new one loading) goes again.
        for (const [id, sent] of this.sentCommands) this.post({ kind: 'command', id, command: sent.command });
        return;
      case 'jobs-changed':
        if (this.scheduler || this.outdated) return;
        this.view.updateJobs(message.jobs);
        if (message.removed.length > 0) {
          this.view.removeJobs(new Set(message.removed));
          void this.showStoredFailed();
        }
        return;
      case 'jobs-reload':
        if (!this.scheduler && !this.outdated) void this.reloadJobs();
        return;
      case 'sessions-changed': {
        if (this.outdated) return;
        const sessions = await this.readAllSessions();
        if (!this.outdated) this.view.setSessions(sessions);
        return;
      }
      case 'status':
        if (!this.scheduler && !this.outdated) this.view.setStatus('follower', message.paused);
        return;
    }
  }

  /** The sessions after the first page, added to the view page by page, each read in a task of its own. */
  private async showRemainingSessions(pages: AsyncGenerator<SessionRecord[]>): Promise<void> {
    try {
      for await (const page of pages) {
        if (this.outdated) return;
        this.view.addSessions(page);
      }
    } catch {
      // A failed page read: the whole list in one read rather than a list with a hole in it.
      if (!this.outdated) this.view.setSessions(await this.sessions.list());
    }
  }

  /**
   * The sessions whose stored results failed whole or in part, as their jobs would have ("Retry
   * failed" takes those): keys of two indexes of the results, no result read.
   */
  private async storedFailures(): Promise<string[]> {
    const results = this.db.transaction('results').store;
    const [whole, partly] = await Promise.all([results.index('by-failed').getAllKeys(), results.index('by-partly-failed').getAllKeys()]);
    return [...new Set([...whole, ...partly])];
  }

  /**
   * Tells the view which sessions' stored results failed whole or in part (`storedFailures`): read at
   * opening and whenever jobs go, since a session then shows its result.
   */
  private async showStoredFailed(): Promise<void> {
    try {
      const ids = await this.storedFailures();
      if (!this.outdated) this.view.setStoredFailed(ids);
    } catch {
      // The database closed (a newer version took it): this tab has stepped down.
    }
  }

  /** Every stored session, read in pages (no long task), for a view that swaps in the whole list at once. */
  private async readAllSessions(): Promise<SessionRecord[]> {
    const sessions: SessionRecord[] = [];
    for await (const page of this.sessions.listInPages()) sessions.push(...page);
    return sessions;
  }

  /**
   * Shows jobs read from storage; false once this tab leads. Its scheduler reads every stored job
   * anyway and hands each page to the view (subscribe): a second read of them would only compete
   * with the scheduler's first reads in the database's backend (~0.6 s over 100,000 job records).
   */
  private showStoredJobs(jobs: Iterable<Job>): boolean {
    if (this.leading) return false;
    this.view.updateStoredJobs(jobs);
    return true;
  }

  /** Reads the whole jobs store into the view; a call during a read asks for one more read after it. */
  private reloadJobs(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        // Packed jobs first, then settled ones, then records: a job that moves on meanwhile (a pack's
        // job settling, a settled job requeued) is then read again. The view keeps a job's newest copy.
        for await (const jobs of readPackedJobs(this.db)) if (!this.showStoredJobs(jobs)) return;
        for await (const records of readSettledInPages(this.db, JOB_PAGE)) if (!this.showStoredJobs(jobsOfRecords(records))) return;
        // A page per read: 100,000 stored jobs read at once would hold the page for a second or more.
        let after: string | undefined;
        for (;;) {
          const page = await this.db.getAll('jobs', after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), JOB_PAGE);
          if (!this.showStoredJobs(page)) return;
          if (page.length < JOB_PAGE) break;
          after = page.at(-1)!.id;
        }
        // Last: a running job's record holds its state before the run, the running record the current one.
        if (!this.showStoredJobs(await readRunningJobs(this.db))) return;
      } while (this.reloadAgain);
    })().finally(() => (this.reloading = null));
    return this.reloading;
  }

  /** Tells followers which jobs changed, at most every FOLLOWER_REFRESH_MS, with the jobs themselves. */
  private notifyFollowers(changed: readonly string[], removed: readonly string[]): void {
    const pending = this.unreported;
    if (!pending.overflow) {
      for (const id of changed) pending.changed.add(id);
      for (const id of removed) pending.removed.add(id);
      if (pending.changed.size + pending.removed.size > MAX_JOBS_PER_REPORT) {
        pending.overflow = true;
        pending.changed.clear();
        pending.removed.clear();
      }
    }
    if (this.notifyTimer !== undefined) return;
    this.notifyTimer = setTimeout(() => void this.report(), FOLLOWER_REFRESH_MS);
  }

  /**
   * Sends the followers the queue's status, then what changed since the last report, JOBS_PER_MESSAGE
   * jobs a message, each message in a task of its own. Changes made meanwhile wait for the next
   * report (the timer stays set until this one is sent).
   */
  private async report(): Promise<void> {
    const pending = this.unreported;
    const { overflow } = pending;
    const changed = [...pending.changed];
    const removed = [...pending.removed];
    pending.overflow = false;
    pending.changed.clear();
    pending.removed.clear();
    try {
      const scheduler = this.scheduler;
      if (!scheduler) return;
      // The status first: a follower that shows a job's change already shows the queue's state with it.
      this.post({ kind: 'status', paused: scheduler.isPaused });
      if (overflow) this.post({ kind: 'jobs-reload' });
      else {
        for (let from = 0; from === 0 || from < changed.length; from += JOBS_PER_MESSAGE) {
          if (from > 0) await nextTask();
          // This tab stopped leading or closed meanwhile: the new leader reports from here on.
          if (this.scheduler !== scheduler || this.closing.signal.aborted) return;
          const jobs = changed.slice(from, from + JOBS_PER_MESSAGE).map((id) => scheduler.get(id)).filter((job): job is Job => job !== undefined);
          this.post({ kind: 'jobs-changed', jobs, removed: from === 0 ? removed : [] });
        }
      }
    } finally {
      this.notifyTimer = undefined;
      if (this.scheduler && !this.closing.signal.aborted && (pending.overflow || pending.changed.size + pending.removed.size > 0)) this.notifyFollowers([], []);
    }
  }

  private post(message: TabMessage): void {
    this.channel.postMessage(message);
  }
}

function inputBytes(session: SessionRecord): number {
  return [...session.screenshots, ...session.audio].reduce((sum, ref) => sum + ref.size, 0);
}

function audioBytes(session: SessionRecord): number {
  return session.audio.reduce((sum, ref) => sum + ref.size, 0);
}

function videoBytes(session: SessionRecord): number {
  return sessionVideos(session).reduce((sum, ref) => sum + ref.size, 0);
}

/** How the owner of a running job went away: closed (it marked so on pagehide) or crashed. */
function closedOrCrashed(owner: string): 'closed' | 'crashed' {
  try {
    return localStorage.getItem(CLOSED_MARK + owner) === null ? 'crashed' : 'closed';
  } catch {
    return 'crashed';
  }
}

/** Once a new leader has recovered their jobs, the closed marks of other tabs have served. */
function forgetClosedMarks(except: string): void {
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(CLOSED_MARK) && key !== CLOSED_MARK + except) localStorage.removeItem(key);
    }
  } catch {
    // No storage, no marks.
  }
}
