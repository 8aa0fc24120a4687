import { isTerminal, type Job, type RunningJob } from '../shared/job.ts';
import type { RemainingJob } from './eta.ts';

/** The stages a job has not done yet, in order (its whole order while it has done none). */
export function stagesLeftOf(job: Job): readonly string[] {
  return job.stageOrder.some((stage) => job.stages[stage]?.status === 'done') ? job.stageOrder.filter((stage) => job.stages[stage]?.status !== 'done') : job.stageOrder;
}

/**
 * The unfinished jobs as the ETA sees them, kept up to date job by job: waiting jobs counted by the
 * stages they have left (a batch has one or a few such groups however many jobs it holds), running
 * jobs apart. So an ETA costs the groups and the running jobs, not a pass over the whole queue:
 * the view asks for one in most frames of a batch, and 10,000 jobs took 10–100 ms a pass.
 */
export class RemainingWork {
  private readonly groups = new Map<string, { stagesLeft: readonly string[]; count: number }>();
  /** The group of each waiting job. */
  private readonly groupOf = new Map<string, string>();
  private readonly running = new Map<string, RunningJob>();

  /** A job changed from `previous` to `next` (absent: it was not known, or it is gone). */
  change(previous: Job | undefined, next: Job | undefined): void {
    if (previous) this.forget(previous.id);
    if (next && !isTerminal(next.state)) this.add(next);
  }

  /** What estimateRemainingMs reads, as of `now`. */
  jobs(now: number): RemainingJob[] {
    const out: RemainingJob[] = [...this.groups.values()].map(({ stagesLeft, count }) => ({ stagesLeft, count }));
    for (const job of this.running.values()) out.push({ stagesLeft: stagesLeftOf(job), runningFor: Math.max(0, now - job.startedAt) });
    return out;
  }

  private add(job: Job): void {
    if (job.state === 'running') {
      this.running.set(job.id, job);
      return;
    }
    const stagesLeft = stagesLeftOf(job);
    const key = stagesLeft.join('\u0000');
    const group = this.groups.get(key);
    if (group) group.count++;
    else this.groups.set(key, { stagesLeft, count: 1 });
    this.groupOf.set(job.id, key);
  }

  private forget(id: string): void {
    this.running.delete(id);
    const key = this.groupOf.get(id);
    if (key === undefined) return;
    this.groupOf.delete(id);
    const group = this.groups.get(key)!;
    if (--group.count === 0) this.groups.delete(key);
  }
}
