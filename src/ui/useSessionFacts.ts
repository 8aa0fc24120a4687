import { useEffect, useSyncExternalStore } from 'react';
import type { Enricher } from '../app/enricher.ts';
import { isTerminal, type Job } from '../shared/job.ts';
import type { SessionRecord } from '../shared/session.ts';
import { committedResult } from './committedResult.ts';
import { factsOf, type SessionFacts } from './sessionFacts.ts';

/** Sessions whose facts are kept, newest use last: enough for the rows in view and a page of hits. */
const KEEP = 400;

/**
 * Which stored result facts come from. A job that has not ended leaves the result stored before
 * it in place, so only a job's end (or a session with no job) calls for a read. An ended job shown
 * as updated later had a privacy pass over its result (`shownJob`): that calls for a read too.
 */
function wantedKey(job: Job | undefined): string {
  if (!job) return 'none';
  return isTerminal(job.state) ? `${job.id}:${job.attempts}:${job.state}:${job.updatedAt}` : 'unchanged';
}

/**
 * The facts of the sessions on screen, read from IndexedDB once per finished job. Reads that end
 * together are published together, at most once per animation frame, so that a batch finishing
 * many rows costs one React commit, not one per row.
 */
class FactsStore {
  private readonly entries = new Map<string, { key: string; facts: SessionFacts }>();
  private readonly reading = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private scheduled = false;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(sessionId: string): SessionFacts | null {
    return this.entries.get(sessionId)?.facts ?? null;
  }

  /** Starts a read unless the facts held (or being read) already answer for this job. */
  want(enricher: Enricher, session: SessionRecord, job: Job | undefined): void {
    const key = wantedKey(job);
    const held = this.entries.get(session.id);
    if (held && (key === 'unchanged' || held.key === key)) return;
    const reading = `${session.id}|${key}`;
    if (this.reading.has(reading)) return;
    this.reading.add(reading);
    committedResult(enricher, session.id, job, () => true)
      .then((record) => this.put(session.id, key, factsOf(session, record)))
      .catch(() => {}) // No facts is a fine answer: the row shows what the session itself says.
      .finally(() => this.reading.delete(reading));
  }

  private put(sessionId: string, key: string, facts: SessionFacts): void {
    this.entries.delete(sessionId);
    this.entries.set(sessionId, { key, facts });
    if (this.entries.size > KEEP) this.entries.delete(this.entries.keys().next().value!);
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      for (const listener of this.listeners) listener();
    });
  }
}

const store = new FactsStore();

/** The facts of a session's stored result; null until read. */
export function useSessionFacts(enricher: Enricher, session: SessionRecord, job: Job | undefined): SessionFacts | null {
  const facts = useSyncExternalStore(store.subscribe, () => store.get(session.id));
  useEffect(() => store.want(enricher, session, job), [enricher, session, job]);
  return facts;
}
