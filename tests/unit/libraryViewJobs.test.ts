import { describe, expect, test } from 'vitest';
import { LibraryView } from '../../src/app/libraryView.ts';
import { cancelJob, createJob, startAttempt } from '../../src/engine/transitions.ts';
import type { Job } from '../../src/shared/job.ts';

const queued = (id: string, sessionId: string, seq: number, now: number) =>
  createJob({ id, sessionId, batchId: 'b', priority: 'normal', seq, stageOrder: ['ocr'], timeoutMs: 10_000, maxAttempts: 3, now });
const shown = (view: LibraryView) => Object.fromEntries([...view.current().jobs].map(([sessionId, job]) => [sessionId, `${job.id}:${job.state}`]));

describe('LibraryView: jobs read from storage while the engine changes them', () => {
  test('a stored copy older than the job shown does not take its place; a newer or equal one does', () => {
    const view = new LibraryView();
    const stored = queued('j1', 's1', 1, 100);
    const running = startAttempt(stored, { owner: 'tab', runId: 'r1' }, 200);
    // The scheduler started j1; a page read before that arrives after it.
    view.updateJobs([running]);
    view.updateStoredJobs([stored]);
    expect(shown(view)).toEqual({ s1: 'j1:running' });
    // A stored copy as new as the one shown, or newer, is shown.
    const cancelled = cancelJob(stored, 300);
    view.updateStoredJobs([cancelled]);
    expect(shown(view)).toEqual({ s1: 'j1:cancelled' });
  });

  test('stored jobs of sessions not shown yet, and newer jobs of a session, still show', () => {
    const view = new LibraryView();
    view.updateJobs([startAttempt(queued('j1', 's1', 1, 100), { owner: 'tab', runId: 'r1' }, 500)]);
    // Older by updatedAt than what is shown, but another job (a newer one of s1) and another session.
    view.updateStoredJobs([queued('j2', 's1', 2, 50), queued('j3', 's2', 3, 50)]);
    expect(shown(view)).toEqual({ s1: 'j2:queued', s2: 'j3:queued' });
  });

  test('setJobs shows exactly the jobs given: one a page showed and the engine has since deleted goes', () => {
    const view = new LibraryView();
    view.updateStoredJobs([queued('old', 's1', 1, 10), queued('j2', 's2', 2, 10)]);
    const all: Job[] = [queued('j2', 's2', 2, 10), queued('j3', 's3', 3, 10)];
    view.setJobs(all);
    expect(shown(view)).toEqual({ s2: 'j2:queued', s3: 'j3:queued' });
  });
});
