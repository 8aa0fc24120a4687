import { describe, expect, it } from 'vitest';
import { createJob } from '../../../src/engine/transitions.ts';
import { openEnricherDb } from '../../../src/shared/db.ts';
import { IdbJobStore } from '../../../src/store/idbJobStore.ts';
import { deleteDatabase, uniqueDbName } from '../fixtures/sessions.ts';

const job = (id: string, params?: Record<string, unknown>) =>
  createJob({ id, sessionId: `s-${id}`, batchId: 'b', priority: 'normal', seq: 0, stageOrder: ['x'], timeoutMs: 1000, maxAttempts: 1, now: 1, params });

describe('IdbJobStore group commit', () => {
  it('a change that cannot be stored fails alone: the changes grouped with it are stored', async () => {
    const name = uniqueDbName();
    const db = await openEnricherDb(name);
    try {
      const store = new IdbJobStore(db);
      // Three changes in one turn share a transaction; the middle one holds a value IndexedDB cannot clone.
      const results = await Promise.allSettled([
        store.commit({ jobs: [job('a')] }),
        store.commit({ jobs: [job('b', { callback: () => 1 })] }),
        store.commit({ jobs: [job('c')] }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await db.getAllKeys('jobs')).sort()).toEqual(['a', 'c']);
    } finally {
      db.close();
      await deleteDatabase(name);
    }
  });
});
