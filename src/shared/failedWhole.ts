import type { StageOutcome } from './protocol.ts';

/** Whether a run's outcomes, as stored, failed whole: some stage ran and none is done. */
export function failedWhole(outcomes: Record<string, StageOutcome>): boolean {
  let any = false;
  for (const outcome of Object.values(outcomes)) {
    if (outcome.status === 'done') return false;
    any = true;
  }
  return any;
}

/**
 * Whether a run's outcomes, as stored, failed in part: some stage failed and some is done, as a
 * partial job ends. A stage skipped (nothing to do) is no failure.
 */
export function partlyFailed(outcomes: Record<string, StageOutcome>): boolean {
  let done = false;
  let failed = false;
  for (const outcome of Object.values(outcomes)) {
    if (outcome.status === 'done') done = true;
    else if (outcome.status === 'failed') failed = true;
  }
  return done && failed;
}
