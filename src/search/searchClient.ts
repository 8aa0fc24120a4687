import * as Comlink from 'comlink';
import { DEFAULT_DB_NAME } from '../shared/db.ts';
import type { Job } from '../shared/job.ts';
import type { ExpectedResult, SearchFilters, SearchHit, SearchIndexStatus, SearchShardOptions, SearchWorkerApi } from '../shared/search.ts';

/**
 * The search worker is stopped after this long without a call (its index saved first), so an
 * idle tab does not hold the index in memory; the next call starts a fresh one that loads it.
 */
export const SEARCH_IDLE_MS = 60_000;

export interface SearchClientOptions {
  /** The database whose results are indexed. @default 'session-enricher' */
  readonly dbName?: string;
  /** Makes the search worker; tests may pass their own. */
  readonly createWorker?: () => Worker;
  /** Milliseconds without a call before the worker is stopped. @default SEARCH_IDLE_MS */
  readonly idleMs?: number;
  /** Shard size and memory budget; tests and the bench set their own. @default the worker's */
  readonly shards?: SearchShardOptions;
}

interface Running {
  worker: Worker;
  api: Comlink.Remote<SearchWorkerApi>;
  /** Rejects when the worker crashes or is stopped: Comlink alone would leave calls pending. */
  gone: Promise<never>;
  stop: (reason: string) => void;
}

const defaultWorker = () =>
  new Worker(new URL('../../workers/search.worker.ts', import.meta.url), { type: 'module', name: 'search' });

/**
 * The main thread's handle on the search index, which lives in its own worker: started on the
 * first call, stopped when idle, replaced when it crashes. Updates of many sessions in one turn
 * go to the worker as one call.
 */
export class SearchClient {
  readonly dbName: string;
  private readonly createWorker: () => Worker;
  private readonly idleMs: number;
  private readonly shards: SearchShardOptions | undefined;
  private running: Running | null = null;
  /** Set while an idle worker saves its index and stops; the next worker waits for it. */
  private retiring: Promise<void> = Promise.resolve();
  private pending = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private batch: { items: Map<string, ExpectedResult | undefined>; done: Promise<void> } | null = null;

  constructor(options: SearchClientOptions = {}) {
    this.dbName = options.dbName ?? DEFAULT_DB_NAME;
    this.createWorker = options.createWorker ?? defaultWorker;
    this.idleMs = options.idleMs ?? SEARCH_IDLE_MS;
    this.shards = options.shards;
  }

  /**
   * Replaces the session's documents in the index with those of its stored result (none when it
   * has no 'index' outcome). With `expected`, waits a few seconds for that job's result to be
   * committed first. Calls in the same turn share one trip to the worker.
   */
  upsertSession(sessionId: string, expected?: ExpectedResult): Promise<void> {
    if (!this.batch) {
      const items = new Map<string, ExpectedResult | undefined>();
      const done = Promise.resolve().then(() => {
        this.batch = null;
        const list = [...items].map(([id, wanted]) => (wanted ? { sessionId: id, expected: wanted } : { sessionId: id }));
        return this.call((api) => api.upsert(list));
      });
      this.batch = { items, done };
    }
    this.batch.items.set(sessionId, expected);
    return this.batch.done;
  }

  /**
   * Indexes the sessions of jobs that finished with results ('succeeded' or 'partial') and ran
   * the 'index' stage. Never throws: a missed update is repaired when the leader next starts.
   */
  noteJobs(jobs: Iterable<Job>): void {
    for (const job of jobs) {
      if ((job.state !== 'succeeded' && job.state !== 'partial') || !job.stages.index) continue;
      this.upsertSession(job.sessionId, { jobId: job.id, attempt: job.attempts }).catch((error: unknown) => {
        console.warn(`The search index could not take in session ${job.sessionId}.`, error);
      });
    }
  }

  /** Takes the session's documents out of the index. */
  removeSession(sessionId: string): Promise<void> {
    return this.call((api) => api.remove(sessionId));
  }

  /**
   * Finds documents by words of their title, text and keywords, with typos and prefixes
   * forgiven. Best first; each hit says where to go (its chapter, or its time in the recording).
   * `filters` narrow it to sessions of a date range, a tag, or with action items; with filters and
   * an empty query, it lists the matching sessions, newest first.
   */
  search(query: string, limit = 20, filters?: SearchFilters): Promise<SearchHit[]> {
    if (!Number.isInteger(limit) || limit < 1) {
      return Promise.reject(new TypeError(`Expected \`limit\` to be an integer from 1 and up, got \`${limit}\` (${typeof limit})`));
    }
    return this.call((api) => api.search(query, limit, filters));
  }

  /** How many documents, sessions and shards the index holds, how many shards are loaded, and whether it was stored or rebuilt. */
  status(): Promise<SearchIndexStatus> {
    return this.call((api) => api.status());
  }

  /** Saves the changed shards of the index now. */
  flush(): Promise<void> {
    return this.call((api) => api.flush());
  }

  /** Saves the index and stops the worker. A later call starts a new one. */
  async close(): Promise<void> {
    await this.batch?.done.catch(() => {});
    clearTimeout(this.idleTimer);
    await this.retire(true);
  }

  private async call<T>(fn: (api: Comlink.Remote<SearchWorkerApi>) => Promise<T>): Promise<T> {
    clearTimeout(this.idleTimer);
    this.pending++;
    try {
      await this.retiring;
      const running = this.start();
      return await Promise.race([fn(running.api), running.gone]);
    } finally {
      if (--this.pending === 0) this.idleTimer = setTimeout(() => void this.retire(), this.idleMs);
    }
  }

  private start(): Running {
    if (this.running) return this.running;
    const worker = this.createWorker();
    const api = Comlink.wrap<SearchWorkerApi>(worker);
    let stop!: (reason: string) => void;
    const gone = new Promise<never>((_, reject) => {
      stop = (reason) => {
        if (this.running?.worker === worker) this.running = null;
        worker.terminate();
        reject(new Error(reason));
      };
    });
    gone.catch(() => {});
    worker.addEventListener('error', (event) => stop(`The search worker stopped: ${event.message || 'it crashed'}.`));
    worker.addEventListener('messageerror', () => stop('The search worker sent a message that could not be read.'));
    this.running = { worker, api, gone, stop };
    void api.open(this.dbName, this.shards).catch(() => {});
    return this.running;
  }

  /**
   * Saves the index, then stops the worker; calls that come meanwhile wait for a fresh one. An
   * idle stop (not `force`d) leaves a busy worker alone.
   */
  private retire(force = false): Promise<void> {
    const running = this.running;
    if (!running || (this.pending > 0 && !force)) return this.retiring;
    this.running = null;
    this.retiring = Promise.race([running.api.flush(), running.gone])
      .catch((error: unknown) => console.warn('The search index could not be saved before its worker stopped.', error))
      .finally(() => running.stop('The search worker was stopped.'));
    return this.retiring;
  }
}

const clients = new Map<string, SearchClient>();

/** The one search client of a database in this tab. */
export function searchClientFor(dbName: string = DEFAULT_DB_NAME): SearchClient {
  let client = clients.get(dbName);
  if (!client) {
    client = new SearchClient({ dbName });
    clients.set(dbName, client);
  }
  return client;
}
