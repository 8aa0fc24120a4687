/** Resolves in a task of its own: whatever was queued meanwhile (a message, a frame, a click) runs first. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
