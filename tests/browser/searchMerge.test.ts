import { afterEach, expect, test } from 'vitest';
import type { SearchDocument } from '../../src/shared/results.ts';
import type { SessionFacts } from '../../src/shared/search.ts';
import { PostingsIndex, MERGE_TERMS_PER_STEP } from '../../workers/search/postingsIndex.ts';
import { openSearchDb, type SearchDb } from '../../workers/search/searchDb.ts';
import { deleteDatabase, uniqueDbName } from './fixtures/sessions.ts';

const FACTS: SessionFacts = { startedAt: null, tags: [], hasActionItems: false };

const opened: Array<{ db: SearchDb; name: string }> = [];
afterEach(async () => {
  for (const { db, name } of opened.splice(0)) {
    db.close();
    await deleteDatabase(name);
  }
});

/** A session of one document holding `words` words no other session has. */
function session(id: string, words: number): SearchDocument[] {
  const text = Array.from({ length: words }, (_, i) => `${id}w${i}`).join(' ');
  return [{ id: `${id}:session:0`, sessionId: id, kind: 'session', title: id, text, keywords: [], chapter: null, time: null }];
}

test('mergeFresh() - a save during a merge runs after one small step, not after the whole merge', async () => {
  const name = uniqueDbName();
  const db = await openSearchDb(name, () => {});
  opened.push({ db, name });
  const index = new PostingsIndex(db, [], [], undefined, { maxCachedBytes: 0, compactAfterSegments: 8, maxFreshSegments: 2 });
  for (const id of ['a', 'b']) {
    index.put(id, 1, session(id, 300), FACTS);
    await index.save();
  }
  expect(index.wantsMerge).toBe(true);

  // One at a time, as the search library runs its calls.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => {});
    return run;
  };
  const order: string[] = [];
  const merged = index.mergeFresh((step) => exclusive(async () => {
    await step();
    order.push('merge step');
  }));
  // A session finished during the batch: its save is queued while the merge's first step runs.
  index.put('c', 1, session('c', 5), FACTS);
  await exclusive(async () => {
    await index.save();
    order.push('save');
  });
  await merged;

  const steps = order.filter((entry) => entry === 'merge step').length;
  // ~600 distinct terms: many small steps, and the save went right after the first one.
  expect(steps).toBeGreaterThanOrEqual(Math.ceil(600 / MERGE_TERMS_PER_STEP));
  expect(MERGE_TERMS_PER_STEP).toBeLessThanOrEqual(64);
  expect(order.indexOf('save')).toBe(1);
  // The merge is whole: every term of a and b reads from its own record, c's from its fresh segment.
  const postings = await index.postings(['aw7', 'bw299', 'cw1']);
  expect(postings.get('aw7')?.stored.map((record) => record.count)).toEqual([1]);
  expect(postings.get('bw299')?.stored.map((record) => record.count)).toEqual([1]);
  expect(postings.get('cw1')?.stored.map((record) => record.count)).toEqual([1]);
  expect((await db.getAll('segments')).map((segment) => segment.segment)).toEqual([2]);
});
