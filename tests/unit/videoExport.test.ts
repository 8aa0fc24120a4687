import { describe, expect, test } from 'vitest';
import type { ResultRecord } from '../../src/shared/db.ts';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import type { ChaptersResult, OcrResult, VideoStageResult } from '../../src/shared/results.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { buildEnrichment } from '../../workers/export/enrichment.ts';
import { buildReport } from '../../workers/export/report.ts';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const session: SessionRecord = {
  id: 'ses_v',
  title: 'Planning',
  source: 'import',
  startedAt: T0,
  endedAt: T0,
  notes: '',
  tags: [],
  screenshots: [{ id: 's1', name: 'shot.png', kind: 'image', type: 'image/png', size: 1, at: T0 - 1000 }],
  audio: [],
  videos: [{ id: 'v1', name: 'planning.mp4', kind: 'video', type: 'video/mp4', size: 1, at: T0 }],
  transcript: null,
  importedAt: T0,
  warnings: [],
};
const frame = (ms: number) => ({ id: `v1@${ms}`, videoId: 'v1', timeSec: ms / 1000, at: T0 + ms, reason: 'interval' as const, blob: new Blob(), width: 1280, height: 720 });
const video: VideoStageResult = {
  videos: [{ mediaId: 'v1', name: 'planning.mp4', durationSec: 18, width: 1280, height: 720, codec: 'avc', hasAudio: true, decodedFrames: 90, frames: [frame(0), frame(6000), frame(12_600)] }],
};
const ocr: OcrResult = {
  screens: [
    { mediaId: 's1', text: 'Shot', confidence: 90 },
    { mediaId: 'v1@0', text: 'Invoice export', confidence: 95 },
    { mediaId: 'v1@6000', text: 'Release checklist', confidence: 94 },
    { mediaId: 'v1@12600', text: 'Hiring plan', confidence: 93 },
  ],
};
const chapters: ChaptersResult = {
  screens: [],
  thumbnails: [],
  chapters: [
    { index: 0, firstScreen: 0, lastScreen: 0, start: T0 - 1000, end: T0 - 1000, title: 'Shot', keywords: [] },
    { index: 1, firstScreen: 1, lastScreen: 2, start: T0, end: T0 + 6000, title: 'Invoice', keywords: [], videoId: 'v1', startSec: 0, endSec: 12.6 },
    { index: 2, firstScreen: 3, lastScreen: 3, start: T0 + 12_600, end: T0 + 12_600, title: 'Hiring', keywords: [], videoId: 'v1', startSec: 12.6, endSec: 18 },
  ],
};
const done = (result: unknown): StageOutcome => ({ status: 'done', result, ms: 1 });
const record: ResultRecord = { sessionId: 'ses_v', jobId: 'j', attempt: 1, committedAt: T0, outcomes: { video: done(video), ocr: done(ocr), chapters: done(chapters) } };

describe('buildEnrichment() for a video session', () => {
  test('screens sampled from the video carry their time in it; video chapters their start and end', () => {
    const enrichment = buildEnrichment(session, record);
    // The session lasts until its 18-second recording ends, not only until the recording's time.
    expect([enrichment.session.startedAt, enrichment.session.endedAt]).toEqual(['2026-11-20T09:00:00.000Z', '2026-11-20T09:00:18.000Z']);
    expect(enrichment.screens).toEqual([
      { file: 'shot.png', at: new Date(T0 - 1000).toISOString(), text: 'Shot', confidence: 90, chapter: 0 },
      { file: 'planning.mp4', at: new Date(T0).toISOString(), text: 'Invoice export', confidence: 95, chapter: 1, timeSec: 0 },
      { file: 'planning.mp4', at: new Date(T0 + 6000).toISOString(), text: 'Release checklist', confidence: 94, chapter: 1, timeSec: 6 },
      { file: 'planning.mp4', at: new Date(T0 + 12_600).toISOString(), text: 'Hiring plan', confidence: 93, chapter: 2, timeSec: 12.6 },
    ]);
    expect(enrichment.chapters[0]).not.toHaveProperty('startSec');
    expect(enrichment.chapters.slice(1).map(({ video, startSec, endSec }) => ({ video, startSec, endSec }))).toEqual([
      { video: 'planning.mp4', startSec: 0, endSec: 12.6 },
      { video: 'planning.mp4', startSec: 12.6, endSec: 18 },
    ]);
    expect(enrichment.videos).toEqual([{ file: 'planning.mp4', at: new Date(T0).toISOString(), durationSec: 18, width: 1280, height: 720, codec: 'avc', frames: 3 }]);
    expect(buildReport(enrichment)).toContain('0:12–0:18 of planning.mp4');
  });

  test('a session without videos has no `videos` field', () => {
    expect(buildEnrichment({ ...session, videos: undefined }, undefined)).not.toHaveProperty('videos');
  });
});

describe('buildEnrichment() for a screenshot taken during a recording', () => {
  test('screens are listed in time order, the order chapters number them in', () => {
    const during: SessionRecord = { ...session, screenshots: [{ ...session.screenshots[0]!, at: T0 + 7000 }] };
    const timeOrdered: ChaptersResult = {
      screens: [],
      thumbnails: [],
      chapters: [
        { index: 0, firstScreen: 0, lastScreen: 1, start: T0, end: T0 + 6000, title: 'Invoice', keywords: [], videoId: 'v1', startSec: 0, endSec: 7 },
        { index: 1, firstScreen: 2, lastScreen: 2, start: T0 + 7000, end: T0 + 7000, title: 'Shot', keywords: [] },
        { index: 2, firstScreen: 3, lastScreen: 3, start: T0 + 12_600, end: T0 + 12_600, title: 'Hiring', keywords: [], videoId: 'v1', startSec: 12.6, endSec: 18 },
      ],
    };
    const enrichment = buildEnrichment(during, { ...record, outcomes: { ...record.outcomes, chapters: done(timeOrdered) } });
    expect(enrichment.screens.map(({ file, text, chapter }) => ({ file, text, chapter }))).toEqual([
      { file: 'planning.mp4', text: 'Invoice export', chapter: 0 },
      { file: 'planning.mp4', text: 'Release checklist', chapter: 0 },
      { file: 'shot.png', text: 'Shot', chapter: 1 },
      { file: 'planning.mp4', text: 'Hiring plan', chapter: 2 },
    ]);
    expect(enrichment.chapters.map((chapter) => chapter.screens)).toEqual([[0, 1], [2], [3]]);
  });
});
