import { afterEach, describe, expect, test } from 'vitest';
import { openEnricherDb, type EnricherDb } from '../../src/shared/db.ts';
import { dismissedKey, markedKey, MARKED_KIND, PRIVACY_META_KEY, type SensitiveFinding } from '../../src/shared/privacy.ts';
import type { RunRequest } from '../../src/shared/protocol.ts';
import { batchMetaReader, REVIEW_KEYS_AT_ONCE, type MetaStore } from '../../workers/batchMeta.ts';
import { readInputs } from '../../workers/runJob.ts';
import { bareSession } from '../fixtures/stageContext.ts';
import { deleteDatabase, uniqueDbName } from './fixtures/sessions.ts';

const mark = (id: string): SensitiveFinding => ({ id, kind: MARKED_KIND, confidence: 1, preview: 'x', place: { source: 'screen', mediaId: 'm', screen: 0 } as SensitiveFinding['place'] });

/** Sessions s0..s(n-1), and for `reviewed` of them a dismissed id and a mark named after the session. */
async function library(db: EnricherDb, n: number, reviewed: readonly number[], othersReviewed = 0): Promise<void> {
  const tx = db.transaction(['sessions', 'meta'], 'readwrite');
  for (let i = 0; i < n; i++) void tx.objectStore('sessions').put(bareSession({ id: `s${i}` }));
  for (const i of reviewed) {
    void tx.objectStore('meta').put([`finding-${i}`], dismissedKey(`s${i}`));
    void tx.objectStore('meta').put([mark(`mark-${i}`)], markedKey(`s${i}`));
  }
  // Sessions outside the batch, reviewed too: a batch must not take their keys for its own.
  for (let i = 0; i < othersReviewed; i++) void tx.objectStore('meta').put([`other-${i}`], dismissedKey(`t${i}`));
  void tx.objectStore('meta').put({ mode: 'everywhere' }, PRIVACY_META_KEY);
  await tx.done;
}

const request = (dbName: string, i: number): RunRequest => ({ jobId: `j${i}`, sessionId: `s${i}`, attempt: 1, dbName, stages: ['ocr'], skip: {}, fresh: true });

describe('readInputs: each job of a batch gets its own session and privacy keys', () => {
  let dbName = '';
  afterEach(() => deleteDatabase(dbName));

  for (const [name, othersReviewed] of [
    ['with few sessions reviewed in the library', 3],
    // More than one key-range read lists: each job's review keys are read one by one.
    ['with more sessions reviewed than one read lists', REVIEW_KEYS_AT_ONCE + 10],
  ] as const) {
    test(name, async () => {
      dbName = uniqueDbName();
      const db = await openEnricherDb(dbName);
      await library(db, 10, [2, 7], othersReviewed);
      db.close();
      for (const size of [1, 2, 8, 10]) {
        const inputs = await readInputs(Array.from({ length: size }, (_, i) => request(dbName, i)));
        expect(inputs.map((input) => input.session?.id)).toEqual(Array.from({ length: size }, (_, i) => `s${i}`));
        for (const [i, input] of inputs.entries()) {
          const reviewed = i === 2 || i === 7;
          expect(input.privacy).toEqual({
            mode: 'everywhere',
            dismissed: reviewed ? [`finding-${i}`] : [],
            marked: reviewed ? [mark(`mark-${i}`)] : [],
          });
        }
      }
    });
  }
});

describe('batchMetaReader: a batch reads the review keys of the sessions that have some', () => {
  let dbName = '';
  afterEach(() => deleteDatabase(dbName));

  /** A real meta store of a read-only transaction, counting the requests made through it. */
  function counted(db: EnricherDb): { store: MetaStore; gets: string[]; lists: number } {
    const meta = db.transaction('meta').store;
    const counts = { gets: [] as string[], lists: 0 };
    const store: MetaStore = {
      get: (key) => (counts.gets.push(key), meta.get(key)),
      getAllKeys: (range, count) => (counts.lists++, meta.getAllKeys(range, count)),
    };
    return Object.assign(counts, { store });
  }

  test('eight sessions, two of them reviewed: one list and four gets, each key once', async () => {
    dbName = uniqueDbName();
    const db = await openEnricherDb(dbName);
    await library(db, 8, [2, 7], 3);
    const reading = counted(db);
    const meta = batchMetaReader(reading.store);
    const keys = Array.from({ length: 8 }, (_, i) => [dismissedKey(`s${i}`), markedKey(`s${i}`)]).flat();
    // Asked twice: the second ask is answered from the first.
    const values = await Promise.all([...keys, ...keys, PRIVACY_META_KEY].map((key) => meta.get(key)));
    expect(values.slice(0, 16)).toEqual(Array.from({ length: 8 }, (_, i) => (i === 2 || i === 7 ? [[`finding-${i}`], [mark(`mark-${i}`)]] : [undefined, undefined])).flat());
    expect(values.slice(16, 32)).toEqual(values.slice(0, 16));
    expect(values[32]).toEqual({ mode: 'everywhere' });
    expect(reading.lists).toBe(1);
    expect(reading.gets.sort()).toEqual([PRIVACY_META_KEY, dismissedKey('s2'), dismissedKey('s7'), markedKey('s2'), markedKey('s7')].sort());
    db.close();
  });

  test('more sessions reviewed than one list holds: every review key is read', async () => {
    dbName = uniqueDbName();
    const db = await openEnricherDb(dbName);
    await library(db, 4, [1], REVIEW_KEYS_AT_ONCE);
    const reading = counted(db);
    const meta = batchMetaReader(reading.store);
    const keys = Array.from({ length: 4 }, (_, i) => [dismissedKey(`s${i}`), markedKey(`s${i}`)]).flat();
    const values = await Promise.all(keys.map((key) => meta.get(key)));
    expect(values).toEqual([undefined, undefined, ['finding-1'], [mark('mark-1')], undefined, undefined, undefined, undefined]);
    expect(reading.gets).toHaveLength(8);
    db.close();
  });
});
