import { useEffect, useRef } from 'react';
import type { LibrarySnapshot } from '../app/libraryView.ts';
import { batchNoticeText } from './batchNoticeText.ts';

const BATCH_NOTICE_TAG = 'session-enricher-batch-finished';

/**
 * Shows the batch's progress in the tab's title while it runs ("(42%) Session Enricher") and,
 * when it finishes while the tab is hidden, a system notification where permitted.
 */
export function useBatchNotice(library: LibrarySnapshot): void {
  const { done, total } = library.batch;
  const wasRunning = useRef(false);
  useEffect(() => {
    const running = total > 0 && done < total;
    const title = running ? `(${Math.floor((done / total) * 100)}%) Session Enricher` : 'Session Enricher';
    // The effect runs on every snapshot (a frame of a batch); the title changes at most a hundred times.
    if (document.title !== title) document.title = title;
    if (wasRunning.current && !running && total > 0 && document.hidden && 'Notification' in window && Notification.permission === 'granted') {
      // Every open tab of the app sees the batch end: one tag makes the system show one notice, not one per tab.
      new Notification('Session Enricher', { body: batchNoticeText(library.counts, total), icon: '/favicon.svg', tag: BATCH_NOTICE_TAG });
    }
    wasRunning.current = running;
  }, [done, total, library.counts]);
}

/** Asks once, on a click, whether a finished batch may notify; never nags. */
export function askForNotifications(): void {
  if ('Notification' in window && Notification.permission === 'default') void Notification.requestPermission();
}
