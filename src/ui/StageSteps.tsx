import type { Job } from '../shared/job.ts';
import { STAGE_LABELS } from '../shared/pipeline.ts';

/** The stage steps of one running job, each with its own progress. */
export function StageSteps({ job }: { job: Job }) {
  return (
    <ol className="steps" aria-label="Stages">
      {job.stageOrder.map((stage) => {
        const state = job.stages[stage];
        const status = state?.status ?? 'pending';
        const percent = Math.round((status === 'done' ? 1 : (state?.progress ?? 0)) * 100);
        return (
          <li key={stage} className={`step step-${status}`} title={state?.message ?? state?.detail}>
            <span>{STAGE_LABELS[stage] ?? stage}</span>
            <span className="step-bar" role="progressbar" aria-label={`${STAGE_LABELS[stage] ?? stage} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={state?.detail ? `${percent}%, ${state.detail}` : `${percent}%`}>
              <span style={{ width: `${percent}%` }} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}
