import { describe, expect, it } from 'vitest';
import { Enricher } from '../../src/app/enricher.ts';
import { mergeResult } from '../../src/engine/mergeResult.ts';
import { openEnricherDb } from '../../src/shared/db.ts';
import { jobKindOf } from '../../src/shared/job.ts';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import { bareSession } from '../fixtures/stageContext.ts';
import { createTestWorker } from './fixtures/engine.ts';
import { openedEnrichers } from './fixtures/enrichers.ts';
import { uniqueDbName } from './fixtures/sessions.ts';

const { open, names } = openedEnrichers();

const DONE: StageOutcome = { status: 'done', result: {}, ms: 1 };
const FAILED: StageOutcome = { status: 'failed', error: { class: 'permanent', message: 'No screen could be read' }, ms: 1 };

describe('a privacy pass ("redact everywhere" turned on, a mark) over stored results', () => {
  // A result with no stage done holds nothing to redact; a pass over it stored the pass's own stages
  // done beside the failures, and the session then read "Partly done" instead of "Failed".
  it('passes over a session whose result failed whole, and takes those done or partly done', async () => {
    const dbName = uniqueDbName();
    names.push(dbName);
    const db = await openEnricherDb(dbName);
    const tx = db.transaction(['sessions', 'results', 'meta'], 'readwrite');
    const endings = { done: { ocr: DONE, chapters: DONE }, partly: { ocr: DONE, chapters: FAILED }, failed: { ocr: FAILED, chapters: FAILED } };
    Object.entries(endings).forEach(([id, outcomes], i) => {
      void tx.objectStore('sessions').put(bareSession({ id, title: id, importedAt: 1000 + i }));
      void tx.objectStore('results').put(mergeResult({ sessionId: id, jobId: `job-${id}`, attempt: 1, runId: 'run', committedAt: 1 }, outcomes, undefined));
    });
    // Paused: the test sees exactly what the pass queued.
    void tx.objectStore('meta').put(true, 'paused');
    await tx.done;
    db.close();
    const enricher = await Enricher.open({ dbName, createWorker: createTestWorker, options: { concurrency: 1 } });
    open.push(enricher);
    await enricher.leadership;
    await enricher.run({ type: 'reapply-privacy', sessionIds: Object.keys(endings), priority: 'normal' });
    const passes = [...enricher.view.current().jobs.values()].filter((job) => jobKindOf(job) === 'reapply-privacy');
    expect(passes.map((job) => job.sessionId).sort()).toEqual(['done', 'partly']);
  });
});
