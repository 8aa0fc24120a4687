/** Requests a slice always holds (a few ms of cloning on a loaded machine). */
export const MIN_WRITES_PER_SLICE = 32;

export interface SliceOptions {
  /** Main-thread time a slice may take queueing its requests, once it holds the minimum. */
  sliceMs: number;
  /** The clock slices are timed with (tests inject one). */
  now?: () => number;
}

/**
 * Queues a transaction's requests a slice at a time, each slice after the last request of the one
 * before the previous succeeds. Each put clones its value on the main thread: queued all at once, a
 * change of 500 jobs would freeze the page for a long task. A slice ends once `sliceMs` have gone on
 * it (and it holds at least 32 requests), so a quiet machine queues hundreds per round trip to the
 * database and a loaded one fewer. The transaction stays active, since between slices it only waits
 * on its own requests.
 */
export async function writeInSlices(writes: ReadonlyArray<() => IDBRequest | Promise<unknown>>, { sliceMs, now = () => performance.now() }: SliceOptions): Promise<void> {
  // Two slices in flight: the next is queued while the database writes the one before, so neither
  // side waits for the other (one slice at a time made 100,000 jobs take 36 s).
  let before: Promise<unknown> | undefined;
  let next = 0;
  while (next < writes.length) {
    const started = now();
    const least = Math.min(writes.length, next + MIN_WRITES_PER_SLICE);
    let last: IDBRequest | Promise<unknown> | undefined;
    while (next < least || (next < writes.length && now() - started < sliceMs)) {
      last = writes[next++]!();
      // Failures surface through the transaction (a failed request aborts it): a promise's is not news.
      if (last instanceof Promise) last.catch(() => undefined);
    }
    if (before && next < writes.length) await before;
    before = last && settled(last);
  }
}

/**
 * When a request has settled, for pacing only: failures surface through the transaction (a failed
 * request aborts it). Only a slice's last request gets a listener: a promise per request cost the
 * main thread more than the request itself.
 */
function settled(request: IDBRequest | Promise<unknown>): Promise<unknown> {
  if (request instanceof Promise) return request.catch(() => undefined);
  return new Promise((resolve) => {
    request.addEventListener('success', resolve, { once: true });
    request.addEventListener('error', resolve, { once: true });
  });
}
