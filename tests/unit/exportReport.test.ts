import { describe, expect, test } from 'vitest';
import type { Enrichment } from '../../src/shared/export.ts';
import { buildReport } from '../../workers/export/report.ts';

const enrichment: Enrichment = {
  schemaVersion: 2,
  session: { id: 'ses_1', title: 'Team *standup*', startedAt: '2026-11-20T09:00:00.000Z', endedAt: '2026-11-20T09:02:05.000Z', tags: ['standup'] },
  status: 'partial',
  job: null,
  warnings: [],
  stages: {
    ocr: { status: 'done' },
    chapters: { status: 'done' },
    audio: { status: 'done' },
    transcript: { status: 'failed', message: 'transcript.vtt has no cues.' },
    summary: { status: 'done' },
    storyboard: { status: 'done' },
  },
  screens: [
    { file: 'screens/0001.png', at: '2026-11-20T09:00:05.000Z', text: 'Sprint board', confidence: 91, chapter: 0 },
    { file: 'screens/0002.png', at: null, text: null, confidence: null, chapter: 0 },
  ],
  chapters: [{ index: 0, start: '2026-11-20T09:00:05.000Z', end: '2026-11-20T09:01:05.000Z', title: 'Sprint board', keywords: ['sprint', 'board'], screens: [0, 1] }],
  audio: { durationSec: 6, speechSegments: [{ start: 0.5, end: 2, file: 'standup.wav', at: null }, { start: 3, end: 5, file: 'standup.wav', at: null }], speechRatio: 0.5833, loudnessDb: -9.8 },
  transcript: null,
  summary: { keywords: ['invoice'], sentences: ['The invoice export is blocked.'], actionItems: [{ text: 'Send the fix', source: 'notes', done: false, kind: 'action' }, { text: 'Book the room', source: 'notes', done: true, kind: 'action' }] },
  storyboard: 'storyboard.png',
};

describe('buildReport()', () => {
  test('a report people can read: title, status, storyboard, summary, action items, chapters, speech, stages', () => {
    const report = buildReport(enrichment);
    const lines = report.split('\n');
    expect(lines[0]).toBe('# Team \\*standup\\*');
    expect(report).toContain('2026-11-20 09:00 UTC – 09:02:05 · Tags: standup');
    expect(report).toContain('**Enrichment: partial** (Transcript failed).');
    expect(report).toContain('![Storyboard of Team \\*standup\\*](storyboard.png)');
    expect(report).toContain('The invoice export is blocked.');
    expect(report).toContain('- [ ] Send the fix (from notes)');
    expect(report).toContain('- [x] Book the room (from notes)');
    expect(report).toContain('1. **Sprint board**, 09:00:05–09:01:05, screens 1–2. Keywords: sprint, board.');
    expect(report).toContain('3.5 s of speech in 6.0 s of audio (58 %), in 2 segments; speech level -9.8 dBFS.');
    expect(report).toContain('1. screens/0001.png, 09:00:05: “Sprint board”');
    expect(report).toContain('| Transcript | failed | transcript.vtt has no cues. |');
    expect(report).not.toContain('## Transcript');
  });

  test('missing parts say why, in the stage’s own words', () => {
    const report = buildReport({
      ...enrichment,
      status: 'failed',
      stages: { chapters: { status: 'failed', message: 'screens/0001.png could not be read as an image.' }, summary: { status: 'skipped', message: 'Paused after repeated failures.' } },
      chapters: [],
      audio: null,
      storyboard: null,
    });
    expect(report).toContain('_No chapters: screens/0001.png could not be read as an image._');
    expect(report).toContain('_No summary: Paused after repeated failures._');
    expect(report).toContain('_No speech analysis: this session has not been enriched with it._');
    expect(report).not.toContain('![');
  });

  test('action items show owner, due date, moment and speaker; decisions have their own list; cues their speaker', () => {
    const report = buildReport({
      ...enrichment,
      transcript: [{ start: 1, end: 4, text: "I'll update the runbook by Thursday.", speaker: 'Sam' }],
      summary: {
        keywords: [],
        sentences: [],
        actionItems: [
          { text: "I'll update the runbook by Thursday", source: 'transcript', done: false, kind: 'action', owner: 'Sam', due: '2026-11-26', at: 92.4, speaker: 'Sam' },
          { text: 'We decided to keep Postgres', source: 'notes', done: false, kind: 'decision' },
        ],
      },
    });
    expect(report).toContain("- [ ] I'll update the runbook by Thursday (owner Sam, due 2026-11-26, at 1:32, from transcript, said by Sam)");
    expect(report).toContain('### Decisions\n\n- We decided to keep Postgres (from notes)');
    expect(report).not.toContain('- [ ] We decided');
    expect(report).toContain("- 0:01–0:04 **Sam:** I'll update the runbook by Thursday.");
  });

  test('the privacy part counts what was redacted in words, and a time past an hour with its hours', () => {
    const report = buildReport({
      ...enrichment,
      redaction: { mode: 'exports', redacted: { marked: 2, email: 3, 'aws-key': 1 }, notSensitive: 1, notes: [] },
      transcript: [{ start: 3723, end: 3725.5, text: 'Back after the break.' }],
    });
    // In the review's order, whatever order the counts were stored in.
    expect(report).toContain('Redacted: 1 AWS key, 3 e-mail addresses, 2 items marked by you.');
    expect(report).toContain('1 item marked "Not sensitive" left as found.');
    expect(report).toContain('- 1:02:03–1:02:05 Back after the break.');
  });
});
