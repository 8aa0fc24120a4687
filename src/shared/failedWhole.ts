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
