import type { ResultRecord } from '../shared/db.ts';
import { failedWhole } from '../shared/failedWhole.ts';

/** How a session's stored result ended, in the words a job's state gives (`stateWord`). */
export type StoredVerdict = 'Done' | 'Partly done' | 'Failed';

/**
 * The verdict of a stored result, for a session that has no job: retention deletes finished jobs
 * after a day and keeps their results, and such a session is enriched all the same. As the engine
 * settles a run: every stage done without a warning is done, some stage done is partly done.
 */
export function storedVerdict(record: ResultRecord | undefined): StoredVerdict | null {
  const outcomes = Object.values(record?.outcomes ?? {});
  if (outcomes.length === 0) return null;
  if (failedWhole(record!.outcomes)) return 'Failed';
  const done = outcomes.filter((outcome) => outcome.status === 'done');
  return done.length === outcomes.length && done.every((outcome) => outcome.warning === undefined) ? 'Done' : 'Partly done';
}
