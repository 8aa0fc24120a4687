import type { ResultRecord } from '../../shared/db.ts';
import type { Job } from '../../shared/job.ts';
import { STAGE_LABELS } from '../../shared/pipeline.ts';

/** Each stage's status, with a plain message where it was skipped, failed or done with less than asked. */
export function StageList({ job, result }: { job: Job | undefined; result: ResultRecord | undefined }) {
  const stages = job?.stageOrder ?? Object.keys(result?.outcomes ?? {});
  if (stages.length === 0) return null;
  return (
    <ul className="stage-list" aria-label="Stage results">
      {stages.map((stage) => {
        const outcome = result?.outcomes[stage];
        const state = job?.stages[stage];
        const text =
          outcome?.status === 'done'
            ? (outcome.warning ?? 'done')
            : outcome?.status === 'failed'
              ? outcome.error.message
              : outcome?.status === 'skipped'
                ? outcome.message
                : state?.status === 'running'
                  ? 'working…'
                  : 'not yet';
        const status = outcome?.status === 'done' && outcome.warning ? 'partial' : (outcome?.status ?? state?.status ?? 'pending');
        return (
          <li key={stage} className={`stage-${status}`}>
            <strong>{STAGE_LABELS[stage] ?? stage}</strong>: {text}
          </li>
        );
      })}
    </ul>
  );
}
