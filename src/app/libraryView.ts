import { isTerminal, type Job, type JobState } from '../shared/job.ts';
import type { SessionRecord } from '../shared/session.ts';
import { zeroCounts } from '../engine/stats.ts';
import { failedForSpace } from '../engine/unsaved.ts';
import { sameKind, shownJob, withJob, type SessionJobs } from '../shared/shownJob.ts';
import { SnapshotMap } from './snapshotMap.ts';

/** Who runs the queue in this tab: the leader schedules; a follower watches and forwards commands. */
/** `outdated`: a newer version of the app opened the library in another tab; this one has stepped down. */
export type Role = 'starting' | 'leader' | 'follower' | 'outdated';

/** One immutable picture of the library for React. A new object per change, never mutated. */
export interface LibrarySnapshot {
  version: number;
  role: Role;
  paused: boolean;
  sessions: readonly SessionRecord[];
  /** The job that says how each session stands (`shownJob`), by session id. */
  jobs: ReadonlyMap<string, Job>;
  /** Over the sessions that have a job: how many have ended. */
  batch: { done: number; total: number };
  counts: Readonly<Record<JobState, number>>;
  /** Sessions whose enrichment ended for lack of storage space (`failedForSpace`). */
  storageFull: number;
  /**
   * Sessions with no job whose stored result failed whole or in part (retention deleted the job; the
   * row says "Failed" or "Partly done" from the result): "Retry failed" enriches them again.
   */
  failedStored: number;
  /**
   * The running jobs with their sessions' titles, found while counting: the batch panel shows them on
   * every frame of a batch, and walking the whole library there cost each frame in proportion to it.
   */
  running: readonly RunningSession[];
  /** The engine's estimate of the time left, from observed stage times; null when unknown. */
  etaMs: number | null;
}

/** A running job and the title of its session, for the batch panel. */
export interface RunningSession {
  job: Job;
  title: string;
}

const ZERO_COUNTS: Readonly<Record<JobState, number>> = Object.freeze(zeroCounts());

/**
 * A versioned snapshot store for `useSyncExternalStore`. Changes are folded in as they come and
 * published at most once per animation frame, however many engine events arrive.
 */
export class LibraryView {
  private sessions: SessionRecord[] = [];
  /** `sessions` by id, kept with them: a page of a big library is checked against it, a running job's title read from it. */
  private sessionsById = new Map<string, SessionRecord>();
  /** Each session's newest job of each kind. */
  private readonly held = new Map<string, SessionJobs>();
  /** The job shown for each session, of those held (`shownJob`). */
  private readonly jobs = new SnapshotMap<Job>();
  /**
   * What the snapshot counts over the jobs shown, kept as each changes: counted afresh, every frame
   * of a batch walked the whole library.
   */
  private tally = emptyTally();
  private role: Role = 'starting';
  private paused = false;
  private snapshot: LibrarySnapshot;
  private readonly listeners = new Set<() => void>();
  private scheduled = false;
  private etaSource: () => number | null = () => null;
  /** Sessions whose stored result failed whole or in part (the results' two indexes), job or not. */
  private storedFailed: ReadonlySet<string> = new Set();
  /** `failedStored` as last counted; null once a session, a stored failure or a session's having a job changed. */
  private failedStoredCount: number | null = null;

  constructor() {
    this.snapshot = this.build(0);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LibrarySnapshot => this.snapshot;

  /**
   * The sessions and newest jobs as they are now. The snapshot is published once per frame, so it
   * may be a frame behind: commands ("Enrich all") must not miss what arrived in between.
   */
  current(): { sessions: readonly SessionRecord[]; jobs: ReadonlyMap<string, Job> } {
    return { sessions: this.sessions, jobs: this.jobs };
  }

  setSessions(sessions: SessionRecord[]): void {
    this.sessions = sessions;
    this.sessionsById = new Map(sessions.map((session) => [session.id, session]));
    this.failedStoredCount = null;
    this.invalidate();
  }

  addSession(session: SessionRecord): void {
    this.addSessions([session]);
  }

  /**
   * Adds sessions not shown yet. The list stays in import order: a session imported while the
   * library was still being read (and so read again in a later page) is neither shown twice nor
   * left above older ones.
   */
  addSessions(sessions: readonly SessionRecord[]): void {
    const added = sessions.filter((session) => !this.sessionsById.has(session.id));
    if (added.length === 0) return;
    for (const session of added) this.sessionsById.set(session.id, session);
    const last = this.sessions.at(-1)?.importedAt ?? -Infinity;
    const merged = [...this.sessions, ...added];
    if (added.some((session) => session.importedAt < last)) merged.sort((a, b) => a.importedAt - b.importedAt);
    this.sessions = merged;
    this.failedStoredCount = null;
    this.invalidate();
  }

  /** Takes in changed jobs; a session shows its newest job, or its enrichment after a privacy pass (`shownJob`). */
  updateJobs(jobs: Iterable<Job>): void {
    for (const job of jobs) this.hold(job.sessionId, withJob(this.held.get(job.sessionId) ?? {}, job));
    this.invalidate();
  }

  private hold(sessionId: string, held: SessionJobs): void {
    const shown = shownJob(held);
    const before = this.jobs.get(sessionId);
    count(this.tally, before, -1);
    count(this.tally, shown, 1);
    if (!before !== !shown && this.storedFailed.has(sessionId)) this.failedStoredCount = null;
    if (shown) {
      this.held.set(sessionId, held);
      this.jobs.set(sessionId, shown);
    } else {
      this.held.delete(sessionId);
      this.jobs.delete(sessionId);
    }
  }

  /**
   * Takes in jobs read from storage while the engine may be changing them: a stored copy older
   * (by `updatedAt`) than the same job shown is a state it has already left, and is not shown.
   */
  updateStoredJobs(jobs: Iterable<Job>): void {
    const fresh: Job[] = [];
    for (const job of jobs) {
      const current = sameKind(this.held.get(job.sessionId), job);
      if (current?.id !== job.id || current.updatedAt <= job.updatedAt) fresh.push(job);
    }
    this.updateJobs(fresh);
  }

  /** Shows exactly `jobs`, dropping every other: the leader's scheduler holds the whole queue. */
  setJobs(jobs: Iterable<Job>): void {
    this.held.clear();
    this.jobs.clear();
    this.tally = emptyTally();
    this.failedStoredCount = null;
    this.updateJobs(jobs);
  }

  removeJobs(ids: ReadonlySet<string>): void {
    for (const [sessionId, { enrich, privacy }] of this.held) {
      if ((enrich && ids.has(enrich.id)) || (privacy && ids.has(privacy.id))) {
        this.hold(sessionId, { ...(enrich && !ids.has(enrich.id) ? { enrich } : {}), ...(privacy && !ids.has(privacy.id) ? { privacy } : {}) });
      }
    }
    this.invalidate();
  }

  /** Where the ETA comes from (the leader's scheduler); read once per published snapshot. */
  setEtaSource(source: () => number | null): void {
    this.etaSource = source;
    this.invalidate();
  }

  /** The sessions whose stored result failed whole or in part, as last read (`failedStored` counts those with no job). */
  setStoredFailed(sessionIds: Iterable<string>): void {
    this.storedFailed = new Set(sessionIds);
    this.failedStoredCount = null;
    this.invalidate();
  }

  setStatus(role: Role, paused: boolean): void {
    this.role = role;
    this.paused = paused;
    this.invalidate();
  }

  private invalidate(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const publish = () => {
      this.scheduled = false;
      this.snapshot = this.build(this.snapshot.version + 1);
      for (const listener of this.listeners) listener();
    };
    // rAF does not run in hidden tabs; the batch must still show its progress in the title.
    if (typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(publish);
    else setTimeout(publish, 250);
  }

  private countFailedStored(): number {
    let failed = 0;
    for (const id of this.storedFailed) if (!this.jobs.has(id) && this.sessionsById.has(id)) failed++;
    return failed;
  }

  private build(version: number): LibrarySnapshot {
    const { counts, done, storageFull } = this.tally;
    const running: RunningSession[] = [];
    for (const job of this.tally.running.values()) running.push({ job, title: this.sessionsById.get(job.sessionId)?.title ?? 'Session' });
    const failedStored = (this.failedStoredCount ??= this.countFailedStored());
    return {
      version,
      role: this.role,
      paused: this.paused,
      sessions: this.sessions,
      jobs: this.jobs.snapshot(),
      batch: { done, total: this.jobs.size },
      counts: { ...counts },
      storageFull,
      failedStored,
      running,
      etaMs: done < this.jobs.size ? this.etaSource() : null,
    };
  }
}

/** What the snapshot counts over the jobs shown. */
interface Tally {
  counts: Record<JobState, number>;
  done: number;
  storageFull: number;
  /** The running jobs shown, by session id. */
  running: Map<string, Job>;
}

const emptyTally = (): Tally => ({ counts: { ...ZERO_COUNTS }, done: 0, storageFull: 0, running: new Map() });

/** Adds a job shown to the tally (`sign` 1), or takes away one no longer shown (-1). */
function count(tally: Tally, job: Job | undefined, sign: 1 | -1): void {
  if (!job) return;
  tally.counts[job.state] += sign;
  if (isTerminal(job.state)) tally.done += sign;
  if (job.lastError && failedForSpace(job)) tally.storageFull += sign;
  if (job.state !== 'running') return;
  if (sign > 0) tally.running.set(job.sessionId, job);
  else tally.running.delete(job.sessionId);
}
