/**
 * The pool slots a running job may use beside its own. It starts as its run request's `idleSlots`;
 * the scheduler lowers it when another job takes one of those slots (so the job's extra threads do
 * not crowd the new job's core) and raises it when a slot falls idle with nothing queued.
 */
export class SpareSlots {
  private readonly listeners = new Set<(count: number) => void>();

  constructor(private value = 0) {}

  get count(): number {
    return this.value;
  }

  set(count: number): void {
    if (count === this.value) return;
    this.value = count;
    for (const listener of [...this.listeners]) listener(count);
  }

  /** Calls `listener` on every change from now on; returns the call that stops it. */
  watch(listener: (count: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
