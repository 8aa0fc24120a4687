import { describe, expect, test } from 'vitest';
import { LibraryView } from '../../src/app/libraryView.ts';
import { createJob } from '../../src/engine/transitions.ts';
import { RESULT_NOT_SAVED } from '../../src/engine/unsaved.ts';
import type { Job } from '../../src/shared/job.ts';

const failed = (id: string, message: string): Job => ({
  ...createJob({ id, sessionId: `s-${id}`, batchId: 'b', priority: 'normal', seq: 1, stageOrder: ['ocr'], timeoutMs: 10_000, maxAttempts: 3, now: 1 }),
  state: 'failed',
  attempts: 1,
  finishedAt: 2,
  updatedAt: 2,
  lastError: { class: 'permanent', message },
});

/** The snapshot once published (a timer outside a page). */
const published = (view: LibraryView) => new Promise<ReturnType<LibraryView['getSnapshot']>>((resolve) => setTimeout(() => resolve(view.getSnapshot()), 300));

describe('LibraryView: sessions whose results did not fit on the device', () => {
  test('are counted apart from other failures, so the page can say storage is full and what to do', async () => {
    const view = new LibraryView();
    view.updateJobs([failed('j1', RESULT_NOT_SAVED), failed('j2', RESULT_NOT_SAVED), failed('j3', 'This step failed unexpectedly: boom')]);
    // Before: only "3 failed", each row with its reason, and nothing on the page about storage.
    expect((await published(view)).storageFull).toBe(2);
  });
});
