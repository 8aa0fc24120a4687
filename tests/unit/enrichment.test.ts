import { describe, expect, test } from 'vitest';
import type { ResultRecord } from '../../src/shared/db.ts';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import type { AudioStageResult, ChaptersResult, OcrResult, SummaryResult, TranscriptResult } from '../../src/shared/results.ts';
import type { MediaRef, SessionRecord } from '../../src/shared/session.ts';
import { buildEnrichment, exportStatus } from '../../workers/export/enrichment.ts';
import { buildReport } from '../../workers/export/report.ts';
import { withoutRedactedWords } from '../../workers/export/redactedWords.ts';
import { exportRedactionPlan } from '../../workers/export/exportRedaction.ts';
import { redactStrings } from '../../workers/privacy/redactText.ts';
import type { Job } from '../../src/shared/job.ts';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const ref = (id: string, name: string, kind: MediaRef['kind'], at: number | null): MediaRef => ({ id, name, kind, type: '', size: 1, at });

const session: SessionRecord = {
  id: 'ses_1',
  title: 'Team standup',
  source: 'import',
  startedAt: T0,
  endedAt: T0 + 125_000,
  notes: '- [ ] Send the invoice export fix',
  tags: ['standup'],
  screenshots: [ref('s1', 'screens/0001.png', 'image', T0 + 5000), ref('s2', 'screens/0002.png', 'image', T0 + 65_000), ref('s3', 'screens/0003.png', 'image', null)],
  audio: [ref('a1', 'audio.wav', 'audio', T0), ref('a2', 'more.wav', 'audio', null)],
  transcript: ref('t1', 'transcript.vtt', 'transcript', null),
  importedAt: T0,
  warnings: [],
};

const ocr: OcrResult = {
  screens: [
    { mediaId: 's1', text: 'Sprint board', confidence: 91.5 },
    { mediaId: 's2', text: '', confidence: 0, message: 'This screenshot could not be read.' },
    { mediaId: 's3', text: 'Release checklist', confidence: 88 },
  ],
};
const chapters: ChaptersResult = {
  screens: [],
  chapters: [
    { index: 0, firstScreen: 0, lastScreen: 1, start: T0 + 5000, end: T0 + 65_000, title: 'Sprint, board', keywords: ['sprint', 'board'] },
    { index: 1, firstScreen: 2, lastScreen: 2, start: null, end: null, title: 'Release, checklist', keywords: ['release'] },
  ],
  thumbnails: [],
};
const recording = (mediaId: string, durationSec: number, loudnessDb: number) => ({
  mediaId,
  durationSec,
  sampleRate: 8000,
  channels: 1,
  loudnessDb,
  longestSilenceSec: 1,
  waveform: [],
});
const audio: AudioStageResult = {
  recordings: [
    { ...recording('a1', 6, -12), segments: [{ start: 0.5, end: 2 }, { start: 3, end: 5 }], speechSec: 3.5, speechRatio: 3.5 / 6 },
    { ...recording('a2', 4, -12), segments: [{ start: 1.1, end: 3.3 }], speechSec: 2.2, speechRatio: 0.55 },
  ],
  speechSec: 5.7,
};
const transcript: TranscriptResult = {
  cues: [{ start: 0.5, end: 2, text: 'Morning all.', at: T0 + 500, chapter: 0 }],
  warnings: [],
};
const summary: SummaryResult = {
  keywords: ['invoice', 'release'],
  sentences: ['The invoice export is blocked.'],
  actionItems: [{ text: 'Send the invoice export fix', source: 'notes', done: false }],
  chapters: [{ chapter: 1, title: 'Release plan', keywords: ['release', 'staging'], sentences: [] }],
};
const storyboard = { blob: new Blob(['png']), width: 1280, height: 420 };

const done = (result: unknown): StageOutcome => ({ status: 'done', result, ms: 5 });
const record = (outcomes: Record<string, StageOutcome>): ResultRecord => ({ sessionId: 'ses_1', jobId: 'job_1', attempt: 1, committedAt: T0, outcomes });
const everything = () =>
  record({ ocr: done(ocr), chapters: done(chapters), audio: done(audio), transcript: done(transcript), summary: done(summary), storyboard: done(storyboard), index: done({ documents: [] }) });

describe('buildEnrichment()', () => {
  test('every stage done: every field of schema version 2, times in ISO-8601; a screenshot not read makes it partial', () => {
    const enrichment = buildEnrichment(session, everything());
    expect(Object.keys(enrichment)).toEqual(['schemaVersion', 'session', 'status', 'job', 'warnings', 'stages', 'screens', 'chapters', 'audio', 'transcript', 'transcriptSource', 'summary', 'storyboard']);
    expect(enrichment.schemaVersion).toBe(2);
    expect(enrichment.session).toEqual({ id: 'ses_1', title: 'Team standup', startedAt: '2026-11-20T09:00:00.000Z', endedAt: '2026-11-20T09:02:05.000Z', tags: ['standup'] });
    expect(enrichment.warnings).toEqual([{ file: 'screens/0002.png', message: 'This screenshot could not be read.' }]);
    expect(enrichment.status).toBe('partial');
    expect(Object.keys(enrichment.stages)).toEqual(['ocr', 'chapters', 'audio', 'transcript', 'summary', 'storyboard', 'index']);
    expect(enrichment.stages.ocr).toEqual({ status: 'done' });
    expect(enrichment.screens).toEqual([
      { file: 'screens/0001.png', at: '2026-11-20T09:00:05.000Z', text: 'Sprint board', confidence: 91.5, chapter: 0 },
      { file: 'screens/0002.png', at: '2026-11-20T09:01:05.000Z', text: null, confidence: null, chapter: 0 },
      { file: 'screens/0003.png', at: null, text: 'Release checklist', confidence: 88, chapter: 1 },
    ]);
    expect(enrichment.chapters).toEqual([
      { index: 0, start: '2026-11-20T09:00:05.000Z', end: '2026-11-20T09:01:05.000Z', title: 'Sprint, board', keywords: ['sprint', 'board'], screens: [0, 1] },
      { index: 1, start: null, end: null, title: 'Release plan', keywords: ['release', 'staging'], screens: [2] },
    ]);
    // Recordings follow one another: the second one's speech starts 6 s in. Each segment also says
    // when it was spoken on the session's clock, where its recording's start is known.
    expect(enrichment.audio).toEqual({
      durationSec: 10,
      speechSegments: [
        { start: 0.5, end: 2, file: 'audio.wav', at: '2026-11-20T09:00:00.500Z' },
        { start: 3, end: 5, file: 'audio.wav', at: '2026-11-20T09:00:03.000Z' },
        { start: 7.1, end: 9.3, file: 'more.wav', at: null },
      ],
      speechRatio: 0.57,
      loudnessDb: -12,
    });
    expect(enrichment.transcript).toEqual([{ start: 0.5, end: 2, text: 'Morning all.' }]);
    expect(enrichment.transcriptSource).toEqual({ kind: 'imported', file: 'transcript.vtt' });
    expect(enrichment.summary).toEqual({ keywords: ['invoice', 'release'], sentences: ['The invoice export is blocked.'], actionItems: [{ text: 'Send the invoice export fix', source: 'notes', done: false, kind: 'action' }] });
    expect(enrichment.storyboard).toBe('storyboard.png');
    expect(JSON.parse(JSON.stringify(enrichment))).toEqual(enrichment);
  });

  test('speech is placed at its recording\'s start as the audio stage found it (a file date is the end of a recording)', () => {
    const startedEarlier = { ...audio, recordings: audio.recordings.map((r, i) => (i === 0 ? { ...r, startAt: T0 - 60_000 } : r)) };
    const enrichment = buildEnrichment(session, record({ audio: done(startedEarlier) }));
    expect(enrichment.audio?.speechSegments[0]).toEqual({ start: 0.5, end: 2, file: 'audio.wav', at: '2026-11-20T08:59:00.500Z' });
  });

  test('a sound track that repeats a recording of the same meeting adds no speech, time or segments of its own', () => {
    const repeated = { ...audio.recordings[0]!, mediaId: 'v1', sameAs: 'a1' };
    const heardTwice = { ...audio, recordings: [...audio.recordings, repeated] };
    const once = buildEnrichment(session, record({ audio: done(audio) }));
    expect(buildEnrichment(session, record({ audio: done(heardTwice) })).audio).toEqual(once.audio);
  });

  test('a partial session: failed and skipped stages are listed with their reasons, their parts left empty', () => {
    const enrichment = buildEnrichment(
      session,
      record({
        ocr: { status: 'failed', error: { class: 'permanent', message: 'The text reader could not start.', stage: 'ocr' }, ms: 3 },
        chapters: done(chapters),
        audio: { status: 'failed', error: { class: 'permanent', message: 'audio.wav is not a WAV recording.', stage: 'audio' }, ms: 1 },
        transcript: done(transcript),
        summary: { status: 'skipped', message: 'Summaries are paused after repeated failures.' },
        storyboard: done(storyboard),
      }),
    );
    expect(enrichment.status).toBe('partial');
    expect(enrichment.stages).toEqual({
      ocr: { status: 'failed', message: 'The text reader could not start.' },
      chapters: { status: 'done' },
      audio: { status: 'failed', message: 'audio.wav is not a WAV recording.' },
      transcript: { status: 'done' },
      summary: { status: 'skipped', message: 'Summaries are paused after repeated failures.' },
      storyboard: { status: 'done' },
    });
    expect(enrichment.screens.map((s) => s.text)).toEqual([null, null, null]);
    expect(enrichment.chapters.map((c) => c.title)).toEqual(['Sprint, board', 'Release, checklist']);
    expect(enrichment.audio).toBeNull();
    expect(enrichment.summary).toEqual({ keywords: [], sentences: [], actionItems: [] });
    expect(enrichment.storyboard).toBe('storyboard.png');
  });

  test('a transcript the AI provider or the speech model on this device made from the recordings is exported with its source; none at all is null', () => {
    const heard: TranscriptResult = { ...transcript, source: { kind: 'provider', origin: 'http://127.0.0.1:8000', model: 'whisper-1' } };
    const spoken = buildEnrichment({ ...session, transcript: null }, record({ transcript: done(heard) }));
    expect(spoken.transcript).toEqual([{ start: 0.5, end: 2, text: 'Morning all.' }]);
    expect(spoken.transcriptSource).toEqual({ kind: 'provider', origin: 'http://127.0.0.1:8000', model: 'whisper-1' });
    const onDevice = buildEnrichment({ ...session, transcript: null }, record({ transcript: done({ ...transcript, source: { kind: 'device', model: 'whisper-tiny.en' } }) }));
    expect(onDevice.transcript).toEqual([{ start: 0.5, end: 2, text: 'Morning all.' }]);
    expect(onDevice.transcriptSource).toEqual({ kind: 'device', model: 'whisper-tiny.en' });
    const none = buildEnrichment({ ...session, transcript: null }, record({ transcript: done({ cues: [], warnings: [], source: { kind: 'none' } }) }));
    expect(none.transcript).toBeNull();
    expect('transcriptSource' in none).toBe(false);
  });

  test('a session never enriched is "not-enriched" with no stages and no job; no transcript file means a null transcript', () => {
    const bare = buildEnrichment({ ...session, transcript: null, startedAt: null }, undefined);
    expect(bare.status).toBe('not-enriched');
    expect(bare.job).toBeNull();
    expect(bare.stages).toEqual({});
    expect(bare.session.startedAt).toBeNull();
    expect(bare.chapters).toEqual([]);
    expect(bare.screens.every((screen) => screen.chapter === null)).toBe(true);
    expect(bare.audio).toBeNull();
    expect(bare.transcript).toBeNull();
    expect(bare.storyboard).toBeNull();
    expect(buildEnrichment({ ...session, transcript: null }, everything()).transcript).toBeNull();
  });
});

test('buildEnrichment() - a result stored before the audio stage measured loudness takes the level measured at export', () => {
  const { loudnessDb: _dropped, ...older } = audio.recordings[0]!;
  const stored = record({ audio: done({ ...audio, recordings: [older] }) });
  expect(buildEnrichment(session, stored, { loudnessDb: -20.5 }).audio?.loudnessDb).toBe(-20.5);
  expect(buildEnrichment(session, stored).audio?.loudnessDb).toBeNull();
});

describe('exportStatus()', () => {
  test('complete when every stage that ran is done, failed when none is, partial otherwise', () => {
    const failed: StageOutcome = { status: 'failed', error: { class: 'transient', message: 'x' }, ms: 1 };
    const skipped: StageOutcome = { status: 'skipped', message: 'y' };
    expect(exportStatus({ a: done(1), b: done(2) })).toBe('complete');
    expect(exportStatus({ a: done(1), b: failed })).toBe('partial');
    expect(exportStatus({ a: done(1), b: skipped })).toBe('partial');
    expect(exportStatus({ a: failed, b: skipped })).toBe('failed');
    expect(exportStatus({})).toBe('failed');
    expect(exportStatus(undefined)).toBe('not-enriched');
    expect(exportStatus({ a: done(1), b: { status: 'done', result: 2, ms: 1, warning: 'fell back' } })).toBe('partial');
  });
});

describe('the AI provider in the export', () => {
  const provider = { source: 'provider' as const, model: 'llama3', origin: 'http://127.0.0.1:11434' };

  test("the provider's summary is exported beside the on-device one, marked, with the model and origin", () => {
    const made: SummaryResult = { ...summary, provider: { status: 'done', ...provider, summary: 'A release review.', actionItems: ['Ship it'], requests: 2 } };
    const enrichment = buildEnrichment(session, record({ summary: done(made) }));
    expect(enrichment.summary.provider).toEqual({ ...provider, summary: 'A release review.', actionItems: ['Ship it'] });
    expect(enrichment.summary.sentences).toEqual(summary.sentences);
  });

  test('a fallback exports only the on-device summary, the stage saying why, and the session as partial', () => {
    const fellBack: SummaryResult = { ...summary, provider: { status: 'fallback', ...provider, message: 'You are offline. The on-device summary is shown.' } };
    const outcome: StageOutcome = { status: 'done', result: fellBack, ms: 5, warning: 'You are offline. The on-device summary is shown.' };
    const enrichment = buildEnrichment(session, record({ summary: outcome }));
    expect(enrichment.summary.provider).toBeUndefined();
    expect(enrichment.stages.summary).toEqual({ status: 'done', message: 'You are offline. The on-device summary is shown.' });
    expect(enrichment.status).toBe('partial');
  });
});

describe('the job in the export', () => {
  const base = { id: 'job-1', sessionId: session.id, batchId: 'b', priority: 'normal' as const, seq: 1, maxAttempts: 3, stageOrder: ['ocr'], stages: {}, timeoutMs: 1000, createdAt: 1, updatedAt: 2 };

  test('a job that ended with no result makes the session "failed", with the job\'s reason', () => {
    const message = 'The page stopped 4 times while this session was being enriched, so it was set aside: it may be what makes the page crash. Use "Retry failed" to try it again.';
    const job: Job = { ...base, state: 'failed', attempts: 0, crashes: 4, finishedAt: 3, lastError: { class: 'permanent', message } };
    const enrichment = buildEnrichment(session, undefined, {}, job);
    expect(enrichment.status).toBe('failed');
    expect(enrichment.job).toEqual({ state: 'failed', attempts: 0, maxAttempts: 3, reason: message });
    expect(buildReport(enrichment)).toContain(`_${message}_`);
  });

  test('a queued job leaves the session "not-enriched"; a done job has no reason', () => {
    const queued: Job = { ...base, state: 'queued', attempts: 0 };
    expect(buildEnrichment(session, undefined, {}, queued)).toMatchObject({ status: 'not-enriched', job: { state: 'queued', reason: null } });
    const done: Job = { ...base, state: 'succeeded', attempts: 1, startedAt: 2, finishedAt: 3 };
    const record: ResultRecord = { sessionId: session.id, jobId: 'job-1', attempt: 1, committedAt: 3, outcomes: { ocr: { status: 'done', result: { screens: [] }, ms: 1 } } };
    expect(buildEnrichment(session, record, {}, done)).toMatchObject({ status: 'complete', job: { state: 'succeeded', attempts: 1, reason: null } });
  });
});

describe('warnings in the export', () => {
  test('import and stage warnings are listed with their file, once each, and make a complete session partial', () => {
    const warned: SessionRecord = { ...session, warnings: ['session.json names screens/gone.png, which is not in the folder.'] };
    const skipped = 'screen.png is 20000×20000 pixels; images over 50 megapixels are skipped.';
    const shot = warned.screenshots[0]!;
    const record: ResultRecord = {
      sessionId: session.id,
      jobId: 'job-1',
      attempt: 1,
      committedAt: 3,
      outcomes: {
        chapters: { status: 'done', result: { screens: [{ mediaId: shot.id, hash: '', distance: 0, at: null, message: skipped }], chapters: [], thumbnails: [] }, ms: 1 },
        ocr: { status: 'done', result: { screens: [{ mediaId: shot.id, text: '', confidence: 0, message: skipped }] }, ms: 1 },
        transcript: { status: 'done', result: { cues: [], warnings: ['transcript.vtt: Cue 1 has a timestamp it cannot read (00:00:xx.000); it was skipped.'] }, ms: 1 },
      },
    };
    const enrichment = buildEnrichment(warned, record);
    expect(enrichment.warnings).toEqual([
      { file: null, message: 'session.json names screens/gone.png, which is not in the folder.' },
      { file: shot.name, message: skipped },
      { file: warned.transcript?.name ?? null, message: 'transcript.vtt: Cue 1 has a timestamp it cannot read (00:00:xx.000); it was skipped.' },
    ]);
    expect(enrichment.status).toBe('partial');
    expect(buildReport(enrichment)).toContain(`- ${shot.name}: ${skipped}`);
  });

  test('a session with nothing to say has an empty list and stays complete', () => {
    const record: ResultRecord = { sessionId: session.id, jobId: 'job-1', attempt: 1, committedAt: 3, outcomes: { ocr: { status: 'done', result: { screens: [] }, ms: 1 } } };
    expect(buildEnrichment({ ...session, warnings: [] }, record)).toMatchObject({ status: 'complete', warnings: [] });
  });

  test('action items carry owner, due date, moment and speaker when known; cues their speaker', () => {
    const spoken: SummaryResult = {
      ...summary,
      actionItems: [
        { text: "I'll update the runbook by Thursday", source: 'transcript', done: false, kind: 'action', owner: 'Sam', due: '2026-11-26', at: 92.4004, speaker: 'Sam' },
        { text: 'We decided to keep Postgres', source: 'notes', done: false, kind: 'decision' },
        // Stored before items had a kind.
        { text: 'Send the fix', source: 'notes', done: true },
      ],
    };
    const said: TranscriptResult = { cues: [{ start: 0.5, end: 2, text: 'Morning all.', at: T0 + 500, chapter: 0, speaker: 'Priya' }], warnings: [] };
    const enrichment = buildEnrichment(session, record({ transcript: done(said), summary: done(spoken) }));
    expect(enrichment.summary.actionItems).toEqual([
      { text: "I'll update the runbook by Thursday", source: 'transcript', done: false, kind: 'action', owner: 'Sam', due: '2026-11-26', at: 92.4, speaker: 'Sam' },
      { text: 'We decided to keep Postgres', source: 'notes', done: false, kind: 'decision' },
      { text: 'Send the fix', source: 'notes', done: true, kind: 'action' },
    ]);
    expect(enrichment.transcript).toEqual([{ start: 0.5, end: 2, text: 'Morning all.', speaker: 'Priya' }]);
  });
});

describe('word times in the export', () => {
  const timed: TranscriptResult = {
    cues: [
      { start: 0.5, end: 2, text: 'Call 555 123 4567.', at: T0 + 500, chapter: 0, words: [
        { start: 0.5, end: 0.8, text: 'Call' },
        { start: 0.8, end: 1.1, text: '555' },
        { start: 1.1, end: 1.4, text: '123' },
        { start: 1.4, end: 2, text: '4567.' },
      ] },
      { start: 3, end: 4.00049, text: 'Ship it.', at: T0 + 3000, chapter: 0, words: [{ start: 3, end: 3.33333, text: 'Ship' }, { start: 3.33333, end: 4.00049, text: 'it.' }] },
    ],
    warnings: [],
    source: { kind: 'device', model: 'whisper-tiny.en' },
  };

  test("a cue's timed words are exported with it, rounded to the millisecond", () => {
    const enrichment = buildEnrichment({ ...session, transcript: null }, record({ transcript: done(timed) }));
    expect(enrichment.transcript?.[1]).toEqual({ start: 3, end: 4, text: 'Ship it.', words: [{ start: 3, end: 3.333, text: 'Ship' }, { start: 3.333, end: 4, text: 'it.' }] });
  });

  test('a cue whose text redaction changed loses its words, which would give the value away one by one', () => {
    const spoken = { ...session, transcript: null };
    const stored = record({ transcript: done(timed) });
    const enrichment = buildEnrichment(spoken, stored);
    const plan = exportRedactionPlan(spoken, stored, { mode: 'exports', dismissed: [], marked: [] });
    const redacted = redactStrings(enrichment, plan.kept, plan.pieces);
    // The line is redacted, but its short words are no value on their own: they would go out as said.
    expect(redacted.transcript?.[0]?.text).not.toContain('555');
    expect(redacted.transcript?.[0]?.words?.map((w) => w.text)).toContain('555');
    const out = withoutRedactedWords(enrichment, redacted);
    expect(out.transcript?.[0]).toEqual({ start: 0.5, end: 2, text: redacted.transcript?.[0]?.text });
    expect(out.transcript?.[1]?.words).toHaveLength(2);
  });
});
