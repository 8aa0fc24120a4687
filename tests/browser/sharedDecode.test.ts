import { afterEach, describe, expect, test } from 'vitest';
import type { ChaptersResult, Thumbnail } from '../../src/shared/results.ts';
import type { RunRequest } from '../../src/shared/protocol.ts';
import { picturesStarted } from '../../workers/images/screenPictures.ts';
import { registerStage } from '../../workers/registry.ts';
import { runJob } from '../../workers/runJob.ts';
import { generateSampleSession } from '../../workers/samples/generate.ts';
import { chaptersStage } from '../../workers/stages/chapters.ts';
import { ocrStage } from '../../workers/stages/ocr.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { openEnricherDb } from '../../src/shared/db.ts';
import type { StageContext } from '../../workers/stage.ts';
import { stageHarness, type Shot } from './fixtures/stageHarness.ts';
import { deleteDatabase, makeSession, uniqueDbName } from './fixtures/sessions.ts';

/** Runs the chapters stage and counts the createImageBitmap calls that decode a file (a Blob): one a screen it decodes. */
async function chaptersCountingDecodes(ctx: StageContext, ocr: unknown): Promise<{ chapters: ChaptersResult; decodes: number }> {
  const original = globalThis.createImageBitmap;
  let decodes = 0;
  globalThis.createImageBitmap = ((source: ImageBitmapSource, ...rest: unknown[]) => {
    if (source instanceof Blob) decodes++;
    return (original as (...args: unknown[]) => Promise<ImageBitmap>)(source, ...rest);
  }) as typeof createImageBitmap;
  try {
    const chapters = (await chaptersStage({ ...ctx, results: { ocr } })) as ChaptersResult;
    return { chapters, decodes };
  } finally {
    globalThis.createImageBitmap = original;
  }
}

async function bytesOf(thumbnail: Thumbnail): Promise<number[]> {
  return [...new Uint8Array(await thumbnail.blob.arrayBuffer())];
}

/** A chapters result with its thumbnails' bytes in place of their blobs, to compare whole. */
async function comparable(result: ChaptersResult): Promise<unknown> {
  return { ...result, thumbnails: await Promise.all(result.thumbnails.map(async (t) => ({ ...t, blob: await bytesOf(t) }))) };
}

const shotsOf = async (seed: number, index: number): Promise<Shot[]> =>
  (await generateSampleSession(seed, index)).screenshots.map((file) => ({ name: file.name, blob: file.blob, at: file.at }));

describe('a screenshot is decoded once for OCR and chapters', () => {
  test('the OCR stage makes the chapters pictures from its own decode: chapters decode no screenshot again, and give the same result', async () => {
    const shots = await shotsOf(1, 3);
    const shared = stageHarness(shots);
    const ocr = await ocrStage(shared.ctx);
    for (const [i, shot] of shots.entries()) expect(picturesStarted(`shot-${i}`, shot.blob)).toBe(true);

    const { chapters, decodes } = await chaptersCountingDecodes(shared.ctx, ocr);
    expect(decodes).toBe(0);

    // The same screenshots as other blobs: chapters decode them themselves, to the same result.
    const copies = shots.map((shot) => ({ ...shot, blob: new Blob([shot.blob], { type: shot.blob.type }) }));
    const fresh = await chaptersCountingDecodes(stageHarness(copies).ctx, ocr);
    expect(fresh.decodes).toBe(shots.length);
    expect(await comparable(chapters)).toStrictEqual(await comparable(fresh.chapters));
  });
});

describe('runJob: one Blob per file for the whole run', () => {
  let dbName = '';
  afterEach(() => deleteDatabase(dbName));

  test('stages that read the same file get the same Blob; another run reads it anew', async () => {
    dbName = uniqueDbName();
    const db = await openEnricherDb(dbName);
    const { session, media } = await makeSession();
    await new SessionStore(db).add(session, media);
    db.close();
    const id = session.screenshots[0]!.id;
    const seen: Blob[] = [];
    for (const name of ['test.readScreenshot', 'test.readScreenshotAgain']) {
      registerStage(name, async (ctx) => {
        seen.push(await ctx.readMedia(id), await ctx.readMedia(id));
        return null;
      });
    }
    const request: RunRequest = { jobId: 'j1', sessionId: session.id, attempt: 1, dbName, stages: ['test.readScreenshot', 'test.readScreenshotAgain'], skip: {}, fresh: true };
    const host = { progress: () => {}, acquire: async () => {} } as unknown as Parameters<typeof runJob>[1];
    const first = await runJob(request, host);
    expect(Object.values(first.outcomes).map((o) => o.status)).toEqual(['done', 'done']);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(1);
    await runJob({ ...request, jobId: 'j2' }, host);
    expect(seen[4]).not.toBe(seen[0]);
  });
});
