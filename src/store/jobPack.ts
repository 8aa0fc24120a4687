import type { EnricherDb, JobPackRecord, JobPackSpec } from '../shared/db.ts';
import type { Job, Priority, QueuedJob, StageState } from '../shared/job.ts';

/** The fields a packable job may have: a new queued job's, as `createJob` makes it. */
const PACKABLE_KEYS = new Set(['state', 'id', 'kind', 'sessionId', 'batchId', 'priority', 'seq', 'attempts', 'maxAttempts', 'stageOrder', 'stages', 'timeoutMs', 'params', 'createdAt', 'updatedAt']);
const SPEC_KEYS = ['batchId', 'priority', 'maxAttempts', 'createdAt', 'updatedAt', 'params', 'kind'] as const;

/** What `packJobs` makes: the packs, and the jobs that cannot be packed (written as records). */
export interface Packed {
  packs: JobPackRecord[];
  rest: Job[];
}

/**
 * Packs new queued jobs `size` to a record, jobs of one spec together, in the order given. A job is
 * packed only if `unpackJob` rebuilds it exactly: queued, never run, every stage pending, no field
 * but a new job's. Any other job is returned in `rest`.
 */
export function packJobs(jobs: readonly Job[], size: number, unique: () => string = () => crypto.randomUUID()): Packed {
  const groups = new Map<string, { spec: JobPackSpec; jobs: QueuedJob[] }>();
  const rest: Job[] = [];
  // Params are opaque: jobs share a spec only when they share the very same params object.
  const paramsIds = new Map<unknown, number>();
  for (const job of jobs) {
    if (!isPackable(job)) {
      rest.push(job);
      continue;
    }
    const paramsId = 'params' in job ? (paramsIds.get(job.params) ?? paramsIds.set(job.params, paramsIds.size).size - 1) : -1;
    const key = JSON.stringify([job.batchId, job.priority, job.maxAttempts, job.createdAt, job.updatedAt, 'kind' in job ? job.kind : null, paramsId, job.stageOrder]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { spec: specOf(job), jobs: [job] });
    else if (sameSpec(group.spec, job)) group.jobs.push(job);
    else rest.push(job);
  }
  const packs: JobPackRecord[] = [];
  for (const { spec, jobs: members } of groups.values()) {
    members.sort((a, b) => a.seq - b.seq);
    for (let from = 0; from < members.length; from += size) {
      const part = members.slice(from, from + size);
      packs.push({
        id: packKey({ priority: spec.priority, first: part[0]!.seq, last: part.at(-1)!.seq }, unique()),
        spec,
        ids: part.map((job) => job.id),
        sessionIds: part.map((job) => job.sessionId),
        seqs: part.map((job) => job.seq),
        timeoutMs: part.map((job) => job.timeoutMs),
      });
    }
  }
  return { packs, rest };
}

/** What a pack's key says of it: start-up orders packs and reads them one at a time from their keys alone. */
export interface PackRef {
  id: string;
  priority: Priority;
  /** The pack's first and last `seq` (its jobs are in `seq` order). */
  first: number;
  last: number;
}

const SEQ_DIGITS = 16;

/** `pack:<priority>:<first seq>:<last seq>:<unique>`, the seqs zero-padded so keys sort by them within a priority. */
function packKey({ priority, first, last }: Omit<PackRef, 'id'>, unique: string): string {
  return `pack:${priority}:${String(first).padStart(SEQ_DIGITS, '0')}:${String(last).padStart(SEQ_DIGITS, '0')}:${unique}`;
}

/** Reads a pack's key; null for a key this version did not write. */
export function packRef(id: string): PackRef | null {
  const [tag, priority, first, last] = id.split(':');
  if (tag !== 'pack' || (priority !== 'high' && priority !== 'normal' && priority !== 'low')) return null;
  const ref = { id, priority, first: Number(first), last: Number(last) } as const;
  return Number.isSafeInteger(ref.first) && Number.isSafeInteger(ref.last) ? ref : null;
}

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

function isPackable(job: Job): job is QueuedJob {
  if (job.state !== 'queued' || job.attempts !== 0) return false;
  if (typeof job.id !== 'string' || typeof job.sessionId !== 'string' || !Number.isSafeInteger(job.seq) || job.seq < 0 || typeof job.timeoutMs !== 'number') return false;
  if (!Object.keys(job).every((key) => PACKABLE_KEYS.has(key))) return false;
  // An explicit `undefined` would come back absent.
  if (('params' in job && job.params === undefined) || ('kind' in job && job.kind === undefined)) return false;
  const stages = Object.entries(job.stages);
  if (!Array.isArray(job.stageOrder) || stages.length !== job.stageOrder.length) return false;
  return job.stageOrder.every((name) => {
    const stage = job.stages[name];
    return stage !== undefined && Object.keys(stage).length === 2 && stage.status === 'pending' && Object.is(stage.progress, 0);
  });
}

function specOf(job: QueuedJob): JobPackSpec {
  const spec: JobPackSpec = {
    batchId: job.batchId,
    priority: job.priority,
    maxAttempts: job.maxAttempts,
    stageOrder: [...job.stageOrder],
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
  if ('params' in job) spec.params = job.params;
  if ('kind' in job) spec.kind = job.kind;
  return spec;
}

/** Exact: the group key is JSON, which cannot tell -0 from 0 or an absent field from a present one. */
function sameSpec(spec: JobPackSpec, job: QueuedJob): boolean {
  for (const key of SPEC_KEYS) {
    if (key in spec !== key in job || !Object.is(spec[key], job[key])) return false;
  }
  return spec.stageOrder.length === job.stageOrder.length && spec.stageOrder.every((name, i) => name === job.stageOrder[i]);
}
