import { describe, expect, test } from 'vitest';
import type { Enricher } from '../../src/app/enricher.ts';
import { importSessions } from '../../src/import/importSessions.ts';
import type { AudioStageResult, ChaptersResult, OcrResult, VideoStageResult } from '../../src/shared/results.ts';
import { PROBE_SEC } from '../../workers/video/frameSampler.ts';
import { decodeWav } from '../../workers/audio/wav.ts';
import fixtureUrl from '../fixtures/speech/sentences.wav?url';
import truth from '../fixtures/speech/sentences.json';
import { makeRecording } from '../fixtures/video/makeRecording.ts';
import { enricherFactory } from './fixtures/enrichers.ts';
import { waitFor } from './fixtures/waitFor.ts';
import { readStoredJobsOfSession } from '../../src/shared/runningJobs.ts';

const createWorker = () => new Worker(new URL('../../workers/enrich.worker.ts', import.meta.url), { type: 'module', name: 'enrich' });

const PAGES = [
  { at: 0, lines: ['Invoice export', 'The invoice export fails for customers', 'with more than one billing address.'] },
  { at: 6, lines: ['Release checklist', 'Staging gets the build at noon;', 'production follows after smoke tests.'] },
  { at: 12.5, lines: ['Hiring plan', 'Two backend engineers join in spring;', 'interviews start next month.'] },
];
/** The three espeak-ng sentences of tests/fixtures/speech on the sound track, from 0 s. */
const SPEECH: Array<[number, number]> = truth.spans.map((span) => [span.start, span.end]);
const speechSec = SPEECH.reduce((sum, [a, b]) => sum + b - a, 0);
const voice = async () => {
  const { sampleRate, samples } = decodeWav(await (await fetch(fixtureUrl)).arrayBuffer());
  return { sampleRate, samples };
};

const openEnricher = enricherFactory();

async function enricherFor(): Promise<Enricher> {
  const enricher = await openEnricher({ createWorker, options: { concurrency: 2 } });
  return enricher;
}

const words = (text: string) => text.toLowerCase().match(/[a-z]{3,}/g) ?? [];

describe('a screen recording as a session, enriched in the pool workers', () => {
  test('an MP4 (H.264 + Opus) picked on its own: screens with times, OCR, chapters at the page changes, speech', async () => {
    const blob = await makeRecording({ pages: PAGES, durationSec: 18, speech: SPEECH, voice: await voice(), container: 'mp4' });
    const file = new File([blob], 'planning.mp4', { type: 'video/mp4', lastModified: Date.UTC(2026, 10, 20, 9) });
    const enricher = await enricherFor();
    const report = await importSessions([{ path: 'planning.mp4', file }], enricher.sessions);
    const [session] = report.imported;
    expect(session?.title).toBe('planning');
    // Dated only by the file: that is when it was last written, the end of the recording.
    const written = Date.UTC(2026, 10, 20, 9);
    expect(session?.videos?.map((v) => [v.name, v.kind, v.at, v.atFrom])).toEqual([['planning.mp4', 'video', written, 'file-date']]);
    enricher.view.addSession(session!);

    await enricher.run({ type: 'enrich', sessionIds: [session!.id], priority: 'normal' });
    await enricher.drain();
    const [job] = await readStoredJobsOfSession(enricher.db, session!.id);
    expect(job?.state).toBe('succeeded');
    const outcomes = (await enricher.sessions.result(session!.id))!.outcomes;
    const result = <T,>(stage: string) => {
      const outcome = outcomes[stage];
      if (outcome?.status !== 'done') throw new Error(`${stage} is ${outcome?.status}`);
      return outcome.result as T;
    };

    const video = result<VideoStageResult>('video').videos[0]!;
    expect(video.codec).toBe('avc');
    expect(video.hasAudio).toBe(true);

    // OCR recall: the words on each page are read from the frames that show it.
    const ocr = result<OcrResult>('ocr');
    expect(ocr.screens.map((s) => s.mediaId)).toEqual(video.frames.map((f) => f.id));
    const read = new Set(ocr.screens.flatMap((s) => words(s.text)));
    const shown = PAGES.flatMap((p) => p.lines.flatMap(words));
    const recall = shown.filter((w) => read.has(w)).length / shown.length;
    expect(recall).toBeGreaterThanOrEqual(0.95);

    // Chapters start where the recorded page changed, and end where the next one starts.
    const chapters = result<ChaptersResult>('chapters');
    expect(chapters.chapters).toHaveLength(3);
    chapters.chapters.forEach((chapter, i) => {
      expect(chapter.videoId).toBe(video.mediaId);
      expect(chapter.startSec! - PAGES[i]!.at).toBeGreaterThanOrEqual(0);
      expect(chapter.startSec! - PAGES[i]!.at).toBeLessThanOrEqual(PROBE_SEC);
      expect(chapter.endSec).toBe(chapters.chapters[i + 1]?.startSec ?? video.durationSec);
      // The recording started its length before the file's date.
      expect(chapter.start).toBe(written - Math.round(video.durationSec * 1000) + Math.round(chapter.startSec! * 1000));
    });
    expect(chapters.chapters.map((c) => c.title.split(', ')[0])).toEqual(['Invoice', 'Release', 'Hiring']);
    expect(chapters.thumbnails.map((t) => t.mediaId)).toEqual(video.frames.map((f) => f.id));
    expect(chapters.screens.map((s) => s.timeSec)).toEqual(video.frames.map((f) => f.timeSec));

    // The sound track goes through the audio stage: speech where the sentences are.
    const audio = result<AudioStageResult>('audio').recordings[0]!;
    expect(audio.mediaId).toBe(video.mediaId);
    expect(audio.segments).toHaveLength(SPEECH.length);
    audio.segments.forEach((segment, i) => {
      expect(Math.abs(segment.start - SPEECH[i]![0])).toBeLessThanOrEqual(0.3);
      expect(Math.abs(segment.end - SPEECH[i]![1])).toBeLessThanOrEqual(0.3);
    });
    expect(audio.speechRatio).toBeCloseTo(speechSec / 18, 1);

    // Text read from the video is searchable like a screenshot's.
    const [hit] = await waitFor(async () => {
      const hits = await enricher.search('interviews');
      return hits.length > 0 && hits;
    }, { what: 'the video session in the search index' });
    expect(hit).toMatchObject({ sessionId: session!.id, kind: 'chapter', chapter: 2 });
  });
});
