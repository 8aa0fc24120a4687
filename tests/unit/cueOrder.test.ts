import { describe, expect, test } from 'vitest';
import type { TranscriptResult } from '../../src/shared/results.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { transcriptStage } from '../../workers/stages/transcript.ts';
import { bareSession, stageContext } from '../fixtures/stageContext.ts';

async function transcriptOf(name: string, text: string): Promise<TranscriptResult> {
  const ref: MediaRef = { id: 't1', name, kind: 'transcript', type: '', size: text.length, at: null };
  const session = bareSession({ id: 'ses-1', title: 'Planning', startedAt: Date.UTC(2026, 10, 20, 9), transcript: ref });
  return (await transcriptStage(stageContext(session, { readMedia: async () => new Blob([text]) }))) as TranscriptResult;
}

/**
 * Cues edited by hand or joined from two files come out of order. Everything after the stage
 * reads cues in time order (the summary's sentences and their pauses, spoken action items, the
 * transcript list in the session view), so the stage puts them in order and says it did.
 */
describe('a transcript whose cues are not in time order', () => {
  const srt = [
    '1', '00:00:10,000 --> 00:00:12,000', 'Third we ship it.', '',
    '2', '00:00:01,000 --> 00:00:05,000', 'First we plan.', '',
    '3', '00:00:02,000 --> 00:00:04,000', 'Meanwhile we talk.', '',
    '4', '00:00:02,000 --> 00:00:03,000', 'Same start, later in the file.', '',
  ].join('\n');

  test('its cues are put in time order, equal starts in file order, with a note', async () => {
    const result = await transcriptOf('joined.srt', srt);
    expect(result.cues.map((cue) => cue.text)).toEqual(['First we plan.', 'Meanwhile we talk.', 'Same start, later in the file.', 'Third we ship it.']);
    expect(result.cues.map((cue) => cue.at)).toEqual([1_000, 2_000, 2_000, 10_000].map((ms) => Date.UTC(2026, 10, 20, 9) + ms));
    expect(result.warnings).toEqual(['joined.srt: its cues are not in time order; they were put in order.']);
  });

  test('cues in order, overlapping or not, get no note', async () => {
    const result = await transcriptOf('call.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nOne.\n\n00:00:02.000 --> 00:00:03.000\nTwo.\n\n00:00:02.000 --> 00:00:06.000\nThree.\n');
    expect(result.cues.map((cue) => cue.text)).toEqual(['One.', 'Two.', 'Three.']);
    expect(result.warnings).toEqual([]);
  });
});
