/** The page's task scheduler (Chromium, Firefox); absent in Node, where unit tests run. */
const taskScheduler = (globalThis as { scheduler?: { postTask?: (callback: () => void) => Promise<void> } }).scheduler;
const postTask = taskScheduler?.postTask?.bind(taskScheduler);

/**
 * Resolves in a task of its own: whatever was queued meanwhile (a message, a frame, a click) runs
 * first. A posted task, not `setTimeout(0)`: nested timeouts wait at least 4 ms each from the fifth,
 * so the 100 slices of a 100,000-job enqueue had spent 0.4 s waiting on the clamp alone.
 */
export const nextTask = (): Promise<void> => (postTask ? postTask(() => {}) : new Promise<void>((resolve) => setTimeout(resolve, 0)));
