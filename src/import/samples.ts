import * as Comlink from 'comlink';
import type { SampleFile, SampleSession, SamplesWorkerApi } from '../shared/samples.ts';
import type { MediaRecord, MediaRef, SessionRecord } from '../shared/session.ts';
import type { SessionStore } from '../store/sessionStore.ts';
import { newId } from '../shared/ids.ts';
import type { ImportReport } from './importSessions.ts';
import { refusal } from './refusal.ts';

/** How many sample sessions "Load sample sessions" makes, and from which seed. */
export const SAMPLE_COUNT = 12;
export const SAMPLE_SEED = 1;

function toRecords(sample: SampleSession, now: number): { session: SessionRecord; media: MediaRecord[] } {
  const sessionId = newId('ses');
  const media: MediaRecord[] = [];
  const ref = (file: SampleFile, kind: MediaRef['kind']): MediaRef => {
    const id = newId('med');
    media.push({ id, sessionId, blob: file.blob });
    return { id, name: file.name, kind, type: file.blob.type, size: file.blob.size, at: file.at };
  };
  const screenshots = sample.screenshots.map((file) => ref(file, 'image'));
  const audio = [ref(sample.audio, 'audio')];
  const last = sample.screenshots.at(-1)?.at ?? sample.startedAt;
  const session: SessionRecord = {
    id: sessionId,
    title: sample.title,
    source: 'sample',
    startedAt: sample.startedAt,
    endedAt: last,
    notes: sample.notes,
    tags: sample.tags,
    screenshots,
    audio,
    transcript: ref(sample.transcript, 'transcript'),
    importedAt: now,
    warnings: [],
  };
  return { session, media };
}

/**
 * Generates the built-in sample sessions in workers (drawing and encoding is heavy) and stores
 * each one as it arrives. Deterministic from the seed. A sample that cannot be stored (the device
 * is full) is named in the report's `refused`, and the others are still made, as an import does.
 */
export async function loadSampleSessions(
  store: SessionStore,
  onStored: (session: SessionRecord) => void,
  options: { count?: number; seed?: number; workers?: number } = {},
): Promise<ImportReport> {
  const count = options.count ?? SAMPLE_COUNT;
  const seed = options.seed ?? SAMPLE_SEED;
  const workerCount = Math.max(1, Math.min(options.workers ?? navigator.hardwareConcurrency ?? 2, 4, count));
  const workers = Array.from(
    { length: workerCount },
    () => new Worker(new URL('../../workers/samples.worker.ts', import.meta.url), { type: 'module', name: 'samples' }),
  );
  const now = Date.now();
  const stored: Array<SessionRecord | undefined> = new Array(count);
  const refused: Array<string | undefined> = new Array(count);
  let next = 0;
  try {
    await Promise.all(
      workers.map(async (worker) => {
        const api = Comlink.wrap<SamplesWorkerApi>(worker);
        while (next < count) {
          const index = next++;
          const { session, media } = toRecords(await api.generate(seed, index), now + index);
          try {
            await store.add(session, media);
          } catch (error) {
            refused[index] = refusal(`Sample session ${session.title}`, error);
            continue;
          }
          stored[index] = session;
          onStored(session);
        }
      }),
    );
  } finally {
    for (const worker of workers) worker.terminate();
  }
  const present = <T>(item: T | undefined): item is T => item !== undefined;
  return { imported: stored.filter(present), refused: refused.filter(present) };
}
