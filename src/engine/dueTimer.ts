/**
 * One timer for many due times: the ids of waiting retries by the time they fall due. Only the
 * earliest is armed, so 100,000 waiting jobs cost one setTimeout, not 100,000. `onDue` gets the ids
 * due; the caller reads each job as it is then (its priority may have changed while it waited).
 */
export class DueTimer {
  private readonly due = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armedAt = Infinity;
  private stopped = false;

  constructor(
    private readonly onDue: (ids: string[]) => void,
    private readonly clock: () => number,
  ) {}

  /** Sets (or moves) the due time of an id. */
  set(id: string, at: number): void {
    this.due.set(id, at);
    if (at < this.armedAt) this.arm();
  }

  delete(id: string): void {
    this.due.delete(id);
  }

  /** Forgets every id and disarms. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.due.clear();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Infinity;
    if (this.stopped) return;
    for (const at of this.due.values()) this.armedAt = Math.min(this.armedAt, at);
    if (this.armedAt === Infinity) return;
    // setTimeout holds at most 2^31-1 ms; a later due time is looked at again then.
    const delay = Math.min(2 ** 31 - 1, Math.max(0, this.armedAt - this.clock()));
    this.timer = setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    const now = this.clock();
    const ready: string[] = [];
    for (const [id, at] of this.due) {
      if (at <= now) {
        ready.push(id);
        this.due.delete(id);
      }
    }
    this.arm();
    if (ready.length > 0) this.onDue(ready);
  }
}
