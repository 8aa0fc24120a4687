import type { ProgressSink } from '../src/shared/protocol.ts';

/** Smallest gap between two progress messages of one stage; every message is a postMessage. */
const PROGRESS_INTERVAL_MS = 50;

/** Wraps the progress sink so that a chatty stage sends a few messages, not thousands. */
export function throttledProgress(
  send: ProgressSink,
  jobId: string,
  stage: string,
): (fraction: number) => void {
  let lastSent = -Infinity;
  return (fraction) => {
    const now = performance.now();
    if (fraction >= 1 || now - lastSent >= PROGRESS_INTERVAL_MS) {
      lastSent = now;
      void send(jobId, stage, Math.max(0, Math.min(1, fraction)));
    }
  };
}
