import { describe, expect, test } from 'vitest';
import { LibraryView } from '../../src/app/libraryView.ts';
import { createJob } from '../../src/engine/transitions.ts';
import { bareSession } from '../fixtures/stageContext.ts';

/** The snapshot once published (a timer outside a page). */
const published = (view: LibraryView) => new Promise<ReturnType<LibraryView['getSnapshot']>>((resolve) => setTimeout(() => resolve(view.getSnapshot()), 300));

describe('LibraryView: sessions whose stored result failed whole and that have no job', () => {
  // Retention deletes finished jobs after a day: their rows then say "Failed" from the stored
  // result, and "Retry failed" must count them, or it stays disabled beside them.
  test('are counted for "Retry failed": not those with a job, not those no longer in the library', async () => {
    const view = new LibraryView();
    view.setSessions(['a', 'b', 'c'].map((id) => bareSession({ id, title: id })));
    view.updateJobs([createJob({ id: 'jb', sessionId: 'b', batchId: 'again', priority: 'normal', seq: 1, stageOrder: ['ocr'], timeoutMs: 10_000, maxAttempts: 3, now: 1 })]);
    view.setStoredFailed(['a', 'b', 'gone']);
    expect((await published(view)).failedStored).toBe(1);
  });
});
