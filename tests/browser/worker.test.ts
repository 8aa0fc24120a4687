import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { PROVIDER_OFF, type EnrichWorkerApi } from '../../src/shared/protocol.ts';
import { openEnricherDb } from '../../src/shared/db.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { makeSession, uniqueDbName } from './fixtures/sessions.ts';

const workers: Worker[] = [];
const dbNames: string[] = [];

afterEach(async () => {
  for (const worker of workers.splice(0)) worker.terminate();
  for (const name of dbNames.splice(0)) indexedDB.deleteDatabase(name);
});

describe('enrich worker through Comlink', () => {
  it('run() reads the session from IndexedDB and returns each stage outcome', async () => {
    const dbName = uniqueDbName();
    dbNames.push(dbName);
    const db = await openEnricherDb(dbName);
    const { session, media } = await makeSession();
    await new SessionStore(db).add(session, media);
    db.close();

    const worker = new Worker(new URL('../../workers/enrich.worker.ts', import.meta.url), { type: 'module' });
    workers.push(worker);
    const api = Comlink.wrap<EnrichWorkerApi>(worker);
    const progress: string[] = [];
    await api.connect(
      Comlink.proxy({
        progress: (jobId: string, stage: string, fraction: number) => void progress.push(`${jobId}:${stage}:${fraction}`),
        acquire: async () => {},
        ...PROVIDER_OFF,
      }),
    );
    const response = await api.run({ jobId: 'j1', sessionId: session.id, attempt: 1, dbName, stages: ['audio', 'chapters', 'nope'], skip: {} });

    expect(response.outcomes.audio?.status).toBe('done');
    expect(response.outcomes.chapters?.status).toBe('done');
    expect(response.outcomes.nope).toMatchObject({ status: 'failed', error: { class: 'permanent' } });
    expect(progress).toContain('j1:audio:1');
    expect(progress).toContain('j1:chapters:1');
    const spans = await api.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]!.end).toBeGreaterThanOrEqual(spans[0]!.start);
  });

  it('a missing session fails every stage permanently with a plain message', async () => {
    const dbName = uniqueDbName();
    dbNames.push(dbName);
    const worker = new Worker(new URL('../../workers/enrich.worker.ts', import.meta.url), { type: 'module' });
    workers.push(worker);
    const api = Comlink.wrap<EnrichWorkerApi>(worker);
    const response = await api.run({ jobId: 'j2', sessionId: 'gone', attempt: 1, dbName, stages: ['audio'], skip: {} });
    expect(response.outcomes.audio).toMatchObject({
      status: 'failed',
      error: { class: 'permanent', message: 'This session is no longer stored.' },
    });
  });
});
