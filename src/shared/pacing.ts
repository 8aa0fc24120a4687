import { nextTask } from './nextTask.ts';

/** How long a piece of main-thread work may run before it hands the page a task boundary. */
export interface Pacing {
  /** Main-thread time a slice may take. */
  readonly sliceMs: number;
  /** The clock slices are timed with (tests inject one). */
  readonly now: () => number;
  /** Resolves in a task of its own (tests inject one that counts). */
  readonly nextTask: () => Promise<void>;
}

/** 8 ms a slice: well under the 50 ms of a long task, even on a loaded machine. */
export const DEFAULT_PACING: Pacing = { sliceMs: 8, now: () => performance.now(), nextTask };

/**
 * A checkpoint to await inside a loop: it yields to the page once the slice's time is up, and is a
 * resolved promise otherwise, so a fast step costs no task.
 */
export function pacer({ sliceMs, now, nextTask: yieldTask }: Pacing = DEFAULT_PACING): () => Promise<void> {
  let started = now();
  return async () => {
    if (now() - started < sliceMs) return;
    await yieldTask();
    started = now();
  };
}
