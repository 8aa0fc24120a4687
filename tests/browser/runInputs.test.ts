import { afterEach, describe, expect, test } from 'vitest';
import { openEnricherDb, type EnricherDb } from '../../src/shared/db.ts';
import { dismissedKey, markedKey, MARKED_KIND, PRIVACY_META_KEY, type SensitiveFinding } from '../../src/shared/privacy.ts';
import type { RunRequest } from '../../src/shared/protocol.ts';
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
    ['with many sessions reviewed in the library', 400],
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
