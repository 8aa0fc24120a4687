import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { Enricher } from '../../src/app/enricher.ts';
import { LibraryView, type LibrarySnapshot } from '../../src/app/libraryView.ts';
import { createJob, startAttempt } from '../../src/engine/transitions.ts';
import { BatchPanel } from '../../src/ui/BatchPanel.tsx';
import { bareSession } from '../fixtures/stageContext.ts';
import { reactRoot } from './fixtures/reactRoot.ts';

const { root } = reactRoot();

const SESSIONS = 2000;
const job = (i: number) =>
  createJob({ id: `j${i}`, sessionId: `s${i}`, batchId: 'b', priority: 'normal', seq: i, stageOrder: ['ocr'], timeoutMs: 10_000, maxAttempts: 3, now: 1 });

/** The snapshot once published (rAF in a page). */
const published = (view: LibraryView) => new Promise<LibrarySnapshot>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(view.getSnapshot()), 0)));

/** Reads of the whole library: what a render of the panel must not do once per frame. */
function countingWalks(library: LibrarySnapshot): { library: LibrarySnapshot; walks: () => number } {
  let walks = 0;
  const jobs = new Map(library.jobs);
  const values = jobs.values.bind(jobs);
  jobs.values = () => {
    walks++;
    return values();
  };
  const sessions = [...library.sessions];
  const map = sessions.map.bind(sessions) as typeof sessions.map;
  sessions.map = ((...args: Parameters<typeof sessions.map>) => {
    walks++;
    return map(...args);
  }) as typeof sessions.map;
  return { library: { ...library, jobs, sessions }, walks: () => walks };
}

describe('the batch panel in a big library', () => {
  it('shows the running sessions with their titles without walking every session and job on each render', async () => {
    const view = new LibraryView();
    view.setSessions(Array.from({ length: SESSIONS }, (_, i) => bareSession({ id: `s${i}`, title: `Session ${i}`, importedAt: i })));
    view.updateJobs([...Array.from({ length: SESSIONS }, (_, i) => job(i)), startAttempt(job(7), { owner: 'tab', runId: 'r' }, 2)]);
    const { library, walks } = countingWalks(await published(view));
    await act(async () => root().render(createElement(BatchPanel, { enricher: {} as Enricher, library, selected: new Set<string>() })));
    expect(document.querySelector('[aria-label="Running sessions"]')?.textContent).toContain('Session 7');
    // Before: each render (one a frame during a batch) copied every job and mapped every session's title.
    expect(walks()).toBe(0);
  });
});
