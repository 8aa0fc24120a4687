import type { EnricherDb, ResultRecord } from '../../src/shared/db.ts';
import type { ExpectedResult } from '../../src/shared/search.ts';

/**
 * The scheduler reports a finished job just before it commits the result, so an update waits
 * for that commit: these pauses, then it indexes whatever is stored (about 6 s in all).
 */
const RESULT_WAITS_MS = [25, 50, 100, 200, 400, 800, 1600, 3200];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The session's stored result, once it is the one `expected` names (or the waits run out). */
export async function committedResult(db: EnricherDb, sessionId: string, expected?: ExpectedResult): Promise<ResultRecord | undefined> {
  for (const wait of [...RESULT_WAITS_MS, null]) {
    const record = await db.get('results', sessionId);
    if (!expected || (record?.jobId === expected.jobId && record.attempt >= expected.attempt) || wait === null) return record;
    await sleep(wait);
  }
  return undefined;
}
