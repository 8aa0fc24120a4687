import * as Comlink from 'comlink';
import type { UnzipOutcome, UnzipWorkerApi, ZipLimits } from '../shared/zip.ts';

export interface UnzipOptions {
  /** Tighter or looser limits than the defaults (DEFAULT_ZIP_LIMITS). */
  limits?: Partial<ZipLimits>;
  /** Stops the unpacking; the worker is terminated and the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

const createUnzipWorker = () =>
  new Worker(new URL('../../workers/unzip.worker.ts', import.meta.url), { type: 'module', name: 'unzip' });

function abortError(): DOMException {
  return new DOMException('The import was cancelled.', 'AbortError');
}

/**
 * Unpacks zips in a worker (inflating is heavy), one after another in the same worker so that
 * its compiled code stays warm across a batch. A worker that crashes or is aborted is terminated
 * and the next zip gets a fresh one. `close()` ends the worker.
 */
export class Unzipper {
  private worker: Worker | null = null;
  private api: Comlink.Remote<UnzipWorkerApi> | null = null;

  /**
   * Unpacks one zip. A zip that passes a limit, is damaged, or makes the worker crash comes back
   * as a refusal with a sentence for people; the promise rejects only when `signal` aborts.
   */
  async unzip(archive: File, { limits, signal }: UnzipOptions = {}): Promise<UnzipOutcome> {
    if (signal?.aborted) throw abortError();
    if (!this.worker || !this.api) {
      this.worker = createUnzipWorker();
      this.api = Comlink.wrap<UnzipWorkerApi>(this.worker);
    }
    const { worker, api } = this;
    const crashed: UnzipOutcome = {
      ok: false,
      kind: 'crashed',
      message: `${archive.name} was not imported: unpacking it stopped unexpectedly.`,
    };
    const listeners = new AbortController();
    try {
      // A Comlink call never settles when its worker dies, so the call races the worker's own events.
      return await new Promise<UnzipOutcome>((resolve, reject) => {
        const fail = (outcome: UnzipOutcome | DOMException) => {
          this.discard(worker);
          if (outcome instanceof DOMException) reject(outcome);
          else resolve(outcome);
        };
        worker.addEventListener('error', () => fail(crashed), { signal: listeners.signal });
        worker.addEventListener('messageerror', () => fail(crashed), { signal: listeners.signal });
        signal?.addEventListener('abort', () => fail(abortError()), { signal: listeners.signal });
        api.unzip(archive, limits).then(resolve, (error: unknown) =>
          resolve({ ...crashed, message: `${archive.name} was not imported: ${(error as Error).message}` }),
        );
      });
    } finally {
      listeners.abort();
    }
  }

  /** Terminates the worker; a later `unzip` starts a new one. */
  close(): void {
    if (this.worker) this.discard(this.worker);
  }

  private discard(worker: Worker): void {
    worker.terminate();
    if (this.worker === worker) {
      this.worker = null;
      this.api = null;
    }
  }
}

/** Unpacks one zip in a worker of its own, terminated after. See `Unzipper.unzip`. */
export async function unzipFile(archive: File, options: UnzipOptions = {}): Promise<UnzipOutcome> {
  const unzipper = new Unzipper();
  try {
    return await unzipper.unzip(archive, options);
  } finally {
    unzipper.close();
  }
}
