import type { ProgressSink } from '../src/shared/protocol.ts';

/** Smallest gap between two progress messages of one stage; every message is a postMessage. */
const PROGRESS_INTERVAL_MS = 50;

/** A stage's progress reporter: what the stage calls, and when it starts and ends. */
export interface StageProgress {
  (fraction: number, detail?: string): void;
  /** The stage began: said only if it is still running one interval later (or reports sooner). */
  start(): void;
  /** The stage ended: nothing more is sent. Its end travels with the job's response. */
  stop(): void;
}

/**
 * Wraps the progress sink so that a chatty stage sends a few messages, not thousands, and a quick
 * stage sends none: a stage that ends within one interval costs no message at all.
 */
export function throttledProgress(send: ProgressSink, jobId: string, stage: string): StageProgress {
  let lastSent = -Infinity;
  let startTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const post = (fraction: number, detail?: string) => {
    clearTimeout(startTimer);
    lastSent = performance.now();
    void send(jobId, stage, Math.max(0, Math.min(1, fraction)), detail);
  };
  const report = ((fraction: number, detail?: string) => {
    if (stopped) return;
    if (fraction >= 1 || performance.now() - lastSent >= PROGRESS_INTERVAL_MS) post(fraction, detail);
  }) as StageProgress;
  report.start = () => {
    startTimer = setTimeout(() => {
      if (!stopped && lastSent === -Infinity) post(0);
    }, PROGRESS_INTERVAL_MS);
  };
  report.stop = () => {
    stopped = true;
    clearTimeout(startTimer);
  };
  return report;
}
