import type { EnricherDb, JobPackRecord } from './db.ts';
import type { QueuedJob, StageState } from './job.ts';

// Reading packs lives here, beside the schema, so a worker (the export) may read a session's packed
// jobs too; writing them is the store's (src/store/jobPack.ts).

/**
 * Every packed job in the database, a pack per read (a few hundred jobs: no long task), for a reader
 * of the whole queue (a follower tab's view). A pack deleted meanwhile is skipped: its jobs are records now.
 */
export async function* readPackedJobs(db: EnricherDb): AsyncGenerator<QueuedJob[]> {
  for (const id of await db.getAllKeys('jobPacks')) {
    const pack = await db.get('jobPacks', id);
    if (pack) yield unpackJobs(pack);
  }
}

/**
 * The still-packed jobs of every session, read once (a few hundred packs at most) for a reader of
 * sessions' jobs: packed jobs are not in `jobs.by-session` until they leave their pack.
 */
export async function packedJobsBySession(db: EnricherDb): Promise<Map<string, QueuedJob[]>> {
  const bySession = new Map<string, QueuedJob[]>();
  for await (const jobs of readPackedJobs(db)) {
    for (const job of jobs) {
      const list = bySession.get(job.sessionId);
      if (list) list.push(job);
      else bySession.set(job.sessionId, [job]);
    }
  }
  return bySession;
}

/** The jobs of a pack, as they were written, in the pack's order. */
export function unpackJobs(pack: JobPackRecord): QueuedJob[] {
  return pack.ids.map((id, i) => unpackJob(pack, i, id));
}

function unpackJob({ spec, sessionIds, seqs, timeoutMs }: JobPackRecord, i: number, id: string): QueuedJob {
  const job: QueuedJob = {
    state: 'queued',
    id,
    sessionId: sessionIds[i]!,
    batchId: spec.batchId,
    priority: spec.priority,
    seq: seqs[i]!,
    attempts: 0,
    maxAttempts: spec.maxAttempts,
    stageOrder: [...spec.stageOrder],
    stages: Object.fromEntries(spec.stageOrder.map((name): [string, StageState] => [name, { status: 'pending', progress: 0 }])),
    timeoutMs: timeoutMs[i]!,
    createdAt: spec.createdAt,
    updatedAt: spec.updatedAt,
  };
  if ('params' in spec) job.params = spec.params;
  if ('kind' in spec) job.kind = spec.kind;
  return job;
}
