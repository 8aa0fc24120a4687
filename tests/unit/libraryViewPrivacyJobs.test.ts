import { describe, expect, test } from 'vitest';
import { LibraryView } from '../../src/app/libraryView.ts';
import { sessionsToEnrich } from '../../src/app/sessionsToEnrich.ts';
import { createJob } from '../../src/engine/transitions.ts';
import type { Job, JobKind, JobState } from '../../src/shared/job.ts';

/** A job of `kind` in `state`, as far as the view and "Enrich all" read it. */
function job(id: string, seq: number, state: JobState, kind: JobKind = 'enrich'): Job {
  const made = createJob({ id, sessionId: 's1', batchId: 'b', priority: 'normal', seq, stageOrder: ['ocr'], timeoutMs: 10_000, maxAttempts: 3, now: seq, kind });
  return { ...made, state, ...(state === 'queued' ? {} : { finishedAt: seq, startedAt: seq }) } as Job;
}
const shown = (view: LibraryView) => {
  const current = view.current().jobs.get('s1');
  return current && `${current.id}:${current.state}`;
};

/**
 * Switching to "Redact everywhere" queues a privacy job over every stored result, also of sessions
 * whose enrichment was partly done or failed. That job redoes the privacy stages only: once it has
 * succeeded, the session's enrichment is still as partly done or failed as before.
 */
describe('a privacy job over a session enriched partly', () => {
  test('shows while it waits or runs; once it has succeeded, the session shows its enrichment again', () => {
    const view = new LibraryView();
    view.updateJobs([job('enrich', 1, 'partial')]);
    view.updateJobs([job('privacy', 2, 'queued', 'reapply-privacy')]);
    expect(shown(view)).toBe('privacy:queued');
    view.updateJobs([job('privacy', 2, 'succeeded', 'reapply-privacy')]);
    expect(shown(view)).toBe('enrich:partial');
    // Retry failed reads the view: it finds the enrichment to retry.
    expect([...view.current().jobs.values()].map((j) => j.state)).toEqual(['partial']);
  });

  test('queued behind an enrichment that has not ended, it waits: the session shows its enrichment running', () => {
    const view = new LibraryView();
    view.updateJobs([job('enrich', 1, 'running'), job('privacy', 2, 'queued', 'reapply-privacy')]);
    expect(shown(view)).toBe('enrich:running');
    view.updateJobs([job('enrich', 1, 'succeeded')]);
    expect(shown(view)).toBe('privacy:queued');
  });

  test('a privacy job that failed or was cancelled speaks for the session: it is what Retry failed runs again', () => {
    const view = new LibraryView();
    view.updateJobs([job('enrich', 1, 'succeeded'), job('privacy', 2, 'failed', 'reapply-privacy')]);
    expect(shown(view)).toBe('privacy:failed');
  });

  test('a session with only a privacy job (its enrichment removed by retention) shows that job', () => {
    const view = new LibraryView();
    view.updateJobs([job('privacy', 2, 'succeeded', 'reapply-privacy')]);
    expect(shown(view)).toBe('privacy:succeeded');
    view.removeJobs(new Set(['privacy']));
    expect(shown(view)).toBeUndefined();
  });

  test('"Enrich all" reads a session\'s enrichment, not its privacy jobs', () => {
    expect(sessionsToEnrich(['s1'], [job('enrich', 1, 'failed'), job('privacy', 2, 'succeeded', 'reapply-privacy')], new Set(['s1']))).toEqual(['s1']);
    // A cancelled privacy job is no reason to enrich a done session again.
    expect(sessionsToEnrich(['s1'], [job('enrich', 1, 'succeeded'), job('privacy', 2, 'cancelled', 'reapply-privacy')], new Set(['s1']))).toEqual([]);
  });
});
