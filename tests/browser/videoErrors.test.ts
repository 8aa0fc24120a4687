import { describe, expect, test } from 'vitest';
import { importSessions } from '../../src/import/importSessions.ts';
import type { AudioStageResult, VideoStageResult } from '../../src/shared/results.ts';
import { StageFailure } from '../../workers/stage.ts';
import { videoStage } from '../../workers/stages/video.ts';
import { makeHevcRecording, makeRecording, makeSoundOnlyMp4 } from '../fixtures/video/makeRecording.ts';
import { enricherFactory } from './fixtures/enrichers.ts';
import { videoContext } from '../fixtures/video/videoContext.ts';
import { readStoredJobsOfSession } from '../../src/shared/runningJobs.ts';

const PAGES = [{ at: 0, lines: ['Weekly report', 'Numbers are up this week.'] }];

async function failureOf(name: string, blob: Blob): Promise<string> {
  const error = await videoStage(videoContext(name, blob).ctx).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StageFailure);
  expect((error as StageFailure).errorClass).toBe('permanent');
  return (error as StageFailure).message;
}

describe('video stage: files it cannot read fail with a plain message', () => {
  test('an MP4 cut short keeps the frames before the cut, with a message', async () => {
    const full = await makeRecording({ pages: PAGES, durationSec: 12, container: 'mp4' });
    const cut = full.slice(0, Math.floor(full.size * 0.5));
    const result = (await videoStage(videoContext('cut.mp4', cut).ctx)) as VideoStageResult;
    const [video] = result.videos;
    expect(video?.frames.length).toBeGreaterThan(0);
    expect(video?.frames.at(-1)!.timeSec).toBeLessThan(10);
    expect(video?.message).toMatch(/^cut\.mp4 .*cut short/);
  });

  test('an MP4 cut short before its index (written at the end) cannot be opened', async () => {
    const full = await makeRecording({ pages: PAGES, durationSec: 4, container: 'mp4', fastStart: false });
    const message = await failureOf('stopped.mp4', full.slice(0, Math.floor(full.size * 0.8)));
    expect(message).toBe('stopped.mp4 could not be read as a video: it may be damaged or cut short.');
  });

  test('a WebM cut short ends early: its frames count, with a message', async () => {
    const full = await makeRecording({ pages: PAGES, durationSec: 12, container: 'webm' });
    const result = (await videoStage(videoContext('cut.webm', full.slice(0, Math.floor(full.size * 0.4))).ctx)) as VideoStageResult;
    expect(result.videos[0]?.frames.length).toBeGreaterThan(0);
    expect(result.videos[0]?.message).toMatch(/^cut\.webm .*cut short/);
  });

  test('no video track, an unsupported codec, not a video at all, empty', async () => {
    expect(await failureOf('voice.mp4', await makeSoundOnlyMp4())).toBe('voice.mp4 holds no video track.');
    expect(await failureOf('phone.mkv', await makeHevcRecording())).toBe(
      'phone.mkv uses a video format (hevc) this browser cannot decode; H.264, VP8, VP9 and AV1 can be read.',
    );
    const text = new Blob(['not a video, just words'], { type: 'video/mp4' });
    expect(await failureOf('notes.mp4', text)).toBe('notes.mp4 could not be read as a video: it may be damaged or cut short.');
    expect(await failureOf('empty.mov', new Blob([]))).toBe('empty.mov is empty.');
  });
});

describe('a batch with broken videos goes on', () => {
  const openEnricher = enricherFactory();

  test('each broken video fails its own session with its message; the good one succeeds', async () => {
    const createWorker = () => new Worker(new URL('../../workers/enrich.worker.ts', import.meta.url), { type: 'module' });
    const enricher = await openEnricher({ createWorker, options: { concurrency: 2, maxAttempts: 1 } });
    const good = await makeRecording({ pages: PAGES, durationSec: 3, container: 'webm' });
    const files: Array<[string, Blob]> = [
      ['good.webm', good],
      ['voice.mp4', await makeSoundOnlyMp4()],
      ['phone.mkv', await makeHevcRecording()],
      ['notes.mp4', new Blob(['not a video'])],
    ];
    const picked = files.map(([path, blob]) => ({ path, file: new File([blob], path) }));
    const { imported } = await importSessions(picked, enricher.sessions);
    expect(imported.map((s) => s.title)).toEqual(['good', 'notes', 'phone', 'voice']);
    for (const session of imported) enricher.view.addSession(session);
    await enricher.run({ type: 'enrich', sessionIds: imported.map((s) => s.id), priority: 'normal' });
    await enricher.drain();

    const states: Record<string, string> = {};
    const videoErrors: Record<string, string | undefined> = {};
    for (const session of imported) {
      const [job] = await readStoredJobsOfSession(enricher.db, session.id);
      states[session.title] = job!.state;
      const outcome = (await enricher.sessions.result(session.id))?.outcomes.video;
      videoErrors[session.title] = outcome?.status === 'failed' ? outcome.error.message : undefined;
    }
    expect(states).toEqual({ good: 'succeeded', notes: 'partial', phone: 'partial', voice: 'partial' });
    expect(videoErrors).toEqual({
      good: undefined,
      notes: 'notes.mp4 could not be read as a video: it may be damaged or cut short.',
      phone: 'phone.mkv uses a video format (hevc) this browser cannot decode; H.264, VP8, VP9 and AV1 can be read.',
      voice: 'voice.mp4 holds no video track.',
    });
    // The sound of the file without video is still analysed.
    const voice = imported.find((s) => s.title === 'voice')!;
    const audio = (await enricher.sessions.result(voice.id))?.outcomes.audio;
    expect(audio?.status === 'done' && (audio.result as AudioStageResult).recordings[0]?.durationSec).toBeGreaterThan(2.5);
  });
});
