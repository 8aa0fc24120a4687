import type { Job } from '../shared/job.ts';
import { STAGE_LABELS } from '../shared/pipeline.ts';
import type { StoredVerdict } from './storedVerdict.ts';

/** A session's state in words, as the row's chip shows it. */
export type StateWord = 'Not enriched' | 'Queued' | 'Running' | 'Done' | 'Partly done' | 'Failed' | 'Cancelled';

/** `stored`: the verdict of the session's stored result, which speaks when it has no job (`storedVerdict`). */
export function stateWord(job: Job | undefined, stored: StoredVerdict | null = null): StateWord {
  if (!job) return stored ?? 'Not enriched';
  switch (job.state) {
    case 'queued':
    case 'waiting-retry':
      return 'Queued';
    case 'running':
      return 'Running';
    case 'succeeded':
      return 'Done';
    case 'partial':
      return 'Partly done';
    case 'failed':
    case 'timed-out':
      return 'Failed';
    case 'cancelled':
      return 'Cancelled';
  }
}

/** 0..1 over all stages of the job. */
export function jobProgress(job: Job | undefined): number {
  if (!job) return 0;
  if (job.state === 'succeeded' || job.state === 'partial') return 1;
  const stages = job.stageOrder.map((name) => job.stages[name]);
  const sum = stages.reduce((total, stage) => total + (stage?.status === 'done' || stage?.status === 'skipped' ? 1 : (stage?.progress ?? 0)), 0);
  return stages.length ? sum / stages.length : 0;
}

/** The stage the job is in, in words, or a short note on why it waits. */
export function stageNote(job: Job | undefined): string {
  if (!job) return '';
  switch (job.state) {
    case 'running': {
      const current = job.stageOrder.find((name) => job.stages[name]?.status === 'running') ??
        job.stageOrder.find((name) => job.stages[name]?.status === 'pending');
      return current ? (STAGE_LABELS[current] ?? current) : 'Finishing';
    }
    case 'waiting-retry':
      return 'Will try again shortly';
    case 'failed':
    case 'timed-out':
    case 'partial':
      return job.lastError?.message ?? '';
    default:
      return '';
  }
}
