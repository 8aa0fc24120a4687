import type { ResultRecord } from '../../shared/db.ts';

/** The result of one stage when it is done, else null. Stage results are plain data from IndexedDB. */
export function doneResult<T>(record: ResultRecord | undefined, stage: string): T | null {
  const outcome = record?.outcomes[stage];
  return outcome?.status === 'done' ? (outcome.result as T) : null;
}

/** Where to take the reader in a session: a chapter, a moment of the recording, or a screen (index in time order). */
export type DetailFocus = { chapter: number | null; time: number | null; screen?: number };
