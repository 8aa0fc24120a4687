import { afterEach, describe, expect, test } from 'vitest';
import type { Enricher } from '../../src/app/enricher.ts';
import { addMark, markFinding, saveRedactionMode } from '../../src/privacy/privacySettings.ts';
import type { ResultRecord } from '../../src/shared/db.ts';
import { PRIVACY_META_KEY, markedKey, type RedactResult, type SensitiveFinding } from '../../src/shared/privacy.ts';
import { PRIVACY_STAGES } from '../../src/shared/pipeline.ts';
import type { IndexResult, OcrResult, OcrWord, PixelBox, StoryboardResult } from '../../src/shared/results.ts';
import { linesOf } from '../../src/shared/screenLines.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { pagePng } from './fixtures/images.ts';
import { createTestEngine, createTestWorker, type TestEngine } from './fixtures/engine.ts';
import { enricherFactory } from './fixtures/enrichers.ts';
import { waitFor } from './fixtures/waitFor.ts';
import { readStoredJob, readStoredJobsOfSession } from '../../src/shared/runningJobs.ts';

const openEnricher = enricherFactory();
const engines: TestEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) {
    e.scheduler.abandon();
    await e.dispose();
  }
});

const WORD = 'Marmalade';
const EMAIL = 'dana.park@example.org';
const ALL_STAGES = ['ocr', 'chapters', 'transcript', 'redact', 'summary', 'storyboard', 'index'];

/** A screenshot with a distinctive word on its second line. */
function screenshot(): Promise<Blob> {
  return pagePng(900, 220, 34, [
    { text: 'Weekly order review', x: 24, y: 60 },
    { text: `Ship the ${WORD} crates today`, x: 24, y: 140 },
  ]);
}

function sessionRecord(id: string, notes: string, shot: Blob | null): SessionRecord {
  return {
    id,
    title: 'Order review',
    source: 'import',
    startedAt: null,
    endedAt: null,
    notes,
    tags: [],
    screenshots: shot ? [{ id: `${id}-s1`, name: 'order.png', kind: 'image', type: 'image/png', size: shot.size, at: null }] : [],
    audio: [],
    transcript: null,
    importedAt: Date.now(),
    warnings: [],
  };
}

const doneResult = <T,>(record: ResultRecord | undefined, stage: string): T => {
  const outcome = record?.outcomes[stage];
  if (outcome?.status !== 'done') throw new Error(`No done ${stage} outcome`);
  return outcome.result as T;
};

function wordOnScreen(record: ResultRecord | undefined): OcrWord {
  const words = linesOf(doneResult<OcrResult>(record, 'ocr').screens[0]!)!.flatMap((line) => line.words);
  const word = words.find((w) => w.text.toLowerCase().includes(WORD.toLowerCase()));
  if (!word) throw new Error(`OCR did not read ${WORD}: ${words.map((w) => w.text).join(' ')}`);
  return word;
}

const markOver = (id: string, box: PixelBox): SensitiveFinding => ({
  id: 'mark:word',
  kind: 'marked',
  confidence: 1,
  preview: '1 word',
  place: { source: 'screen', mediaId: `${id}-s1`, screen: 0, at: null, start: 0, end: 0, boxes: [box] },
});

async function pixelAt(blob: Blob, x: number, y: number): Promise<number[]> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return [...ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3)];
}

/** The storyboard pixel at the centre of `box` (screenshot pixels), through the tile it was drawn in. */
function storyboardPixel(board: StoryboardResult, box: PixelBox): Promise<number[]> {
  const tile = board.tiles![0]!;
  return pixelAt(board.blob, tile.x + (box.left + box.width / 2) * tile.scale!, tile.y + (box.top + box.height / 2) * tile.scale!);
}

/** The redacted thumbnail's pixel at the centre of `box`. */
function thumbnailPixel(record: ResultRecord | undefined, box: PixelBox): Promise<number[]> {
  const thumb = doneResult<RedactResult>(record, 'redact').shown!.thumbnails![0]!;
  const scale = thumb.width / thumb.sourceWidth!;
  return pixelAt(thumb.blob, (box.left + box.width / 2) * scale, (box.top + box.height / 2) * scale);
}

async function enrichedInApp(notes: string, withScreen: boolean, mode: 'everywhere' | 'exports' = 'everywhere'): Promise<{ enricher: Enricher; id: string }> {
  const enricher = await openEnricher({ createWorker: createTestWorker, options: { concurrency: 2 } });
  await enricher.db.put('meta', { mode }, PRIVACY_META_KEY);
  const id = withScreen ? 'ses-marmalade' : 'ses-notes';
  const shot = withScreen ? await screenshot() : null;
  const session = sessionRecord(id, notes, shot);
  await enricher.sessions.add(session, shot ? [{ id: `${id}-s1`, sessionId: id, blob: shot }] : []);
  enricher.view.addSession(session);
  await enricher.run({ type: 'enrich', sessionIds: [id], priority: 'normal' });
  await enricher.drain();
  return { enricher, id };
}

const hitsFor = (enricher: Enricher, query: string, id: string) => enricher.search(query).then((hits) => hits.filter((hit) => hit.sessionId === id));

describe('"redact everywhere": a change of marks redoes only the stages from redact on', () => {
  test('a mark added after enrichment reaches the search index, the thumbnail and the stored storyboard; OCR does not run again', async () => {
    const { enricher, id } = await enrichedInApp('Weekly review.', true);
    const before = await enricher.sessions.result(id);
    const word = wordOnScreen(before);
    await waitFor(async () => (await hitsFor(enricher, WORD.toLowerCase(), id)).length > 0, { what: `${WORD} in the search index`, timeoutMs: 15_000 });
    // Not filled before the mark: the pixel checks below can fail.
    expect(await storyboardPixel(doneResult(before, 'storyboard'), word.box)).not.toEqual([0, 0, 0]);
    expect(await thumbnailPixel(before, word.box)).not.toEqual([0, 0, 0]);

    await addMark(enricher.db, id, markOver(id, word.box));
    await enricher.privacyChanged({ kind: 'session', sessionId: id });
    await enricher.drain();

    const after = await enricher.sessions.result(id);
    const jobs = await readStoredJobsOfSession(enricher.db, id);
    const reapply = jobs.find((job) => job.kind === 'reapply-privacy');
    expect(reapply).toMatchObject({ state: 'succeeded', stageOrder: [...PRIVACY_STAGES] });
    expect(after?.jobId).toBe(reapply!.id);

    // (c) OCR ran once: its outcome, its timing included, is the one the enrichment wrote.
    expect(after?.outcomes.ocr).toEqual(before?.outcomes.ocr);
    expect(after?.writtenBy?.ocr).toEqual(before?.writtenBy?.ocr);
    expect(after?.writtenBy?.ocr?.jobId).toBe(before?.jobId);
    for (const stage of PRIVACY_STAGES) expect(after?.writtenBy?.[stage]?.jobId).toBe(reapply!.id);
    expect(reapply!.stages.ocr).toBeUndefined();

    // (a) The search index no longer finds the word, nor holds it.
    await waitFor(async () => (await hitsFor(enricher, WORD.toLowerCase(), id)).length === 0, { what: `${WORD} gone from the search index`, timeoutMs: 15_000 });
    expect(JSON.stringify(doneResult<IndexResult>(after, 'index')).toLowerCase()).not.toContain(WORD.toLowerCase());
    // (b) The stored storyboard and the thumbnail have the word's box filled.
    expect(await storyboardPixel(doneResult(after, 'storyboard'), word.box)).toEqual([0, 0, 0]);
    expect(await thumbnailPixel(after, word.box)).toEqual([0, 0, 0]);
  }, 120_000);

  test('a finding marked "Not sensitive" after enrichment becomes findable again', async () => {
    const { enricher, id } = await enrichedInApp(`Mail ${EMAIL} about the refund.\n`, false);
    const before = await enricher.sessions.result(id);
    const finding = doneResult<RedactResult>(before, 'redact').findings.find((f) => f.kind === 'email')!;
    expect(finding).toBeDefined();
    await waitFor(async () => (await hitsFor(enricher, 'refund', id)).length > 0, { what: 'the session in the search index', timeoutMs: 15_000 });
    expect(await hitsFor(enricher, 'dana', id)).toEqual([]);
    expect(JSON.stringify(doneResult<IndexResult>(before, 'index'))).not.toContain(EMAIL);

    await markFinding(enricher.db, id, finding.id, false);
    await enricher.privacyChanged({ kind: 'session', sessionId: id });
    await enricher.drain();

    const after = await enricher.sessions.result(id);
    expect(after?.jobId).not.toBe(before?.jobId);
    expect(JSON.stringify(doneResult<IndexResult>(after, 'index'))).toContain(EMAIL);
    expect(doneResult<RedactResult>(after, 'redact').shown?.notes).toContain(EMAIL);
    await waitFor(async () => (await hitsFor(enricher, 'dana', id)).length > 0, { what: 'the dismissed value in the search index', timeoutMs: 15_000 });
  }, 120_000);

  test('with "redact exports" a change queues nothing: stored results do not depend on it', async () => {
    const { enricher, id } = await enrichedInApp(`Mail ${EMAIL} about the refund.\n`, false);
    await enricher.db.put('meta', { mode: 'exports' }, PRIVACY_META_KEY);
    const before = await enricher.sessions.result(id);
    await enricher.privacyChanged({ kind: 'session', sessionId: id });
    await enricher.drain();
    expect((await enricher.sessions.result(id))?.jobId).toBe(before?.jobId);
    expect((await readStoredJobsOfSession(enricher.db, id)).map((job) => job.kind)).toEqual([undefined]);
  }, 60_000);

  test('switching the setting to "redact everywhere" redacts what enriched sessions keep, without reading their screens again', async () => {
    const { enricher, id } = await enrichedInApp(`Mail ${EMAIL} about the refund.\n`, true, 'exports');
    const before = await enricher.sessions.result(id);
    expect(doneResult<RedactResult>(before, 'redact').shown).toBeUndefined();
    expect(JSON.stringify(doneResult<IndexResult>(before, 'index'))).toContain(EMAIL);

    await saveRedactionMode(enricher.db, 'everywhere');
    await enricher.privacyChanged({ kind: 'mode', before: 'exports', after: 'everywhere' });
    await enricher.drain();

    const after = await enricher.sessions.result(id);
    expect(after?.jobId).not.toBe(before?.jobId);
    expect(doneResult<RedactResult>(after, 'redact').shown?.notes).toContain('[email]');
    expect(JSON.stringify(doneResult<IndexResult>(after, 'index'))).not.toContain(EMAIL);
    expect(after?.writtenBy?.ocr).toEqual(before?.writtenBy?.ocr);
    const [reapply] = (await readStoredJobsOfSession(enricher.db, id)).filter((job) => job.kind === 'reapply-privacy');
    expect(reapply?.priority).toBe('low');
  }, 120_000);

  test('a reapply job stopped mid-way leaves the old result in place, then runs again and commits once', async () => {
    const e = await createTestEngine({ concurrency: 1 });
    engines.push(e);
    await e.db.put('meta', { mode: 'everywhere' }, PRIVACY_META_KEY);
    await e.scheduler.start();
    const id = 'ses-crash';
    const shot = await screenshot();
    await e.sessions.add(sessionRecord(id, 'Weekly review.', shot), [{ id: `${id}-s1`, sessionId: id, blob: shot }]);
    await e.scheduler.enqueue([{ sessionId: id, timeoutMs: 60_000 }], { batchId: 'enrich', stages: ALL_STAGES });
    await e.scheduler.drain();
    const before = await e.db.get('results', id);
    const word = wordOnScreen(before);
    await e.db.put('meta', [markOver(id, word.box)], markedKey(id));

    // The tab goes away the moment the reapply job starts: its worker's answer is never written.
    let crashedRun: string | undefined;
    e.scheduler.subscribe(({ changed }) => {
      for (const jobId of changed) {
        const job = e.scheduler.get(jobId);
        if (job?.state === 'running' && job.kind === 'reapply-privacy' && crashedRun === undefined) {
          crashedRun = job.lease.runId;
          e.scheduler.abandon();
        }
      }
    });
    const [reapply] = await e.scheduler.enqueue([{ sessionId: id, timeoutMs: 60_000 }], { batchId: 'privacy', stages: PRIVACY_STAGES, kind: 'reapply-privacy' });
    await waitFor(async () => (await readStoredJob(e.db, reapply!.id))?.state === 'running', { what: 'the running state stored' });
    expect(crashedRun).toBeDefined();
    const during = await e.db.get('results', id);
    expect(during).toEqual(before);

    const next = await e.restart({ concurrency: 1 });
    engines.splice(engines.indexOf(e), 1, next);
    await next.scheduler.start();
    await next.scheduler.drain();
    const job = next.scheduler.get(reapply!.id);
    expect(job?.state).toBe('succeeded');
    const after = await next.db.get('results', id);
    expect(after).toMatchObject({ jobId: reapply!.id, attempt: job!.attempts });
    expect(after?.runId).not.toBe(crashedRun);
    expect(after?.writtenBy?.ocr).toEqual(before?.writtenBy?.ocr);
    expect(after?.outcomes.ocr).toEqual(before?.outcomes.ocr);
    expect(await storyboardPixel(doneResult(after, 'storyboard'), word.box)).toEqual([0, 0, 0]);
  }, 120_000);
});
