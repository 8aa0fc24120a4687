import { useEffect, useState } from 'react';
import type { Enricher } from '../engine/enricher.ts';
import type { Job } from '../shared/job.ts';
import type { SessionRecord } from '../shared/session.ts';
import { committedResult } from './committedResult.ts';
import { factsOf, type SessionFacts } from './sessionFacts.ts';

/** Facts of the sessions seen lately, so a row scrolled back into view does not read IndexedDB again. */
const cache = new Map<string, { key: string; facts: SessionFacts }>();
const CACHE_SIZE = 400;

function remember(sessionId: string, key: string, facts: SessionFacts): void {
  cache.delete(sessionId);
  cache.set(sessionId, { key, facts });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

/** Which stored result the facts come from: it changes when the session's newest job changes state. */
export const factsKey = (job: Job | undefined): string | null => (job ? `${job.id}:${job.attempts}:${job.state}` : null);

/** The facts of a session's stored result, read once per job state; null until read or when never enriched. */
export function useSessionFacts(enricher: Enricher, session: SessionRecord, job: Job | undefined): SessionFacts | null {
  const key = factsKey(job);
  const cached = key ? cache.get(session.id) : undefined;
  const [read, setRead] = useState<{ key: string; facts: SessionFacts } | null>(cached?.key === key ? cached : null);
  useEffect(() => {
    if (!key || cache.get(session.id)?.key === key) return;
    let live = true;
    committedResult(enricher, session.id, job, () => live).then(
      (record) => {
        const entry = { key, facts: factsOf(session, record) };
        remember(session.id, key, entry.facts);
        if (live) setRead(entry);
      },
      () => {},
    );
    return () => {
      live = false;
    };
    // `job` is left out on purpose: `key` names its state, and a new object of the same state needs no new read.
  }, [enricher, session, key]);
  if (!key) return null;
  const fresh = cache.get(session.id);
  // While a new job runs, the facts of the result stored before it still hold.
  return fresh?.facts ?? read?.facts ?? null;
}
