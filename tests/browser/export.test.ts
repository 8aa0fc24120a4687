import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, test } from 'vitest';
import { exportAllBlob, exportSessionBlob, exportSessionFiles } from '../../src/export/exportClient.ts';
import { importSessions } from '../../src/import/importSessions.ts';
import type { Enrichment } from '../../src/shared/export.ts';
import { PIPELINE_STAGES } from '../../src/shared/pipeline.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { createJob, startAttempt } from '../../src/engine/transitions.ts';
import { IdbJobStore } from '../../src/store/idbJobStore.ts';
import { readCentralDirectory } from '../../workers/zip/centralDirectory.ts';
import { createTestEngine, type TestEngine } from './fixtures/engine.ts';
import { fixturePicked } from './fixtures/fixtureSessions.ts';

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.dispose();
});

/** The two fixture sessions, imported and enriched in the real pool (the whole pipeline unless told). */
async function enrichedLibrary(stages: readonly string[] = PIPELINE_STAGES): Promise<{ e: TestEngine; sessions: SessionRecord[] }> {
  const e = await createTestEngine();
  engines.push(e);
  await e.scheduler.start();
  const { imported } = await importSessions(await fixturePicked(), e.sessions);
  await e.scheduler.enqueue(
    imported.map((session) => ({ sessionId: session.id, timeoutMs: 120_000 })),
    { batchId: 'export', stages: [...stages] },
  );
  await e.scheduler.drain();
  return { e, sessions: imported };
}

describe('export', () => {
  test('exportAllBlob() - one zip, a folder per session holding enrichment.json, report.md and storyboard.png', async () => {
    const { e, sessions } = await enrichedLibrary();
    const { blob, name, sessions: count } = await exportAllBlob(e.dbName);
    expect(name).toMatch(/^session-enrichment-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(count).toBe(2);
    expect(blob.type).toBe('application/zip');

    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    const folders = sessions.map((s) => s.title);
    expect(Object.keys(files).sort()).toEqual(
      folders.flatMap((folder) => ['enrichment.json', 'report.md', 'storyboard.png'].map((file) => `${folder}/${file}`)).sort(),
    );
    for (const session of sessions) {
      const enrichment = JSON.parse(strFromU8(files[`${session.title}/enrichment.json`]!)) as Enrichment;
      expect(enrichment.schemaVersion).toBe(2);
      expect(enrichment.session.id).toBe(session.id);
      expect(enrichment.session.title).toBe(session.title);
      expect(enrichment.status).toBe('complete');
      expect(Object.keys(enrichment.stages)).toEqual([...PIPELINE_STAGES]);
      expect(enrichment.screens).toHaveLength(session.screenshots.length);
      expect(enrichment.chapters.length).toBeGreaterThan(0);
      expect(enrichment.audio?.speechSegments.length).toBeGreaterThan(0);
      expect(enrichment.audio?.loudnessDb).toBeLessThan(0);
      expect(enrichment.storyboard).toBe('storyboard.png');
      expect(strFromU8(files[`${session.title}/report.md`]!)).toMatch(new RegExp(`^# ${session.title}\\n`));
      const png = await createImageBitmap(new Blob([files[`${session.title}/storyboard.png`]!]));
      expect(png.width).toBe(1280);
      png.close();
    }
    const standup = JSON.parse(strFromU8(files['Team standup/enrichment.json']!)) as Enrichment;
    expect(standup.session.startedAt).toBe('2026-11-20T09:00:00.000Z');
    expect(standup.session.tags).toEqual(['standup']);
    expect(standup.summary.actionItems.map((item) => item.text)).toContain('Send the invoice export fix');

    // PNGs are stored as they are; text is deflated.
    const methods = new Map((await readCentralDirectory(blob))!.map((entry) => [entry.name, entry.method]));
    expect(methods.get('Team standup/storyboard.png')).toBe(0);
    expect(methods.get('Team standup/enrichment.json')).toBe(8);
  }, 90_000);

  test('exportSessionFiles() and exportSessionBlob() - one session as loose files, or zipped in its folder', async () => {
    const { e, sessions } = await enrichedLibrary(['chapters', 'audio', 'storyboard']);
    const review = sessions.find((s) => s.title === 'design-review')!;
    const loose = await exportSessionFiles(review.id, e.dbName);
    expect(loose.folder).toBe('design-review');
    expect(loose.files.map((f) => f.name)).toEqual(['enrichment.json', 'report.md', 'storyboard.png']);
    expect((JSON.parse(await loose.files[0]!.blob.text()) as Enrichment).session.title).toBe('design-review');

    const zipped = await exportSessionBlob(review.id, e.dbName);
    expect(zipped.name).toBe('design-review.zip');
    expect(Object.keys(unzipSync(new Uint8Array(await zipped.blob.arrayBuffer()))).sort()).toEqual([
      'design-review/enrichment.json',
      'design-review/report.md',
      'design-review/storyboard.png',
    ]);
  });

  test('a session that is not enriched yet still exports, as "not-enriched", without a storyboard or a job', async () => {
    const e = await createTestEngine();
    engines.push(e);
    const { imported } = await importSessions(await fixturePicked('standup'), e.sessions);
    const { files } = await exportSessionFiles(imported[0]!.id, e.dbName);
    expect(files.map((f) => f.name)).toEqual(['enrichment.json', 'report.md']);
    const enrichment = JSON.parse(await files[0]!.blob.text()) as Enrichment;
    expect(enrichment.status).toBe('not-enriched');
    expect(enrichment.job).toBeNull();
    expect(enrichment.storyboard).toBeNull();
  });

  test('a session whose job is still packed (queued in a big enqueue) exports that job, alone and in the whole library', async () => {
    const e = await createTestEngine();
    engines.push(e);
    const { imported } = await importSessions(await fixturePicked(), e.sessions);
    // Packed from 2 jobs: as an enqueue of 1,000 or more is stored.
    const store = new IdbJobStore(e.db, { packFrom: 2, packSize: 500 });
    // One clock reading for the batch, as enqueue takes: jobs created a millisecond apart do not share a pack.
    const now = Date.now();
    const jobs = imported.map((session, i) =>
      createJob({ id: `job-packed-${i}`, sessionId: session.id, batchId: 'big', priority: 'normal', seq: i, stageOrder: ['chapters'], timeoutMs: 60_000, maxAttempts: 3, now }),
    );
    await store.commit({ jobs, created: true });
    expect(await e.db.count('jobPacks')).toBe(1);
    expect(await e.db.count('jobs')).toBe(0);

    const { files } = await exportSessionFiles(imported[0]!.id, e.dbName);
    const alone = JSON.parse(await files[0]!.blob.text()) as Enrichment;
    expect(alone.job).toStrictEqual({ state: 'queued', attempts: 0, maxAttempts: 3, reason: null });

    const zipped = unzipSync(new Uint8Array(await (await exportAllBlob(e.dbName)).blob.arrayBuffer()));
    for (const session of imported) {
      const enrichment = JSON.parse(strFromU8(zipped[`${session.title}/enrichment.json`]!)) as Enrichment;
      expect(enrichment.job).toStrictEqual({ state: 'queued', attempts: 0, maxAttempts: 3, reason: null });
    }

    // A packed job that starts stays in its pack: the export shows the run, not the packed copy.
    await store.commit({ jobs: [startAttempt(jobs[0]!, { owner: 'tab', runId: 'run-0' }, Date.now())] });
    expect((await e.db.getAll('jobPacks'))[0]!.ids).toContain(jobs[0]!.id);
    const during = JSON.parse(await (await exportSessionFiles(imported[0]!.id, e.dbName)).files[0]!.blob.text()) as Enrichment;
    expect(during.job).toMatchObject({ state: 'running', attempts: 1 });
  });

  test('a session that is gone is refused with a plain message', async () => {
    const e = await createTestEngine();
    engines.push(e);
    await expect(exportSessionFiles('ses_missing', e.dbName)).rejects.toThrow('This session is no longer stored, so it cannot be exported.');
  });
});
