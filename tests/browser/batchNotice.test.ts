import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibrarySnapshot } from '../../src/app/libraryView.ts';
import { zeroCounts } from '../../src/engine/stats.ts';
import type { JobState } from '../../src/shared/job.ts';
import { useBatchNotice } from '../../src/ui/useBatchNotice.ts';
import { reactRoot } from './fixtures/reactRoot.ts';

const { root } = reactRoot();

/** A library whose sessions' latest jobs are in these states. */
function library(states: Partial<Record<JobState, number>>): LibrarySnapshot {
  const counts = { ...zeroCounts(), ...states };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const done = counts.succeeded + counts.partial + counts.failed + counts['timed-out'] + counts.cancelled;
  return { version: 1, role: 'leader', paused: false, sessions: [], jobs: new Map(), batch: { done, total }, counts, storageFull: 0, failedStored: 0, running: [], etaMs: null };
}

function Probe({ library }: { library: LibrarySnapshot }) {
  useBatchNotice(library);
  return null;
}

const shown: string[] = [];
const tags: Array<string | undefined> = [];
const realNotification = window.Notification;
beforeEach(() => {
  shown.length = 0;
  tags.length = 0;
  // A hidden tab that may notify.
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  class FakeNotification {
    static permission = 'granted';
    constructor(_title: string, options?: NotificationOptions) {
      shown.push(options?.body ?? '');
      tags.push(options?.tag);
    }
  }
  Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: FakeNotification });
});
afterEach(() => {
  Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: realNotification });
  delete (document as { hidden?: boolean }).hidden;
});

async function finish(from: LibrarySnapshot, to: LibrarySnapshot): Promise<string[]> {
  await act(async () => root().render(createElement(Probe, { library: from })));
  await act(async () => root().render(createElement(Probe, { library: to })));
  return shown;
}

describe('the notice of a finished batch, in a hidden tab', () => {
  it('counts as enriched only the sessions that were: two of three cancelled is not "3 sessions enriched"', async () => {
    expect(await finish(library({ succeeded: 1, running: 1, queued: 1 }), library({ succeeded: 1, cancelled: 2 }))).toEqual([
      'Your batch is finished: 1 of 3 sessions enriched, 2 cancelled.',
    ]);
  });

  it('says which ended failed, partly done or cancelled', async () => {
    expect(await finish(library({ running: 2, queued: 3 }), library({ succeeded: 2, partial: 1, failed: 1, cancelled: 1 }))).toEqual([
      'Your batch is finished: 3 of 5 sessions enriched (1 partly), 1 failed, 1 cancelled.',
    ]);
  });

  it('each tab notifies under one tag, so that the system shows one notice of the batch, not one per tab', async () => {
    const [from, to] = [library({ succeeded: 1, running: 2 }), library({ succeeded: 3 })];
    await finish(from, to);
    // A second tab of the app, which saw the same batch end.
    await act(async () => root().render(createElement(Probe, { library: { ...from, version: 2 }, key: 'second tab' })));
    await act(async () => root().render(createElement(Probe, { library: { ...to, version: 2 }, key: 'second tab' })));
    expect(shown).toHaveLength(2);
    expect(tags[0]).toBeTruthy();
    expect(tags[1]).toBe(tags[0]);
  });

  it('every session enriched says so', async () => {
    expect(await finish(library({ succeeded: 1, running: 2 }), library({ succeeded: 3 }))).toEqual(['Your batch is finished: 3 sessions enriched.']);
  });
});

describe('the batch progress in the tab title', () => {
  it('is written only when it changes: a frame of a batch that moves no percent leaves the title alone', async () => {
    await act(async () => root().render(createElement(Probe, { library: library({ succeeded: 10, running: 2, queued: 188 }) })));
    const title = document.querySelector('title')!;
    let writes = 0;
    const observer = new MutationObserver((records) => (writes += records.length));
    observer.observe(title, { childList: true, characterData: true, subtree: true });
    // A new snapshot each frame, 5% all along: before, every one rewrote the title (2 s of a 3,000-session batch).
    await act(async () => root().render(createElement(Probe, { library: library({ succeeded: 10, running: 1, queued: 189 }) })));
    await act(async () => root().render(createElement(Probe, { library: library({ succeeded: 11, running: 2, queued: 187 }) })));
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();
    expect(document.title).toBe('(5%) Session Enricher');
    expect(writes).toBe(0);
  });
});
