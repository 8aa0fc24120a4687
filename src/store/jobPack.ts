import type { JobPackRecord, JobPackSpec } from '../shared/db.ts';
import type { Job, Priority, QueuedJob } from '../shared/job.ts';
import { ownKeyCount } from '../shared/ownKeyCount.ts';

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
    // Joined, not JSON (a third of the time at 10,000 jobs): a key two specs share by chance only costs a record, as sameSpec() tells them apart.
    const key = `${job.batchId}\u0000${job.priority}\u0000${job.maxAttempts}\u0000${job.createdAt}\u0000${job.updatedAt}\u0000${'kind' in job ? job.kind : ''}\u0000${paramsId}\u0000${job.stageOrder.join('\u0000')}`;
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

/**
 * The pack without the jobs in `leaving` (null once none is left). It keeps its key: the key's seq
 * range then holds the pack's jobs still, if more loosely, and start-up reads packs by key alone.
 */
export function withoutJobs(pack: JobPackRecord, leaving: ReadonlySet<string>): JobPackRecord | null {
  const kept = pack.ids.flatMap((id, i) => (leaving.has(id) ? [] : [i]));
  if (kept.length === 0) return null;
  return {
    ...pack,
    ids: kept.map((i) => pack.ids[i]!),
    sessionIds: kept.map((i) => pack.sessionIds[i]!),
    seqs: kept.map((i) => pack.seqs[i]!),
    timeoutMs: kept.map((i) => pack.timeoutMs[i]!),
  };
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

function isPackable(job: Job): job is QueuedJob {
  if (job.state !== 'queued' || job.attempts !== 0) return false;
  if (typeof job.id !== 'string' || typeof job.sessionId !== 'string' || !Number.isSafeInteger(job.seq) || job.seq < 0 || typeof job.timeoutMs !== 'number') return false;
  for (const key in job) if (Object.hasOwn(job, key) && !PACKABLE_KEYS.has(key)) return false;
  // An explicit `undefined` would come back absent.
  if (('params' in job && job.params === undefined) || ('kind' in job && job.kind === undefined)) return false;
  if (!Array.isArray(job.stageOrder) || ownKeyCount(job.stages) !== job.stageOrder.length) return false;
  for (const name of job.stageOrder) {
    const stage = job.stages[name];
    if (stage === undefined || ownKeyCount(stage) !== 2 || stage.status !== 'pending' || !Object.is(stage.progress, 0)) return false;
  }
  return true;
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
