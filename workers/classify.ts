import type { JobError } from '../src/shared/job.ts';
import { StageFailure } from './stage.ts';

/** Turns whatever a stage threw into data that survives the trip to the main thread. */
export function classifyError(error: unknown, stage: string): JobError {
  if (error instanceof StageFailure) {
    return { class: error.errorClass, message: error.message, stage };
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return { class: 'cancelled', message: 'This step was cancelled.', stage };
  }
  if (error instanceof Error && error.name === 'QuotaExceededError') {
    return { class: 'transient', message: 'The device ran out of storage space during this step.', stage };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { class: 'transient', message: `This step failed unexpectedly: ${detail}`, stage };
}
