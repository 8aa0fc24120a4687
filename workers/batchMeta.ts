import { REVIEW_KEY_PREFIX } from '../src/shared/privacy.ts';

/** The part of a read-only transaction's meta store a batch reads through. */
export interface MetaStore {
  get(key: string): Promise<unknown>;
  getAllKeys(range: IDBKeyRange, count: number): Promise<IDBValidKey[]>;
}

/**
 * Review keys listed in one read, up to this many: a library where more sessions were reviewed
 * has each job's review keys read one by one, as before.
 */
export const REVIEW_KEYS_AT_ONCE = 512;

/**
 * The meta a batch of runs reads, each key at most once: the settings the jobs share are read once,
 * and a session's review keys (most sessions have none) are read only when the one key-range read
 * that lists them all says they exist. So a batch of n jobs costs a few requests, not 2n + 2.
 */
export function batchMetaReader(store: MetaStore): { get(key: string): Promise<unknown> } {
  const seen = new Map<string, Promise<unknown>>();
  let reviewed: Promise<ReadonlySet<string> | null> | undefined;
  // Read when the first review key is asked for: null when the list was cut at its limit.
  const reviewedKeys = () =>
    (reviewed ??= store
      .getAllKeys(IDBKeyRange.bound(REVIEW_KEY_PREFIX, `${REVIEW_KEY_PREFIX}\uffff`), REVIEW_KEYS_AT_ONCE + 1)
      .then((keys) => (keys.length > REVIEW_KEYS_AT_ONCE ? null : new Set(keys.map(String)))));
  const read = (key: string): Promise<unknown> => {
    if (!key.startsWith(REVIEW_KEY_PREFIX)) return store.get(key);
    // The get is made in the list's success callback, while the transaction is still active.
    return reviewedKeys().then((keys) => (keys === null || keys.has(key) ? store.get(key) : undefined));
  };
  return {
    get(key) {
      let value = seen.get(key);
      if (!value) seen.set(key, (value = read(key)));
      return value;
    },
  };
}
