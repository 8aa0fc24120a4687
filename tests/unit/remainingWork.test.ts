import { describe, expect, it } from 'vitest';
import { StageTimings, estimateRemainingMs, fallbackStageMs } from '../../src/engine/eta.ts';
import { RemainingWork } from '../../src/engine/remainingWork.ts';
import { computeStats } from '../../src/engine/stats.ts';
import { cancelJob, createJob, startAttempt } from '../../src/engine/transitions.ts';
import type { Job } from '../../src/shared/job.ts';
import { mulberry32 } from '../../workers/samples/random.ts';

const STAGES = ['video', 'ocr', 'chapters', 'summary'];

function timings(): StageTimings {
  const out = new StageTimings();
  out.record('video', 1200);
  out.record('ocr', 4100);
  out.record('ocr', 3900);
  out.record('chapters', 300);
  // 'summary' never timed: the fallback stands for it.
  return out;
}

/** The job with its first `done` stages done (and the next running, if it runs). */
function withDone(job: Job, done: number): Job {
  const stages = { ...job.stages };
  STAGES.forEach((stage, i) => {
    if (i < done) stages[stage] = { status: 'done', progress: 1 };
    else if (i === done && job.state === 'running') stages[stage] = { status: 'running', progress: 0.5 };
  });
  return { ...job, stages };
}

/** A random next state of a job, as the scheduler's transitions make them. */
function changed(job: Job, random: () => number, now: number): Job {
  const roll = random();
  if (job.state === 'queued' && roll < 0.4) return withDone(startAttempt(job, { owner: 'tab', runId: `r${now}` }, now - Math.floor(random() * 3000)), Math.floor(random() * 3));
  if (job.state === 'running' && roll < 0.3) return withDone(job, Math.min(STAGES.length, Math.floor(random() * 5)));
  if (job.state === 'running' && roll < 0.5) return { ...withDone(job, STAGES.length), state: 'succeeded', finishedAt: now } as Job;
  if (roll < 0.6) return cancelJob(job, now);
  if (job.state === 'queued' && roll < 0.8) return withDone(job, 1 + Math.floor(random() * 2));
  return job;
}

describe('RemainingWork', () => {
  it('gives the ETA of a pass over every job, through random changes, additions and removals', () => {
    const random = mulberry32(16);
    const work = new RemainingWork();
    const jobs = new Map<string, Job>();
    const now = 1_000_000;
    for (let step = 0; step < 400; step++) {
      const roll = random();
      const ids = [...jobs.keys()];
      if (roll < 0.45 || ids.length === 0) {
        const job = createJob({ id: `j${step}`, sessionId: `s${step}`, batchId: 'b', priority: 'normal', seq: step, stageOrder: [...STAGES], timeoutMs: 60_000, maxAttempts: 3, now });
        work.change(undefined, job);
        jobs.set(job.id, job);
      } else if (roll < 0.9) {
        const previous = jobs.get(ids[Math.floor(random() * ids.length)]!)!;
        const next = changed(previous, random, now);
        work.change(previous, next);
        jobs.set(next.id, next);
      } else {
        const gone = jobs.get(ids[Math.floor(random() * ids.length)]!)!;
        work.change(gone, undefined);
        jobs.delete(gone.id);
      }
      const stages = timings();
      const kept = estimateRemainingMs({ remainingJobs: work.jobs(now), timings: stages, concurrency: 2, fallbackStageMs: fallbackStageMs(stages) });
      const pass = computeStats(jobs.values(), stages, [], now, 60_000, { concurrency: 2 }).etaMs;
      // The same sums, added in another order: equal to the millisecond.
      expect(Math.abs(kept! - pass!), `step ${step}`).toBeLessThanOrEqual(1);
    }
    expect(jobs.size).toBeGreaterThan(50);
  });

  it('holds a batch of waiting jobs as one group, whatever its size', () => {
    const work = new RemainingWork();
    for (let i = 0; i < 10_000; i++) {
      work.change(undefined, createJob({ id: `j${i}`, sessionId: `s${i}`, batchId: 'b', priority: 'normal', seq: i, stageOrder: [...STAGES], timeoutMs: 60_000, maxAttempts: 3, now: 0 }));
    }
    expect(work.jobs(0)).toEqual([{ stagesLeft: STAGES, count: 10_000 }]);
  });
});
