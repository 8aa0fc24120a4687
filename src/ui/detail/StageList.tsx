import type { ResultRecord } from '../../shared/db.ts';
import { jobKindOf, type Job } from '../../shared/job.ts';
import { STAGE_LABELS, STAGE_ORDER } from '../../shared/pipeline.ts';

/** Stage names once each, in pipeline order (unknown names last). */
function inPipelineOrder(names: readonly string[]): string[] {
  const rank = (name: string) => {
    const at = (STAGE_ORDER as readonly string[]).indexOf(name);
    return at === -1 ? STAGE_ORDER.length : at;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b));
}

/** Each stage's status, with a plain message where it was skipped, failed or done with less than asked. */
export function StageList({ job, result }: { job: Job | undefined; result: ResultRecord | undefined }) {
  const stored = Object.keys(result?.outcomes ?? {});
  // A reapply job ran a few stages over a stored result: the list still shows every stage of it.
  const stages = !job ? stored : jobKindOf(job) === 'reapply-privacy' ? inPipelineOrder([...stored, ...job.stageOrder]) : job.stageOrder;
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
