import { openEnricherDb, type EnricherDb, type ResultRecord } from '../src/shared/db.ts';
import type { SessionRecord } from '../src/shared/session.ts';
import { privacyContextFrom } from '../src/shared/privacyStore.ts';
import type { PrivacyContext } from '../src/shared/privacy.ts';
import { SPEECH_META_KEY, speechSettingsOf, type SpeechSettings } from '../src/shared/speechModel.ts';
import type { RunRequest, RunResponse, StageOutcome } from '../src/shared/protocol.ts';
import { classifyError } from './classify.ts';
import { batchMetaReader } from './batchMeta.ts';
import { throttledProgress } from './progress.ts';
import { loadStage } from './registry.ts';
import { SpareSlots } from './spareSlots.ts';
import type { StageContext, StageFn } from './stage.ts';
import type { WorkerHost } from '../src/shared/protocol.ts';

const databases = new Map<string, Promise<EnricherDb>>();

/** One connection per database for the worker's lifetime. */
function database(name: string): Promise<EnricherDb> {
  let db = databases.get(name);
  if (!db) {
    // Closed when a newer version of the app upgrades the database: the next job opens it anew.
    db = openEnricherDb(name, () => databases.delete(name));
    databases.set(name, db);
  }
  return db;
}

/** What a run reads before its first stage. */
export interface RunInputs {
  session: SessionRecord | undefined;
  /** The job's earlier result when it resumes (a first run has none worth reading). */
  previous: ResultRecord | undefined;
  privacy: PrivacyContext;
  speech: SpeechSettings;
}

/**
 * Every input of several runs of one database in one read-only transaction: each transaction is a
 * round trip through the database's backend, where the scheduler's commits also queue, so one per
 * stage input (or per job of a batch) costs more than the reads themselves.
 */
export async function readInputs(requests: readonly RunRequest[]): Promise<RunInputs[]> {
  const [first] = requests;
  if (!first) return [];
  const db = await database(first.dbName);
  const resumes = requests.some((request) => !request.fresh);
  const tx = db.transaction(resumes ? ['sessions', 'results', 'meta'] : ['sessions', 'meta'], 'readonly');
  const meta = batchMetaReader(tx.objectStore('meta'));
  const speech = meta.get(SPEECH_META_KEY).then(speechSettingsOf);
  return Promise.all(
    requests.map(async (request) => {
      const [session, previous, privacy] = await Promise.all([
        tx.objectStore('sessions').get(request.sessionId),
        request.fresh ? undefined : tx.objectStore('results').get(request.sessionId),
        privacyContextFrom(meta, request.sessionId),
      ]);
      return { session, previous, privacy, speech: await speech };
    }),
  );
}

function allFailed(stages: string[], message: string): RunResponse {
  const outcomes: Record<string, StageOutcome> = {};
  for (const stage of stages) {
    outcomes[stage] = { status: 'failed', error: { class: 'permanent', message, stage }, ms: 0 };
  }
  return { outcomes };
}

/**
 * Runs the requested stages of one job, each isolated: a stage that throws is recorded as failed
 * and the next one still runs. Reads the session and its media from IndexedDB itself.
 */
export async function runJob(request: RunRequest, host: WorkerHost, inputs?: Promise<RunInputs>, spareSlots = new SpareSlots(request.idleSlots ?? 0)): Promise<RunResponse> {
  const db = await database(request.dbName);
  // A retry (after a failure, or "Retry failed") runs only the stages not done yet; later stages
  // still need the results of those done in the job's earlier runs. All reads share one transaction,
  // read ahead with the other jobs of the worker's batch when `inputs` is given.
  const { session, previous, privacy, speech } = await (inputs ?? readInputs([request]).then(([one]) => one!));
  if (!session) return allFailed(request.stages, 'This session is no longer stored.');
  const kind = request.kind ?? 'enrich';
  if (kind === 'reapply-privacy' && !previous) return allFailed(request.stages, 'This session has no stored enrichment to redact again: enrich it first.');

  const controller = new AbortController();
  const results: Record<string, unknown> = {};
  // A reapply job builds on the latest result whichever job wrote it; a retry on its own job's.
  if (previous && (kind === 'reapply-privacy' || previous.jobId === request.jobId)) {
    for (const [stage, outcome] of Object.entries(previous.outcomes)) {
      if (outcome.status === 'done') results[stage] = outcome.result;
    }
  }
  const outcomes: Record<string, StageOutcome> = {};
  // One Blob per file for the whole run: a Blob from IndexedDB is a handle, not its bytes, and
  // stages that meet the same object share what they made of it (one decode for OCR and chapters).
  const media = new Map<string, Promise<Blob>>();
  const readMedia = (id: string): Promise<Blob> => {
    let blob = media.get(id);
    if (!blob) {
      blob = db.get('media', id).then((record) => {
        if (!record) throw new Error(`A file of this session is missing from storage (${id}).`);
        return record.blob;
      });
      media.set(id, blob);
      // A failed read is not kept: the next stage that asks reads again.
      blob.catch(() => media.delete(id));
    }
    return blob;
  };
  const toRun = request.stages.filter((stage) => request.skip[stage] === undefined);
  for (const stage of request.stages) {
    const skipReason = request.skip[stage];
    if (skipReason !== undefined) {
      outcomes[stage] = { status: 'skipped', message: skipReason };
      continue;
    }
    const started = performance.now();
    let fn: StageFn | undefined;
    try {
      fn = await loadStage(stage);
    } catch (error) {
      outcomes[stage] = { status: 'failed', error: classifyError(error, stage), ms: performance.now() - started };
      continue;
    }
    if (!fn) {
      const error = { class: 'permanent' as const, message: `There is no step called "${stage}".`, stage };
      outcomes[stage] = { status: 'failed', error, ms: 0 };
      continue;
    }
    const progress = throttledProgress(host.progress, request.jobId, stage);
    let warning: string | undefined;
    const context: StageContext = {
      session,
      readMedia,
      progress,
      rateLimit: (key, tokens = 1) => host.acquire(key, tokens),
      provider: {
        providerEndpoint: () => host.providerEndpoint(),
        providerAdmit: (tokens) => host.providerAdmit(tokens),
        providerReport: (attempt, outcome) => host.providerReport(attempt, outcome),
      },
      signal: controller.signal,
      attempt: request.attempt,
      kind,
      params: request.params ?? {},
      spareSlots,
      laterStages: toRun.slice(toRun.indexOf(stage) + 1),
      privacy,
      speech,
      results,
      warn: (message) => {
        warning = message;
      },
    };
    try {
      progress.start();
      const result = await fn(context);
      results[stage] = result;
      outcomes[stage] = { status: 'done', result, ms: performance.now() - started, ...(warning === undefined ? {} : { warning }) };
    } catch (error) {
      outcomes[stage] = { status: 'failed', error: classifyError(error, stage), ms: performance.now() - started };
    } finally {
      progress.stop();
    }
  }
  return { outcomes };
}
