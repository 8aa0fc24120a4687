import type { ResultRecord, StageWriter } from '../shared/db.ts';
import { jobKindOf, type JobKind } from '../shared/job.ts';
import type { StageOutcome } from '../shared/protocol.ts';
import { failedWhole, partlyFailed } from '../shared/failedWhole.ts';

/** The run whose outcomes are being committed. */
export interface CommittingRun {
  sessionId: string;
  jobId: string;
  kind?: JobKind;
  attempt: number;
  runId: string;
  committedAt: number;
}

/**
 * The result a run commits. It keeps the done outcomes of the stored result it builds on: the same
 * job's earlier runs (a retry, a "Retry failed"), or, for a `reapply-privacy` job, the session's
 * latest result whichever job wrote it (the stages it does not run again). A stage this run did not
 * finish keeps its earlier done outcome. `writtenBy` says which run wrote each outcome; `failedAt` marks
 * a result with no stage done, `partlyFailedAt` one with a stage failed beside one done.
 */
export function mergeResult(run: CommittingRun, outcomes: Record<string, StageOutcome>, previous: ResultRecord | undefined): ResultRecord {
  const base = previous !== undefined && (previous.jobId === run.jobId || jobKindOf(run) === 'reapply-privacy') ? previous : undefined;
  const self: StageWriter = { jobId: run.jobId, attempt: run.attempt, runId: run.runId };
  const merged: Record<string, StageOutcome> = {};
  const writtenBy: Record<string, StageWriter> = {};
  if (base) {
    const earlier: StageWriter = { jobId: base.jobId, attempt: base.attempt, ...(base.runId === undefined ? {} : { runId: base.runId }) };
    for (const [stage, outcome] of Object.entries(base.outcomes)) {
      merged[stage] = outcome;
      writtenBy[stage] = base.writtenBy?.[stage] ?? earlier;
    }
  }
  for (const [stage, outcome] of Object.entries(outcomes)) {
    if (outcome.status !== 'done' && base?.outcomes[stage]?.status === 'done') continue;
    merged[stage] = outcome;
    writtenBy[stage] = self;
  }
  const record: ResultRecord = { sessionId: run.sessionId, jobId: run.jobId, attempt: run.attempt, runId: run.runId, committedAt: run.committedAt, outcomes: merged, writtenBy };
  if (failedWhole(merged)) record.failedAt = run.committedAt;
  if (partlyFailed(merged)) record.partlyFailedAt = run.committedAt;
  return record;
}
