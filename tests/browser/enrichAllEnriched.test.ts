import { describe, expect, it } from 'vitest';
import { Enricher } from '../../src/app/enricher.ts';
import { mergeResult } from '../../src/engine/mergeResult.ts';
import { createJob } from '../../src/engine/transitions.ts';
import { openEnricherDb, type EnricherDb, type ResultRecord } from '../../src/shared/db.ts';
import type { Job } from '../../src/shared/job.ts';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import { PIPELINE_STAGES } from '../../src/shared/pipeline.ts';
import { bareSession } from '../fixtures/stageContext.ts';
import { createTestWorker } from './fixtures/engine.ts';
import { waitFor } from './fixtures/waitFor.ts';
import { openedEnrichers } from './fixtures/enrichers.ts';
import { uniqueDbName } from './fixtures/sessions.ts';

const { open, names } = openedEnrichers();

const HOUR = 60 * 60_000;

/** How an earlier enrichment of a session ended: its job's state, and its stored result's outcomes. */
type Ending = 'succeeded' | 'partial' | 'failed';

function finished(sessionId: string, seq: number, finishedAt: number, ending: Ending): Job {
  const job = createJob({ id: `job-${sessionId}`, sessionId, batchId: 'earlier', priority: 'normal', seq, stageOrder: [...PIPELINE_STAGES], timeoutMs: 10_000, maxAttempts: 3, now: finishedAt });
  return { ...job, state: ending, attempts: 1, startedAt: finishedAt, finishedAt, updatedAt: finishedAt } as Job;
}

const DONE: StageOutcome = { status: 'done', result: {}, ms: 1 };
const FAILED: StageOutcome = { status: 'failed', error: { class: 'permanent', message: 'No screen could be read' }, ms: 1 };

/** The result the engine commits for such an ending. */
function result(sessionId: string, ending: Ending): ResultRecord {
  const outcomes = { ocr: ending === 'failed' ? FAILED : DONE, chapters: ending === 'succeeded' ? DONE : FAILED };
  return mergeResult({ sessionId, jobId: `job-${sessionId}`, attempt: 1, runId: 'run', committedAt: 1 }, outcomes, undefined);
}

/**
 * A library of `enriched` sessions with their results (and, when `finishedAt` is given, their
 * finished jobs), each ended as `endings` says (succeeded unless named), plus `fresh` sessions never
 * enriched. The queue is paused, so nothing runs and the
 * test sees exactly what "Enrich all" queued.
 */
async function library(enriched: string[], fresh: string[], finishedAt: number | null, endings: Record<string, Ending> = {}): Promise<string> {
  const dbName = uniqueDbName();
  names.push(dbName);
  const db: EnricherDb = await openEnricherDb(dbName);
  const tx = db.transaction(['sessions', 'jobs', 'results', 'meta'], 'readwrite');
  [...enriched, ...fresh].forEach((id, i) => void tx.objectStore('sessions').put(bareSession({ id, title: id, importedAt: 1000 + i })));
  enriched.forEach((id, i) => {
    const ending = endings[id] ?? 'succeeded';
    void tx.objectStore('results').put(result(id, ending));
    if (finishedAt !== null) void tx.objectStore('jobs').put(finished(id, i, finishedAt, ending));
  });
  void tx.objectStore('meta').put(true, 'paused');
  await tx.done;
  db.close();
  return dbName;
}

/** The jobs "Enrich all" queued, by session: read from the leader's whole queue. */
function queuedSessions(enricher: Enricher): string[] {
  return [...enricher.view.current().jobs.values()].filter((job) => job.state === 'queued').map((job) => job.sessionId).sort();
}

describe('"Enrich all" over sessions already enriched', () => {
  it('pressed as the app opens, before the finished jobs are read, queues only the sessions never enriched', async () => {
    const dbName = await library(['a', 'b', 'c'], ['new'], Date.now());
    const enricher = await Enricher.open({ dbName, createWorker: createTestWorker, options: { concurrency: 1 } });
    open.push(enricher);
    // The person clicks as soon as the list shows: start-up has not read the finished jobs yet.
    await enricher.enrichAll();
    await enricher.leadership;
    expect(queuedSessions(enricher)).toEqual(['new']);
    expect(enricher.view.current().jobs.get('a')?.state).toBe('succeeded');
  });

  it('a day later, when retention has removed their finished jobs (their results stay), queues only the sessions never enriched', async () => {
    // Finished two days ago: the start deletes those jobs, as it does after 24 hours.
    const dbName = await library(['a', 'b', 'c'], ['new'], Date.now() - 48 * HOUR);
    const enricher = await Enricher.open({ dbName, createWorker: createTestWorker, options: { concurrency: 1 } });
    open.push(enricher);
    await enricher.leadership;
    await enricher.enrichAll();
    expect(queuedSessions(enricher)).toEqual(['new']);
  });

  // Retention keeps a failed session's result: that result, not the deleted job, must say it failed.
  it.each([
    ['with their jobs still in the queue', 0],
    ['a day later, when retention has removed their jobs', 48 * HOUR],
  ])('%s, queues the session that failed whole again, not those done or partly done', async (_when, age) => {
    const dbName = await library(['done', 'partly', 'failed'], ['new'], Date.now() - age, { partly: 'partial', failed: 'failed' });
    const enricher = await Enricher.open({ dbName, createWorker: createTestWorker, options: { concurrency: 1 } });
    open.push(enricher);
    await enricher.leadership;
    await enricher.enrichAll();
    expect(queuedSessions(enricher)).toEqual(['failed', 'new']);
  });

  it('a day later, "Retry failed" counts and queues the sessions whose stored results failed whole or in part, as it would their jobs', async () => {
    const dbName = await library(['done', 'partly', 'failed'], [], Date.now() - 48 * HOUR, { partly: 'partial', failed: 'failed' });
    const enricher = await Enricher.open({ dbName, createWorker: createTestWorker, options: { concurrency: 1 } });
    open.push(enricher);
    await enricher.leadership;
    // The rows say "Failed" and "Partly done" from the stored results: the button beside them must be enabled.
    await waitFor(() => enricher.view.getSnapshot().failedStored === 2, { what: 'the stored failures counted' });
    await enricher.run({ type: 'retry-failed' });
    expect(queuedSessions(enricher)).toEqual(['failed', 'partly']);
  });
});
